import { describe, expect, it } from "vitest";
import { fitAdversarialClassifier } from "./classification.js";
import { gaussianClassification } from "./datasets.js";

// Step-size defaults and backtracking details of docs/method.md §c.2 / §h (code `lin_advclasif`, `first_order_methods.pyx`).
describe("classification step rules (docs/method.md §c.2)", () => {
  const { X, y } = gaussianClassification(80, 6, { seed: 31, noise: 0.5 });
  const base = { attack: "linf" as const, delta: 0.05, maxIter: 2, tol: 0 };

  it("'auto' steps: sgd 2/λ_max, fgsm-gd 40/λ_max, fgsm-sgd 100/λ_max, saga 1/L_max with L_max = ¼·max(‖xᵢ‖² + ρ²)", () => {
    for (const [solver, scale] of [
      ["sgd", 2],
      ["fgsm-gd", 40],
      ["fgsm-sgd", 100],
    ] as const) {
      const fit = fitAdversarialClassifier(X, y, { ...base, solver });
      expect(fit.stepSize * fit.lambdaMax).toBeCloseTo(scale, 12);
    }
    const saga = fitAdversarialClassifier(X, y, { ...base, solver: "saga" });
    let m = 0;
    for (let i = 0; i < X.rows; i++) {
      let s = 0;
      for (let j = 0; j < X.cols; j++) s += (X.data[i * X.cols + j] as number) ** 2;
      m = Math.max(m, s);
    }
    expect(saga.rho).toBeCloseTo(0.5 * Math.sqrt(saga.lambdaMax), 14);
    expect(saga.stepSize).toBeCloseTo(1 / (0.25 * (m + saga.rho ** 2)), 14);
    // `{scale: 2}` keeps the code's SAGA step
    const code = fitAdversarialClassifier(X, y, { ...base, solver: "saga", step: { scale: 2 } });
    expect(code.stepSize * code.lambdaMax).toBeCloseTo(2, 12);
  });

  it("backtracking starts at η = 1e10 and only divides by 1.5: η = 1e10/1.5^k with k a whole number", () => {
    for (const solver of ["gd", "agd"] as const) {
      const fit = fitAdversarialClassifier(X, y, { ...base, solver, maxIter: 20 });
      const k = Math.log(1e10 / fit.stepSize) / Math.log(1.5);
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
      expect(k).toBeGreaterThan(40); // ~log₁.₅(1e10·L_F) shrinks in the first iteration (docs/method.md §h)
    }
  });

  it("when every backtracking trial fails, GD stays put and AGD takes the last trial (code), η shrunk maxShrinks times", () => {
    const opts = { ...base, maxIter: 1, maxShrinks: 3 };
    const gd = fitAdversarialClassifier(X, y, { ...opts, solver: "gd" });
    expect(Array.from(gd.coef)).toEqual(new Array(X.cols).fill(0));
    expect(gd.objectiveHistory[0]).toBeCloseTo(Math.LN2, 15);
    expect(gd.converged).toBe(false); // the update size is the rejected trial's, as in the code
    expect(gd.stepSize).toBeCloseTo(1e10 / 1.5 ** 3, 0);
    const agd = fitAdversarialClassifier(X, y, { ...opts, solver: "agd" });
    expect(agd.coef.some((v) => v !== 0)).toBe(true);
    expect(agd.stepSize).toBeCloseTo(1e10 / 1.5 ** 3, 0);
    // and GD with few trials per iteration still decreases monotonically once η is small enough
    const slow = fitAdversarialClassifier(X, y, { ...base, solver: "gd", maxIter: 60, maxShrinks: 5 });
    const h = slow.objectiveHistory;
    for (let k = 1; k < h.length; k++)
      expect(h[k] as number).toBeLessThanOrEqual((h[k - 1] as number) + 1e-15);
    expect(h[h.length - 1]).toBeLessThan(Math.LN2);
    expect(() => fitAdversarialClassifier(X, y, { ...base, maxShrinks: 0 })).toThrow(/maxShrinks/);
  });

  it("with one batch of all n samples, an SGD epoch (code's 1/n scaling) is one projected GD step and FGSM-SGD is FGSM-GD", () => {
    const n = X.rows;
    const eta = { value: 0.7 };
    const gd = fitAdversarialClassifier(X, y, { ...base, solver: "gd", step: eta, maxIter: 3 });
    const sgd = fitAdversarialClassifier(X, y, {
      ...base,
      solver: "sgd",
      step: eta,
      batchSize: n,
      decay: false,
      maxIter: 3,
    });
    for (let j = 0; j < X.cols; j++) expect(sgd.coef[j]).toBeCloseTo(gd.coef[j] as number, 14);
    expect(sgd.t).toBeCloseTo(gd.t, 14);
    // both baselines decay as η/√(k+1): per iteration (fgsm-gd) and per epoch (fgsm-sgd)
    const fg = fitAdversarialClassifier(X, y, { ...base, solver: "fgsm-gd", step: eta, maxIter: 4 });
    const fs = fitAdversarialClassifier(X, y, {
      ...base,
      solver: "fgsm-sgd",
      step: eta,
      batchSize: n,
      maxIter: 4,
    });
    for (let j = 0; j < X.cols; j++) expect(fs.coef[j]).toBeCloseTo(fg.coef[j] as number, 14);
    // with the usual 1/|B| scaling and |B| = n the same holds (1/|B| = 1/n)
    const batch = fitAdversarialClassifier(X, y, {
      ...base,
      solver: "sgd",
      step: eta,
      batchSize: n,
      decay: false,
      gradientScale: "batch",
      maxIter: 3,
    });
    for (let j = 0; j < X.cols; j++) expect(batch.coef[j]).toBeCloseTo(gd.coef[j] as number, 14);
  });
});
