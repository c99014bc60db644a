import { type Matrix64, matrix64, Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { conditionNumber } from "./condition-number.js";
import {
  gdPlusPlus,
  gdWeightsResidual,
  gdWeightsWeightToken,
  vonOswaldLayer,
  vonOswaldPredictions,
} from "./constructions.js";
import { embedResidual, embedWeightToken, readPrediction, readWeights } from "./embedding.js";
import { gd, predictQuery } from "./gradient-descent.js";
import { olsWeights } from "./least-squares.js";
import { loopedForward, lsaStep, stackedForward } from "./lsa.js";
import { newtonSchulz } from "./newton-schulz.js";
import { samplePrompt } from "./prompt.js";
import { handInstance } from "./testing/hand-instance.js";

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
};

describe("docs/method.md §f.1: hand-checkable instance (contraction factor 1 − 1/κ = 0.75 attained)", () => {
  const p = handInstance();
  it("has κ = 4 and λ_max = 1", () => {
    const c = conditionNumber(p.X);
    expect(c.kappa).toBeCloseTo(4, 12);
    expect(c.lambdaMax).toBeCloseTo(1, 12);
  });
  it("GD gives w_T = (1, 1 − 0.75^T) and ‖w_T − w*‖ = 0.75^T", () => {
    const traj = gd(p, { steps: 6, eta: 1 });
    for (let T = 1; T <= 6; T++) {
      const w = traj[T] as Float64Array;
      expect(Math.abs((w[0] as number) - 1)).toBeLessThan(1e-12);
      expect(Math.abs((w[1] as number) - (1 - 0.75 ** T))).toBeLessThan(1e-12);
      expect(Math.abs(Math.hypot((w[0] as number) - 1, (w[1] as number) - 1) - 0.75 ** T)).toBeLessThan(
        1e-12,
      );
    }
  });
  it("constructions A, B and C give ŷ_1 = 1.5, ŷ_2 = 1.875, ŷ_3 = 2.15625 to 1e-12", () => {
    const expected = [0, 1.5, 1.875, 2.15625];
    const tr = loopedForward(embedResidual(p), gdWeightsResidual(2, 1), 3, { keepTrace: true })
      .trace as Matrix64[];
    const vo = vonOswaldPredictions(p, vonOswaldLayer(2, 1), 3);
    const trC = loopedForward(embedWeightToken(p), gdWeightsWeightToken(2, 1), 3, {
      sign: 1,
      keepTrace: true,
    }).trace as Matrix64[];
    for (let T = 1; T <= 3; T++) {
      expect(Math.abs(readPrediction(tr[T] as Matrix64) - (expected[T] as number))).toBeLessThan(1e-12);
      expect(Math.abs((vo[T] as number) - (expected[T] as number))).toBeLessThan(1e-12);
      const w = readWeights(trC[T] as Matrix64, 2);
      expect(Math.abs(predictQuery(p, w) - (expected[T] as number))).toBeLessThan(1e-12);
      expect(maxAbsDiff(w, [1, 1 - 0.75 ** T])).toBeLessThan(1e-12);
    }
  });
});

describe("docs/method.md §f.2: construction equivalence on random instances", () => {
  const rng = new Rng(7);
  const cases: [number, number, number][] = [];
  for (const d of [3, 5, 10])
    for (const k of [1, 2, 4]) for (const T of [1, 5, 20]) cases.push([d, d * k, T]);
  it.each(cases)("d = %i, n = %i, T = %i: A, B, C and gd(T, η) agree to 1e-10", (d, n, T) => {
    const p = samplePrompt({ d, n, seed: rng.int(0, 1e9) });
    const eta = 1 / conditionNumber(p.X).lambdaMax;
    const w = gd(p, { steps: T, eta });
    const yA = readPrediction(loopedForward(embedResidual(p), gdWeightsResidual(d, eta), T).Z);
    const yB = vonOswaldPredictions(p, vonOswaldLayer(d, eta), T)[T] as number;
    const wC = readWeights(
      loopedForward(embedWeightToken(p), gdWeightsWeightToken(d, eta), T, { sign: 1 }).Z,
      d,
    );
    const yGd = predictQuery(p, w[T] as Float64Array);
    expect(Math.abs(yA - yGd)).toBeLessThan(1e-10);
    expect(Math.abs(yB - yGd)).toBeLessThan(1e-10);
    expect(maxAbsDiff(wC, w[T] as Float64Array)).toBeLessThan(1e-10);
  });
  it("A with a random non-symmetric A equals preconditioned GD with Aᵀ; C with A equals preconditioned GD with A", () => {
    const d = 4;
    const p = samplePrompt({ d, n: 12, seed: 3 });
    const r = new Rng(11);
    const A = matrix64(
      d,
      d,
      r.normalArray(d * d).map((v) => 0.1 * v),
    );
    for (let i = 0; i < d; i++) A.data[i * d + i] = (A.data[i * d + i] as number) + 0.3;
    const At = matrix64(d, d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) At.data[i * d + j] = A.data[j * d + i] as number;
    const T = 6;
    const wT = gd(p, { steps: T, precond: At })[T] as Float64Array;
    const wA = gd(p, { steps: T, precond: A })[T] as Float64Array;
    const yA = readPrediction(loopedForward(embedResidual(p), gdWeightsResidual(d, A), T).Z);
    expect(Math.abs(yA - predictQuery(p, wT))).toBeLessThan(1e-10);
    // a plausible bug (using A instead of Aᵀ) would be visible: the two preconditioned runs differ
    expect(Math.abs(predictQuery(p, wT) - predictQuery(p, wA))).toBeGreaterThan(1e-4);
    const wC = readWeights(
      loopedForward(embedWeightToken(p), gdWeightsWeightToken(d, A), T, { sign: 1 }).Z,
      d,
    );
    expect(maxAbsDiff(wC, wA)).toBeLessThan(1e-10);
  });
  it("GD++ with γ = 0 is GD; with γ > 0 it differs (curvature correction active)", () => {
    const p = samplePrompt({ d: 5, n: 20, seed: 4 });
    const plain = gdPlusPlus(p, { steps: 4, eta: 0.5, gamma: 0 });
    const w = gd(p, { steps: 4, eta: 0.5 });
    for (let T = 0; T <= 4; T++)
      expect(Math.abs((plain[T] as number) - predictQuery(p, w[T] as Float64Array))).toBeLessThan(1e-10);
    const corrected = gdPlusPlus(p, { steps: 4, eta: 0.5, gamma: 0.2 });
    expect(Math.abs((corrected[4] as number) - (plain[4] as number))).toBeGreaterThan(1e-6);
  });
  it("Newton–Schulz converges to the OLS solution to 1e-10 in 30 iterations (κ = 100)", () => {
    const p = samplePrompt({ d: 6, n: 24, kappa: 100, seed: 5 });
    const w = newtonSchulz(p, 30).at(-1) as Float64Array;
    expect(maxAbsDiff(w, olsWeights(p))).toBeLessThan(1e-10);
    expect(maxAbsDiff(olsWeights(p), p.wStar)).toBeLessThan(1e-10);
  });
});

describe("docs/method.md §f.3: invariants", () => {
  const d = 5;
  const n = 20;
  const p = samplePrompt({ d, n, seed: 21 });
  it("A keeps the input rows and C keeps the example columns unchanged after 10 loops", () => {
    const Z0 = embedResidual(p);
    const ZA = loopedForward(Z0, gdWeightsResidual(d, 0.5), 10).Z;
    expect(maxAbsDiff(ZA.data.subarray(0, d * (n + 1)), Z0.data.subarray(0, d * (n + 1)))).toBe(0);
    const C0 = embedWeightToken(p);
    const ZC = loopedForward(C0, gdWeightsWeightToken(d, 0.5), 10, { sign: 1 }).Z;
    for (let r = 0; r < C0.rows; r++) {
      for (let j = 0; j < n; j++) expect(ZC.data[r * (n + 1) + j]).toBe(C0.data[r * (n + 1) + j]);
    }
  });
  it("A without the mask M is exact at loop 1 and breaks from loop 2 on", () => {
    const w = gdWeightsResidual(d, 0.5);
    const traj = gd(p, { steps: 2, eta: 0.5 });
    const Z1 = lsaStep(embedResidual(p), w, { mask: false });
    expect(Math.abs(readPrediction(Z1) - predictQuery(p, traj[1] as Float64Array))).toBeLessThan(1e-10);
    const Z2 = lsaStep(Z1, w, { mask: false });
    expect(Math.abs(readPrediction(Z2) - predictQuery(p, traj[2] as Float64Array))).toBeGreaterThan(1e-3);
  });
  it("C is insensitive to the mask (weight token has zero a/b-block, Q z_j = 0)", () => {
    const w = gdWeightsWeightToken(d, 0.5);
    const masked = loopedForward(embedWeightToken(p), w, 5, { sign: 1 }).Z;
    const unmasked = loopedForward(embedWeightToken(p), w, 5, { sign: 1, mask: false }).Z;
    expect(maxAbsDiff(masked.data, unmasked.data)).toBeLessThan(1e-12);
  });
});

describe("docs/method.md §f.7: looped = stacked with tied weights", () => {
  it("stackedForward with T copies of (P, Q) equals loopedForward", () => {
    const r = new Rng(2);
    const D = 6;
    const w = {
      P: matrix64(
        D,
        D,
        r.normalArray(D * D).map((v) => 0.1 * v),
      ),
      Q: matrix64(
        D,
        D,
        r.normalArray(D * D).map((v) => 0.1 * v),
      ),
    };
    const Z0 = embedResidual(samplePrompt({ d: 5, n: 20, seed: 8 }));
    const a = loopedForward(Z0, w, 5).Z;
    const b = stackedForward(Z0, [w, w, w, w, w]).Z;
    expect(maxAbsDiff(a.data, b.data)).toBe(0);
  });
});
