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
