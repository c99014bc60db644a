"""Iteratively reweighted ridge for l_inf-adversarial linear regression in numpy, following the structure
of the paper's official solver (github.com/antonior92/advtrain-linear, linadvtrain/regression.py,
method 'w-ridge'), written anew for `pnpm bench:peers adversarial-linear`: each iteration solves the
ridge problem on rows scaled by sqrt(sample weight) and columns by 1/sqrt(feature weight) (the official
code calls scikit-learn's ridge, a Cholesky solve for dense inputs; here the normal equations go through
numpy's Cholesky and two solves), then refreshes the sample and feature weights with the eta trick
(|v| smoothed as sqrt(v^2 + 1e-20)). Returns the last iteration's mean (|e_i| + delta ||beta||_1)^2."""
import numpy as np

SMOOTH = 1e-20


def irr_linf(p):
    n, d = p["n"], p["p"]
    x = p["x"].reshape(n, d)
    y = p["y"]
    delta, iterations = p["delta"], p["iterations"]

    def call():
        w = np.full(n, 1.0 / n)
        feat = np.ones(d)
        reg = delta * delta
        risk = np.nan
        for _ in range(iterations):
            sw = np.sqrt(w)
            xr = x * sw[:, None] / np.sqrt(feat)[None, :]
            yr = y * sw
            a = xr.T @ xr
            a[np.diag_indices(d)] += reg
            l = np.linalg.cholesky(a)
            z = np.linalg.solve(l, xr.T @ yr)
            beta = np.linalg.solve(l.T, z) / np.sqrt(feat)
            err = y - x @ beta
            risk = float(np.mean((np.abs(err) + delta * np.abs(beta).sum()) ** 2))
            e_hat = np.sqrt(err * err + SMOOTH)
            b_hat = np.sqrt((delta * beta) ** 2 + SMOOTH)
            s = e_hat + b_hat.sum()
            s_sum = s.sum()
            b_min = b_hat.min()
            reg = delta * delta * s_sum / b_min
            feat = b_min / b_hat
            w = s / e_hat
            total = w.sum()
            w /= total
            reg /= total
        return risk

    return call


CASES = {"irr_linf": irr_linf}


def logistic_loss(m):
    return np.where(m > 0, np.log1p(np.exp(-np.abs(m))), -m + np.log1p(np.exp(-np.abs(m))))


def logistic_weight(m):
    e = np.exp(-np.abs(m))
    return np.where(m >= 0, e / (1 + e), 1 / (1 + e))


def project_linf_cone(w, t, delta, rho):
    """Projection of (w, t) onto {delta ||w||_1 <= rho t} (soft threshold found from the sorted |w|)."""
    if delta * np.abs(w).sum() <= rho * t:
        return w, t
    a = np.sort(np.abs(w))[::-1]
    rt, r2 = rho / delta * t, rho * rho / (delta * delta)
    c = np.cumsum(a)
    k = int(np.count_nonzero(c - np.arange(1, len(a) + 1) * a - rt - r2 * a <= 0))
    if k == 0:
        return np.zeros_like(w), 0.0
    s = max(0.0, (a[:k].sum() - rt) / (delta * k + rho * rho / delta))
    tau = t + rho * s
    if tau <= 0:
        return np.zeros_like(w), 0.0
    return np.sign(w) * np.maximum(np.abs(w) - delta * s, 0.0), tau


def agd_linf(p):
    """Projected Nesterov (FISTA) with backtracking on the extended logistic objective
    F(w, t) = mean log(1 + exp(-(y x^T w - rho t))) over the cone delta ||w||_1 <= rho t, following the
    official agd_with_backtrack loop (step from 1e10, shrink by 1.5, at most 100 trials), with the
    decrease F(z+) - F(v) evaluated as mean log1p(sigma(-m) expm1(-dm)) and the adversarial risk
    mean log(1 + exp(-(y x^T w - delta ||w||_1))) recorded every iteration."""
    n, d = p["n"], p["p"]
    x = p["x"].reshape(n, d)
    y = p["y"]
    delta, iterations = p["delta"], p["iterations"]

    def call():
        lam_max = np.linalg.norm(x, 2) ** 2 / n
        rho = 0.5 * np.sqrt(lam_max)
        z = np.zeros(d + 1)
        v = z.copy()
        theta, eta, risk = 1.0, 1e10, np.nan
        for _ in range(iterations):
            u = y * (x @ v[:d])
            m = u - rho * v[d]
            sw = logistic_weight(m)
            g = np.empty(d + 1)
            g[:d] = x.T @ (-sw * y) / n
            g[d] = rho * sw.sum() / n
            for _trial in range(100):
                zn = v - eta * g
                w, t = project_linf_cone(zn[:d], zn[d], delta, rho)
                zn[:d], zn[d] = w, t
                dz = zn - v
                du = y * (x @ dz[:d])
                dF = np.log1p(sw * np.expm1(-(du - rho * dz[d]))).mean()
                if dF <= g @ dz + dz @ dz / (2 * eta):
                    break
                eta /= 1.5
            risk = float(logistic_loss(u + du - delta * np.abs(zn[:d]).sum()).mean())
            theta_next = (1 + np.sqrt(1 + 4 * theta * theta)) / 2
            v = zn + (theta - 1) / theta_next * (zn - z)
            theta = theta_next
            z = zn
        return risk

    return call


CASES["agd_linf"] = agd_linf
