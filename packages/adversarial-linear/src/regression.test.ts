import { DescentError, Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { gaussian, sparseGaussian } from "./datasets.js";
import { defaultRadius } from "./radius.js";
import { fitAdversarialRegression } from "./regression.js";
import { fitRegressionSubgradient } from "./regression-subgradient.js";
import { regressionRisk } from "./risk.js";
import { relativeDifference } from "./testing/relative-difference.js";

describe("IRR regression (docs/method.md §c.1)", () => {
  const small = gaussian(50, 5, { seed: 12 });
  const sparse = sparseGaussian(60, 8, 3, { seed: 13 });

  it("risk history is non-increasing for all three solvers and both attacks (docs/method.md §f.6, slack 1e-12)", () => {
    const cases = [
      ["irr-cholesky", "linf"],
      ["irr-cholesky", "l2"],
      ["irr-cg", "linf"],
      ["irr-cg", "l2"],
      ["irr-sqlasso", "linf"],
    ] as const;
    for (const [solver, attack] of cases) {
      const fit = fitAdversarialRegression(sparse.X, sparse.y, { solver, attack, maxIter: 200, tol: 0 });
      const h = fit.riskHistory;
      for (let k = 1; k < h.length; k++)
        expect(h[k] as number).toBeLessThanOrEqual((h[k - 1] as number) * (1 + 1e-12));
      expect(fit.risk).toBe(h[h.length - 1]);
      expect(fit.risk).toBeCloseTo(regressionRisk(sparse.X, sparse.y, fit.coef, fit.delta, attack), 13);
    }
  });

  it("Cholesky (2000 its), CG with many steps and squared-lasso agree in risk to 1e-9 (docs/method.md §f.10)", () => {
    for (const attack of ["linf", "l2"] as const) {
      const ref = fitAdversarialRegression(small.X, small.y, { attack, maxIter: 2000, tol: 0 });
      const cg = fitAdversarialRegression(small.X, small.y, {
        attack,
        solver: "irr-cg",
        cgSteps: 20,
        cgTol: 0,
        maxIter: 2000,
        tol: 0,
      });
      expect(relativeDifference(cg.risk, ref.risk)).toBeLessThan(1e-9);
      if (attack === "linf") {
        const sq = fitAdversarialRegression(small.X, small.y, {
          attack,
          solver: "irr-sqlasso",
          maxIter: 500,
          tol: 0,
        });
        expect(relativeDifference(sq.risk, ref.risk)).toBeLessThan(1e-9);
      }
      // and the subgradient baseline never goes below the optimum
      const sg = fitRegressionSubgradient(small.X, small.y, { attack, steps: 2000 });
      expect(sg.bestRisk).toBeGreaterThanOrEqual(ref.risk * (1 - 1e-9));
      expect(sg.bestRisk).toBeLessThan(sg.riskHistory[0] as number);
    }
  });

  it("primal and dual Cholesky forms give the same iterates", () => {
    const a = fitAdversarialRegression(small.X, small.y, {
      attack: "linf",
      form: "primal",
      maxIter: 30,
      tol: 0,
    });
    const b = fitAdversarialRegression(small.X, small.y, {
      attack: "linf",
      form: "dual",
      maxIter: 30,
      tol: 0,
    });
    for (let j = 0; j < 5; j++) expect(b.coef[j]).toBeCloseTo(a.coef[j] as number, 9);
    expect(a.form).toBe("primal");
    expect(b.form).toBe("dual");
  });

  it("δ → 0 (n > p) gives ordinary least squares (docs/method.md §f.11)", () => {
    const { X, y } = small;
    const fit = fitAdversarialRegression(X, y, { attack: "l2", delta: 1e-7, maxIter: 500 });
    // OLS normal equations: Xᵀ(y − Xβ) = 0
    const n = X.rows;
    const p = X.cols;
    for (let j = 0; j < p; j++) {
      let g = 0;
      for (let i = 0; i < n; i++) {
        let pred = 0;
        for (let k = 0; k < p; k++) pred += (X.data[i * p + k] as number) * (fit.coef[k] as number);
        g += (X.data[i * p + j] as number) * ((y[i] as number) - pred);
      }
      expect(Math.abs(g) / n).toBeLessThan(1e-5);
    }
  });

  it("n = 1 closed form min (|y − xᵀβ| + δ‖β‖_*)² = y²·min(1, δ/‖x‖_a)² (docs/method.md §f.2)", () => {
    const rng = new Rng(4);
    for (const attack of ["linf", "l2"] as const) {
      for (let trial = 0; trial < 4; trial++) {
        const x = Array.from(rng.normalArray(4));
        const yv = rng.normal();
        const xa = attack === "linf" ? Math.max(...x.map(Math.abs)) : Math.hypot(...x);
        const delta = xa * [0.3, 0.7, 1.2, 2][trial]!;
        const fit = fitAdversarialRegression([x], [yv], { attack, delta, maxIter: 3000 });
        const expected = yv * yv * Math.min(1, delta / xa) ** 2;
        expect(Math.abs(fit.risk - expected)).toBeLessThan(1e-7 * Math.max(expected, 1e-3));
      }
    }
  });

  it("homogeneity, permutation and sign-flip invariances (docs/method.md §f.12)", () => {
    const { X, y } = sparse;
    // coefficients converge like the square root of the risk gap: compare them to 1e-5
    const opts = { attack: "linf" as const, delta: 0.1, maxIter: 500 };
    const base = fitAdversarialRegression(X, y, opts);
    const scaled = fitAdversarialRegression(
      X,
      y.map((v) => 3 * v),
      opts,
    );
    expect(scaled.risk).toBeCloseTo(9 * base.risk, 9);
    for (let j = 0; j < X.cols; j++) expect(scaled.coef[j]).toBeCloseTo(3 * (base.coef[j] as number), 5);
    const perm = new Rng(1).permutation(X.rows);
    const Xp = new Float64Array(X.data.length);
    const yp = new Float64Array(X.rows);
    perm.forEach((src, i) => {
      Xp.set(X.data.subarray(src * X.cols, (src + 1) * X.cols), i * X.cols);
      yp[i] = y[src] as number;
    });
    const permuted = fitAdversarialRegression({ rows: X.rows, cols: X.cols, data: Xp }, yp, opts);
    expect(permuted.risk).toBeCloseTo(base.risk, 10);
    const Xf = X.data.slice();
    for (let i = 0; i < X.rows; i++) Xf[i * X.cols + 2] = -(Xf[i * X.cols + 2] as number);
    const flipped = fitAdversarialRegression({ rows: X.rows, cols: X.cols, data: Xf }, y, opts);
    expect(flipped.coef[2]).toBeCloseTo(-(base.coef[2] as number), 5);
    expect(flipped.coef[0]).toBeCloseTo(base.coef[0] as number, 5);
  });

  it("ℓ∞ training recovers the support of a sparse model with the default radius", () => {
    const d = sparseGaussian(200, 20, 3, { seed: 5, noise: 0.1 });
    const fit = fitAdversarialRegression(d.X, d.y, { attack: "linf" });
    expect(fit.delta).toBeCloseTo(defaultRadius(d.X, "linf"), 14);
    for (let j = 0; j < 20; j++) {
      if (d.coef[j] === 0) expect(Math.abs(fit.coef[j] as number)).toBeLessThan(1e-4);
      else expect(Math.sign(fit.coef[j] as number)).toBe(Math.sign(d.coef[j] as number));
    }
  });

  it("stops on the update-size tolerance, on the hook's true, and on an aborted signal; is deterministic", () => {
    const conv = fitAdversarialRegression(small.X, small.y, { attack: "l2", tol: 1e-8, maxIter: 1000 });
    expect(conv.converged).toBe(true);
    expect(conv.iterations).toBeLessThan(1000);
    let calls = 0;
    const stopped = fitAdversarialRegression(small.X, small.y, {
      onIteration: (info) => {
        calls++;
        expect(info.iteration).toBe(calls);
        return info.iteration === 3;
      },
    });
    expect(stopped.iterations).toBe(3);
    const ac = new AbortController();
    ac.abort();
    expect(() => fitAdversarialRegression(small.X, small.y, { signal: ac.signal })).toThrow();
    const again = fitAdversarialRegression(small.X, small.y, { attack: "l2", tol: 1e-8, maxIter: 1000 });
    expect(Array.from(again.coef)).toEqual(Array.from(conv.coef));
  });

  it("validates every option", () => {
    const { X, y } = small;
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ attack: "l1" }, /attack must be one of/],
      [{ solver: "lbfgs" }, /solver must be one of/],
      [{ maxIter: 0 }, /maxIter/],
      [{ tol: -1 }, /tol must be >= 0/],
      [{ smoothing: -1 }, /smoothing/],
      [{ cgSteps: 1.5 }, /cgSteps must be an integer/],
      [{ form: "kernel" }, /form must be one of/],
      [{ delta: -0.1 }, /delta must be a finite number >= 0/],
      [{ delta: "max" }, /delta must be/],
      [{ delta: Number.NaN }, /delta must be/],
      [{ solver: "irr-sqlasso", attack: "l2" }, /requires attack "linf"/],
      [{ onIteration: 3 }, /onIteration must be a function/],
      [{ sqLassoInnerIterations: 0 }, /sqLassoInnerIterations/],
    ];
    for (const [opts, re] of bad) {
      expect(() => fitAdversarialRegression(X, y, opts as never)).toThrow(re);
      expect(() => fitAdversarialRegression(X, y, opts as never)).toThrow(DescentError);
    }
    expect(() => fitAdversarialRegression(X, y.subarray(1))).toThrow(/y must have length 50/);
    expect(() =>
      fitAdversarialRegression(
        X,
        y.map((v, i) => (i === 3 ? Number.POSITIVE_INFINITY : v)),
      ),
    ).toThrow(/y must contain only finite/);
    expect(() => fitRegressionSubgradient(X, y, { stepSize: 0 })).toThrow(/stepSize must be > 0/);
    expect(() => fitRegressionSubgradient(X, y, { steps: 0 })).toThrow(/steps/);
    expect(() => fitRegressionSubgradient(X, y, { init: "ones" as never })).toThrow(/init must be/);
  });
});
