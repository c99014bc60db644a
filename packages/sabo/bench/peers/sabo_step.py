"""One SABO iteration with a diagonal Gaussian in numpy for `pnpm bench:peers sabo`, with the package's
defaults: N = 20 samples per phase, rho = sqrt(d)/2, beta = 1/sqrt(d), standardised fitness, score
gradients g_mu = sum f_i z_i / (N sqrt(s)), g_s = sum f_i (z_i^2 - 1) / (2 N s); ascent step
mu + s g_mu / lam, s (1 + clip(2 s g_s / lam, +-0.5)) with lam = sqrt(sum(s g_mu^2 / 2 + s^2 g_s^2)) / rho;
descent 1/s' = 1/s + 2 beta g_s (floored at 1e-12), mu' = mu - beta s' g_mu. Objective: the sphere.
The first call uses the points the TypeScript side drew; it returns sum(mu) + sum(s)."""
import numpy as np


def sabo_iteration(p):
    d, n = p["d"], p["n"]
    first = {"ascent": p["ascent"].reshape(n, d), "descent": p["descent"].reshape(n, d)}
    rho, beta = 0.5 * np.sqrt(d), 1.0 / np.sqrt(d)
    state = {"mu": np.zeros(d), "s": np.ones(d), "first": True}
    rng = np.random.default_rng(1)

    def grads(m, s, x):
        sd = np.sqrt(s)
        z = (x - m) / sd
        f = (x * x).sum(axis=1)
        std = f.std()
        fh = (f - f.mean()) / (std if std >= 1e-12 else 1.0)
        g_mu = fh @ z / (n * sd)
        g_s = (fh @ (z * z) - fh.sum()) / (2 * n * s)
        return g_mu, g_s

    def draw(m, s, phase):
        if state["first"]:
            return first[phase]
        return m + np.sqrt(s) * rng.standard_normal((n, d))

    def call():
        mu, s = state["mu"], state["s"]
        g_mu, g_s = grads(mu, s, draw(mu, s, "ascent"))
        q = (0.5 * s * g_mu * g_mu + s * s * g_s * g_s).sum()
        lam = np.sqrt(q) / rho
        pm = mu + s * g_mu / lam
        ps = s * (1 + np.clip(2 * s * g_s / lam, -0.5, 0.5))
        g_mu, g_s = grads(pm, ps, draw(pm, ps, "descent"))
        inv = np.maximum(1 / s + 2 * beta * g_s, 1e-12)
        s_next = 1 / inv
        state["mu"] = mu - beta * s_next * g_mu
        state["s"] = s_next
        was_first = state["first"]
        state["first"] = False
        return float(state["mu"].sum() + state["s"].sum()) if was_first else float("nan")

    return call


CASES = {"sabo_iteration": sabo_iteration}
