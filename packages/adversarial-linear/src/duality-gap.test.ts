import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { gaussian } from "./datasets.js";
import { regressionRiskLowerBound } from "./duality-gap.js";
import { zeroRadius } from "./radius.js";
import { fitAdversarialRegression } from "./regression.js";

// Over-parametrised ℓ2 near δ_zero: the regime where the code's 100 IRR iterations stop far from the optimum.
const { X, y } = gaussian(40, 120, { seed: 3 });
const deltaZero = zeroRadius(X, y, "l2", "regression");
const delta = 0.99 * deltaZero;
// reference: a long run with every stopping test off (docs/method.md §c.1)
const reference = fitAdversarialRegression(X, y, { attack: "l2", delta, maxIter: 6000, tol: 0, gapTol: 0 });

describe("IRR stops on a certified duality gap (docs/method.md §c.1)", () => {
  it("the lower bound never exceeds the optimal risk, for any dual direction and both attack norms", () => {
    const rng = new Rng(7);
    for (const attack of ["l2", "linf"] as const) {
      const dz = zeroRadius(X, y, attack, "regression");
      for (const f of [0.1, 0.5, 0.99]) {
        const ref = fitAdversarialRegression(X, y, { attack, delta: f * dz }); // any risk bounds R* from above
        for (let t = 0; t < 20; t++) {
          const direction = t === 0 ? y : rng.normalArray(y.length, 0, 1);
          const bound = regressionRiskLowerBound(X, y, direction, f * dz, attack);
          expect(bound).toBeGreaterThanOrEqual(0);
          expect(bound).toBeLessThanOrEqual(ref.risk * (1 + 1e-12));
        }
      }
    }
  });

  it("the 100 iterations of the code's rule stop ≥ 1e-6 (relative) above the optimum at δ = 0.99 δ_zero", () => {
    const code = fitAdversarialRegression(X, y, { attack: "l2", delta, maxIter: 100, gapTol: 0 });
    expect((code.risk - reference.risk) / reference.risk).toBeGreaterThan(1e-6);
  });

  it("the default run converges there to 1e-9 of the long reference solve, and its certificate covers the gap", () => {
    const fit = fitAdversarialRegression(X, y, { attack: "l2", delta });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(2000);
    expect(fit.dualityGap).toBeLessThanOrEqual(1e-9 * fit.risk);
    expect(fit.risk - reference.risk).toBeLessThanOrEqual(fit.dualityGap + 1e-15);
    expect((fit.risk - reference.risk) / reference.risk).toBeLessThan(1e-9);
  });

  it("hitting the iteration cap reports converged: false with a finite certified gap that covers the true gap", () => {
    const fit = fitAdversarialRegression(X, y, { attack: "l2", delta, maxIter: 5 });
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(5);
    expect(Number.isFinite(fit.dualityGap)).toBe(true);
    expect(fit.dualityGap).toBeGreaterThanOrEqual(fit.risk - reference.risk);
  });

  it("the closed forms report a zero gap and gapTol: 0 leaves the gap uncomputed", () => {
    expect(fitAdversarialRegression(X, y, { attack: "l2", delta: deltaZero }).dualityGap).toBe(0);
    expect(fitAdversarialRegression(X, y, { attack: "l2", delta: 0 }).dualityGap).toBe(0);
    const off = fitAdversarialRegression(X, y, { attack: "l2", delta, maxIter: 3, gapTol: 0, tol: 0 });
    expect(off.dualityGap).toBe(Number.POSITIVE_INFINITY);
    expect(() => fitAdversarialRegression(X, y, { gapTol: -1 })).toThrow(/gapTol/);
  });
});
