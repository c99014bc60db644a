import { powerIteration, Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { gaussianClassification } from "./datasets.js";
import { ExtendedLogistic, largestCovarianceEigenvalue } from "./extended-objective.js";
import { classificationRisk } from "./risk.js";

describe("extended logistic objective F(β, t) (docs/method.md §c.2)", () => {
  const { X, y } = gaussianClassification(50, 6, { seed: 8, noise: 0.5 });
  const F = new ExtendedLogistic(X, y, 0.7);
  const rng = new Rng(3);
  it("gradient matches central finite differences (rel. 1e-6, docs/method.md §f.8)", () => {
    for (let trial = 0; trial < 5; trial++) {
      const z = rng.normalArray(7);
      F.value(z);
      const g = F.gradientAtLast(z, new Float64Array(7));
      const h = 1e-6;
      for (let j = 0; j < 7; j++) {
        const zp = z.slice();
        const zm = z.slice();
        zp[j] = (zp[j] as number) + h;
        zm[j] = (zm[j] as number) - h;
        const fd = (F.value(zp) - F.value(zm)) / (2 * h);
        expect(Math.abs(fd - (g[j] as number))).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      }
    }
  });
  it("decrease(v, d) equals F(v + d) − F(v), also for steps of 1e-9 where plain subtraction loses digits", () => {
    for (const size of [1, 1e-3, 1e-9]) {
      const v = rng.normalArray(7);
      const d = rng.normalArray(7).map((x) => x * size);
      const z = v.map((x, j) => x + (d[j] as number));
      const Fz = F.value(z);
      const Fv = F.value(v);
      const dF = F.decrease(v, d);
      expect(Math.abs(dF - (Fz - Fv))).toBeLessThan(1e-15 + 1e-9 * Math.abs(Fz - Fv));
    }
  });
  it("on the cone boundary ρt = δ‖β‖₁, F equals the closed-form adversarial risk", () => {
    const beta = rng.normalArray(6);
    const delta = 0.2;
    const t = (delta * beta.reduce((s, v) => s + Math.abs(v), 0)) / 0.7;
    const z = Float64Array.of(...beta, t);
    expect(F.value(z)).toBeCloseTo(classificationRisk(X, y, beta, delta, "linf"), 13);
    expect(F.riskAtLast(z, delta, "linf")).toBeCloseTo(classificationRisk(X, y, beta, delta, "linf"), 13);
  });
  it("λ_max(XᵀX/n) matches a diagonal matrix's known top eigenvalue", () => {
    // X = diag(3, 2, 1) stacked twice: XᵀX/n = diag(9, 4, 1)·2/6
    const X2 = {
      rows: 6,
      cols: 3,
      data: Float64Array.of(3, 0, 0, 0, 2, 0, 0, 0, 1, 3, 0, 0, 0, 2, 0, 0, 0, 1),
    };
    expect(largestCovarianceEigenvalue(X2, 0)).toBeCloseTo(3, 9);
  });
  it("λ_max(XᵀX/n) from the Gram eigenvalues agrees with a long power iteration, tall and wide X (rel. 1e-9)", () => {
    for (const [n, p] of [
      [80, 12],
      [12, 80],
    ] as const) {
      const Xg = gaussianClassification(n, p, { seed: 5 }).X;
      const { value } = powerIteration(Xg, {
        target: "singular-value",
        seed: 1,
        tol: 1e-15,
        maxIterations: 20000,
      });
      const expected = (value * value) / n;
      expect(Math.abs(largestCovarianceEigenvalue(Xg, 0) - expected) / expected).toBeLessThan(1e-9);
    }
  });
});
