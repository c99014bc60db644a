import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { fitAdversarialClassifier, predictProba } from "./classification.js";
import { gaussianClassification } from "./datasets.js";
import { classificationRisk } from "./risk.js";
import { relativeDifference } from "./testing/relative-difference.js";

describe("adversarial logistic classification (docs/method.md §c.2)", () => {
  const { X, y } = gaussianClassification(60, 5, { seed: 14, noise: 0.5 });
  const base = { attack: "linf" as const, delta: 0.05 };

  it("GD, AGD and SAGA agree in risk to 1e-9 (docs/method.md §f.10) and the risk is the closed form at coef", () => {
    const agd = fitAdversarialClassifier(X, y, { ...base, solver: "agd", maxIter: 3000, tol: 0 });
    const gd = fitAdversarialClassifier(X, y, { ...base, solver: "gd", maxIter: 3000, tol: 0 });
    const saga = fitAdversarialClassifier(X, y, { ...base, solver: "saga", maxIter: 300, tol: 0 });
    expect(relativeDifference(gd.risk, agd.risk)).toBeLessThan(1e-9);
    expect(relativeDifference(saga.risk, agd.risk)).toBeLessThan(1e-9);
    expect(agd.risk).toBeCloseTo(classificationRisk(X, y, agd.coef, 0.05, "linf"), 14);
    for (let j = 0; j < 5; j++) expect(gd.coef[j]).toBeCloseTo(agd.coef[j] as number, 6);
    // at the optimum ρt = δ‖β‖₁ (docs/method.md §c.2)
    const l1 = agd.coef.reduce((s, v) => s + Math.abs(v), 0);
    expect(agd.rho * agd.t).toBeCloseTo(0.05 * l1, 9);
  });

  it("the plain float64 decrease test (the code's) reaches the same optimum to 1e-9 on a small instance", () => {
    const stable = fitAdversarialClassifier(X, y, { ...base, maxIter: 2000 });
    const plain = fitAdversarialClassifier(X, y, { ...base, maxIter: 2000, decreaseEvaluation: "plain" });
    expect(relativeDifference(plain.risk, stable.risk)).toBeLessThan(1e-9);
    // the stable evaluation keeps a usable step: η never collapses below the 1/(1.5 L_F) bound of backtracking
    expect(stable.stepSize).toBeGreaterThan(1 / (1.5 * 0.25 * (stable.lambdaMax + stable.rho ** 2) * 1.01));
  });

  it("β* does not depend on ρ: ρ ∈ {0.1, 1, 10}·ρ_default agree to 1e-8 (docs/method.md §f.9)", () => {
    const ref = fitAdversarialClassifier(X, y, { ...base, maxIter: 3000 });
    for (const f of [0.1, 10]) {
      const other = fitAdversarialClassifier(X, y, { ...base, rho: f * ref.rho, maxIter: 5000 });
      for (let j = 0; j < 5; j++)
        expect(Math.abs((other.coef[j] as number) - (ref.coef[j] as number))).toBeLessThan(1e-8);
    }
  });

  it("the objective is non-increasing for GD with backtracking and with fixed η = 2/λ_max (docs/method.md §f.6)", () => {
    for (const step of ["backtracking", { scale: 2 }] as const) {
      const fit = fitAdversarialClassifier(X, y, { ...base, solver: "gd", step, maxIter: 300, tol: 0 });
      const h = fit.objectiveHistory;
      for (let k = 1; k < h.length; k++)
        expect(h[k] as number).toBeLessThanOrEqual((h[k - 1] as number) + 1e-15);
    }
  });

  it("AGD is at least as good as GD at equal iterations on a seeded instance", () => {
    const d = gaussianClassification(300, 20, { seed: 2, noise: 0.3 });
    const ref = fitAdversarialClassifier(d.X, d.y, { ...base, maxIter: 3000, tol: 0 });
    const gd = fitAdversarialClassifier(d.X, d.y, { ...base, solver: "gd", maxIter: 50, tol: 0 });
    const agd = fitAdversarialClassifier(d.X, d.y, { ...base, solver: "agd", maxIter: 50, tol: 0 });
    expect(agd.risk - ref.risk).toBeLessThanOrEqual(gd.risk - ref.risk);
  });

  it("δ → 0 on non-separable data gives plain logistic regression (docs/method.md §f.11)", () => {
    const fit = fitAdversarialClassifier(X, y, { attack: "l2", delta: 1e-9, maxIter: 3000 });
    // stationarity of plain logistic regression: Σ σ(−yᵢxᵢᵀβ) yᵢxᵢ = 0
    const n = X.rows;
    const p = X.cols;
    for (let j = 0; j < p; j++) {
      let g = 0;
      for (let i = 0; i < n; i++) {
        let m = 0;
        for (let k = 0; k < p; k++) m += (X.data[i * p + k] as number) * (fit.coef[k] as number);
        const yi = y[i] as number;
        g += (yi * (X.data[i * p + j] as number)) / (1 + Math.exp(yi * m));
      }
      expect(Math.abs(g / n)).toBeLessThan(1e-7);
    }
  });

  it("SGD is seeded (same seed → same result, other seed → different) and approaches the optimum; FGSM baselines decrease the risk", () => {
    const a = fitAdversarialClassifier(X, y, { ...base, solver: "sgd", maxIter: 20, seed: 1 });
    const b = fitAdversarialClassifier(X, y, { ...base, solver: "sgd", maxIter: 20, seed: 1 });
    const c = fitAdversarialClassifier(X, y, { ...base, solver: "sgd", maxIter: 20, seed: 2 });
    expect(Array.from(a.coef)).toEqual(Array.from(b.coef));
    expect(Array.from(a.coef)).not.toEqual(Array.from(c.coef));
    expect(a.risk).toBeLessThan(Math.LN2);
    for (const solver of ["fgsm-gd", "fgsm-sgd"] as const) {
      const f = fitAdversarialClassifier(X, y, { ...base, solver, maxIter: 50 });
      expect(f.risk).toBeLessThan(Math.LN2);
      expect(f.t).toBeCloseTo(
        f.coef.reduce((s, v) => s + Math.abs(v), 0),
        14,
      );
    }
    const batch = fitAdversarialClassifier(X, y, {
      ...base,
      solver: "sgd",
      maxIter: 5,
      batchSize: 8,
      gradientScale: "batch",
      decay: false,
    });
    expect(batch.iterations).toBe(5);
  });

  it("accepts {0, 1} labels and reports them; predictProba is σ(Xβ)", () => {
    const y01 = y.map((v) => (v > 0 ? 1 : 0));
    const a = fitAdversarialClassifier(X, y01, { ...base, maxIter: 200 });
    const b = fitAdversarialClassifier(X, y, { ...base, maxIter: 200 });
    expect(a.labels).toEqual([0, 1]);
    expect(b.labels).toEqual([-1, 1]);
    expect(Array.from(a.coef)).toEqual(Array.from(b.coef));
    const pr = predictProba([[1, 0, 0, 0, 0]], [Math.log(3), 0, 0, 0, 0]);
    expect(pr[0]).toBeCloseTo(0.75, 14);
  });

  it("flags separable data with no finite optimum as possibly unbounded", () => {
    const Xs = [
      [1, 0],
      [2, 1],
      [-1, 0],
      [-2, -1],
    ];
    const fit = fitAdversarialClassifier(Xs, [1, 1, -1, -1], {
      attack: "l2",
      delta: 1e-6,
      solver: "gd",
      step: { scale: 2 },
      maxIter: 3000,
    });
    expect(fit.converged).toBe(false);
    expect(fit.status).toBe("possibly-unbounded");
  });

  it("stops on the hook and on abort", () => {
    const fit = fitAdversarialClassifier(X, y, { ...base, onIteration: (i) => i.iteration === 4 });
    expect(fit.iterations).toBe(4);
    expect(fit.status).toBe("stopped");
    const ac = new AbortController();
    ac.abort();
    expect(() => fitAdversarialClassifier(X, y, { ...base, signal: ac.signal })).toThrow();
  });

  it("validates every option", () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ solver: "adam" }, /solver must be one of/],
      [{ step: "armijo" }, /step must be/],
      [{ step: { scale: -1 } }, /step.scale must be > 0/],
      [{ step: { value: 0 } }, /step.value must be > 0/],
      [{ step: "backtracking", solver: "sgd" }, /only available for solvers "gd" and "agd"/],
      [{ maxIter: 0 }, /maxIter/],
      [{ tol: -1 }, /tol must be >= 0/],
      [{ batchSize: 0 }, /batchSize/],
      [{ batchSize: 1000 }, /batchSize/],
      [{ decay: "yes" }, /decay must be a boolean/],
      [{ gradientScale: "mean" }, /gradientScale must be one of/],
      [{ rho: 0 }, /rho must be > 0/],
      [{ backtrackFactor: 1 }, /backtrackFactor must be > 1/],
      [{ initialStep: -1 }, /initialStep must be > 0/],
      [{ decreaseEvaluation: "exact" }, /decreaseEvaluation must be one of/],
      [{ seed: 1.5 }, /seed must be an integer/],
      [{ delta: -1 }, /delta must be/],
      [{ attack: "l3" }, /attack must be one of/],
      [{ onIteration: "x" }, /onIteration must be a function/],
    ];
    for (const [opts, re] of bad) {
      expect(() => fitAdversarialClassifier(X, y, opts as never)).toThrow(re);
      expect(() => fitAdversarialClassifier(X, y, opts as never)).toThrow(DescentError);
    }
    expect(() =>
      fitAdversarialClassifier(
        X,
        y.map((v) => v * 2),
      ),
    ).toThrow(/labels/);
    expect(() =>
      fitAdversarialClassifier(
        [
          [0, 0],
          [0, 0],
        ],
        [1, -1],
      ),
    ).toThrow(/all zeros/);
  });
});

describe("predictProba input validation", () => {
  it("rejects a coefficient vector of the wrong length, NaN coefficients and an empty X", () => {
    expect(() => predictProba([[1, 2]], [0.5])).toThrow(/coef must have length 2/);
    expect(() => predictProba([[1, 2]], [0.5, Number.NaN])).toThrow(/coef/);
    expect(() => predictProba([], [])).toThrow(DescentError);
  });
});

describe("fitAdversarialClassifier computes λ_max only when needed", () => {
  const { X, y } = gaussianClassification(60, 5, { seed: 14, noise: 0.5 });
  const base = { attack: "linf" as const, delta: 0.05, solver: "agd" as const, maxIter: 50, tol: 0 };

  it("skips it when ρ is given and AGD backtracks (lambdaMax NaN), and a given lambdaMax reproduces the fit", () => {
    const given = fitAdversarialClassifier(X, y, { ...base, rho: 0.4 });
    expect(Number.isNaN(given.lambdaMax)).toBe(true);
    const auto = fitAdversarialClassifier(X, y, base);
    expect(auto.lambdaMax).toBeGreaterThan(0);
    const reused = fitAdversarialClassifier(X, y, { ...base, lambdaMax: auto.lambdaMax });
    expect(reused.rho).toBe(auto.rho);
    expect(Array.from(reused.coef)).toEqual(Array.from(auto.coef));
    const sgd = fitAdversarialClassifier(X, y, { ...base, solver: "sgd", maxIter: 2, rho: 0.4 });
    expect(sgd.lambdaMax).toBe(auto.lambdaMax); // its 'auto' step 2/λ_max needs it
  });

  it("still rejects an all-zero X and a non-positive lambdaMax, naming the parameter", () => {
    const zeros = [
      [0, 0],
      [0, 0],
    ];
    expect(() => fitAdversarialClassifier(zeros, [1, -1], { ...base, rho: 0.4 })).toThrow(
      /X must not be all zeros/,
    );
    expect(() => fitAdversarialClassifier(X, y, { ...base, lambdaMax: -1 })).toThrow(/lambdaMax/);
  });
});
