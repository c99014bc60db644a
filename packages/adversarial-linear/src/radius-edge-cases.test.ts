import { DescentError, lstsq } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { fitAdversarialClassifier } from "./classification.js";
import { gaussian, gaussianClassification } from "./datasets.js";
import { zeroRadius } from "./radius.js";
import { fitAdversarialRegression } from "./regression.js";
import { fitRegressionSubgradient } from "./regression-subgradient.js";
import { regressionRisk } from "./risk.js";

describe("radii at the edges: δ = 0 and δ ≥ δ_zero", () => {
  const { X, y } = gaussian(40, 60, { seed: 3 }); // over-parametrised, the slow case of IRR

  it("at δ ≥ δ_zero the default run returns β = 0, whose risk no other β beats", () => {
    for (const attack of ["l2", "linf"] as const) {
      const dz = zeroRadius(X, y, attack, "regression");
      for (const delta of [dz, 1.5 * dz]) {
        const fit = fitAdversarialRegression(X, y, { attack, delta });
        expect(Array.from(fit.coef).every((v) => v === 0)).toBe(true);
        expect(fit.risk).toBeCloseTo(regressionRisk(X, y, new Float64Array(60), delta, attack), 14);
        expect(fit.converged).toBe(true);
      }
      const named = fitAdversarialRegression(X, y, { attack, delta: "zero" });
      expect(Array.from(named.coef).every((v) => v === 0)).toBe(true);
    }
  });

  it("δ = 0 is plain least squares (minimum norm when p > n), not an error", () => {
    const fit = fitAdversarialRegression(X, y, { attack: "l2", delta: 0 });
    const expected = lstsq(X, y);
    for (let j = 0; j < 60; j++) expect(fit.coef[j]).toBeCloseTo(expected[j] as number, 10);
    expect(fit.delta).toBe(0);
    expect(fit.risk).toBeLessThan(1e-20);
    const sub = fitRegressionSubgradient(X, y, { delta: 0, steps: 5 });
    expect(Number.isFinite(sub.risk)).toBe(true);
  });

  it("δ = 0 classification is plain logistic regression with finite coefficients", () => {
    const d = gaussianClassification(50, 5, { seed: 1, noise: 1 });
    for (const attack of ["l2", "linf"] as const) {
      const fit = fitAdversarialClassifier(d.X, d.y, { attack, delta: 0, maxIter: 50 });
      expect(fit.delta).toBe(0);
      expect(Array.from(fit.coef).every(Number.isFinite)).toBe(true);
      expect(Number.isFinite(fit.risk)).toBe(true);
    }
  });

  it("negative δ is still rejected", () => {
    expect(() => fitAdversarialRegression(X, y, { delta: -1e-9 })).toThrow(DescentError);
  });
});
