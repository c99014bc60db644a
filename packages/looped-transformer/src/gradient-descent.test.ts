import { matrix64 } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { gdWeightsResidual } from "./constructions.js";
import { embedResidual } from "./embedding.js";
import { gd, gdStepsToTolerance } from "./gradient-descent.js";
import { olsWeights, ridgeWeights } from "./least-squares.js";
import { lsaStep } from "./lsa.js";
import { newtonSchulz } from "./newton-schulz.js";
import { samplePrompt } from "./prompt.js";
import { handInstance } from "./testing/hand-instance.js";

describe("reference algorithms: input validation (each names its parameter)", () => {
  const p = samplePrompt({ d: 3, n: 6, seed: 1 });
  it("gd rejects negative steps, η ≤ 0, a wrong-size preconditioner, a wrong-length w0", () => {
    expect(() => gd(p, { steps: -1, eta: 0.1 })).toThrow(/steps/);
    expect(() => gd(p, { steps: 2, eta: 0 })).toThrow(/eta/);
    expect(() => gd(p, { steps: 2, precond: matrix64(2, 2) })).toThrow(/precond/);
    expect(() => gd(p, { steps: 2, eta: 0.1, w0: new Float64Array(2) })).toThrow(/w0/);
  });
  it("ridgeWeights rejects λ < 0; olsWeights rejects n < d", () => {
    expect(() => ridgeWeights(p, -1)).toThrow(/lambda/);
    expect(() => olsWeights(samplePrompt({ d: 4, n: 2, seed: 1 }))).toThrow(/n >= d/);
  });
  it("newtonSchulz rejects a negative iteration count", () => {
    expect(() => newtonSchulz(p, -2)).toThrow(/iterations/);
  });
  it("gdWeightsResidual rejects a non-finite step and a wrong-size A", () => {
    expect(() => gdWeightsResidual(3, Number.NaN)).toThrow(/A must be a finite number/);
    expect(() => gdWeightsResidual(3, matrix64(2, 2))).toThrow(/A must have shape/);
  });
  it("lsaStep rejects weights whose size does not match Z", () => {
    expect(() => lsaStep(embedResidual(p), gdWeightsResidual(2, 0.1))).toThrow(/weights.P must be 4 × 4/);
  });
});

describe("ridge / OLS closed forms", () => {
  it("OLS recovers w* exactly on noiseless prompts; ridge at λ solves (Ŝ + λI)w = Xᵀy/n", () => {
    const p = samplePrompt({ d: 4, n: 10, seed: 2 });
    const w = olsWeights(p);
    for (let j = 0; j < 4; j++) expect(w[j]).toBeCloseTo(p.wStar[j] as number, 10);
    const lambda = 0.3;
    const r = ridgeWeights(p, lambda);
    // residual of the normal equations
    for (let a = 0; a < 4; a++) {
      let lhs = lambda * (r[a] as number);
      let rhs = 0;
      for (let i = 0; i < 10; i++) {
        let xr = 0;
        for (let b = 0; b < 4; b++) xr += (p.X.data[i * 4 + b] as number) * (r[b] as number);
        lhs += ((p.X.data[i * 4 + a] as number) * xr) / 10;
        rhs += ((p.X.data[i * 4 + a] as number) * (p.y[i] as number)) / 10;
      }
      expect(lhs).toBeCloseTo(rhs, 12);
    }
  });
  it("GD with η = 1/λ_max converges to the OLS solution on noisy data (docs/method.md §c.4)", () => {
    const p = samplePrompt({ d: 3, n: 30, noise: 0.3, seed: 4 });
    const w = gd(p, { steps: 400, eta: 0.5 }).at(-1) as Float64Array;
    const o = olsWeights(p);
    for (let j = 0; j < 3; j++) expect(w[j]).toBeCloseTo(o[j] as number, 8);
  });
});

describe("gdStepsToTolerance", () => {
  it("on docs/method.md §f.1 instance (error 0.75^T·… with ‖w*‖ = √2) returns the smallest T with 0.75^T ≤ 1e-3·√2", () => {
    const p = handInstance();
    const expected = Math.ceil(Math.log(1e-3 * Math.SQRT2) / Math.log(0.75));
    expect(gdStepsToTolerance(p, { eta: 1 })).toBe(expected);
    expect(gdStepsToTolerance(p, { eta: 1, maxSteps: 3 })).toBe(Number.POSITIVE_INFINITY);
    expect(() => gdStepsToTolerance(p, { eta: 1, tolerance: 0 })).toThrow(/tolerance/);
  });
});
