import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { shapeFitness } from "./fitness-shaping.js";
import { scoreGradients } from "./score-gradients.js";

// docs/method.md §f.1: F(x) = ½ Σ h_j x_j² + cᵀx has ∇_μ J = h ⊙ μ + c and ∇_s J = ½ h exactly (docs/method.md §b, eqs. (3)-(4))
const h = [1, 4, 9];
const c = [1, -1, 0.5];
const mu = [0.3, -0.2, 1];
const s = Float64Array.from([1, 0.25, 4]);
const N = 100_000;
const d = 3;

function quadratic(x: Float64Array): number {
  let v = 0;
  for (let j = 0; j < d; j++)
    v += 0.5 * (h[j] as number) * (x[j] as number) ** 2 + (c[j] as number) * (x[j] as number);
  return v;
}

describe.each(["none", "center"] as const)(
  "score-function estimators, shaping '%s' (docs/method.md §f.1)",
  (mode) => {
    it("are within 5 standard errors of the analytic gradient of the smoothed quadratic in every component", () => {
      const rng = new Rng(20250101);
      const z = rng.normalArray(N * d);
      const f = new Float64Array(N);
      const x = new Float64Array(d);
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < d; j++)
          x[j] = (mu[j] as number) + Math.sqrt(s[j] as number) * (z[i * d + j] as number);
        f[i] = quadratic(x);
      }
      const shaped = shapeFitness(f, mode);
      const { gMean, gVar } = scoreGradients(s, z, shaped);
      for (let j = 0; j < d; j++) {
        // SE_j from the per-sample terms of eqs. (5)-(6)
        let m1 = 0;
        let m2 = 0;
        let v1 = 0;
        let v2 = 0;
        for (let i = 0; i < N; i++) {
          const zij = z[i * d + j] as number;
          const a = ((shaped[i] as number) * zij) / Math.sqrt(s[j] as number);
          const b = ((shaped[i] as number) * (zij * zij - 1)) / (2 * (s[j] as number));
          m1 += a;
          m2 += b;
          v1 += a * a;
          v2 += b * b;
        }
        m1 /= N;
        m2 /= N;
        const se1 = Math.sqrt((v1 / N - m1 * m1) / N);
        const se2 = Math.sqrt((v2 / N - m2 * m2) / N);
        expect(
          Math.abs((gMean[j] as number) - ((h[j] as number) * (mu[j] as number) + (c[j] as number))),
        ).toBeLessThanOrEqual(5 * se1);
        expect(Math.abs((gVar[j] as number) - (h[j] as number) / 2)).toBeLessThanOrEqual(5 * se2);
        // the kernel is the mean of those very terms
        expect(gMean[j]).toBeCloseTo(m1, 10);
        expect(gVar[j]).toBeCloseTo(m2, 10);
      }
    });
  },
);

describe("scoreGradients", () => {
  it("reuses the out buffers it is given", () => {
    const out = { gMean: new Float64Array(2), gVar: new Float64Array(2) };
    const r = scoreGradients(Float64Array.from([1, 1]), Float64Array.from([1, 0, -1, 0]), [1, -1], out);
    expect(r.gMean).toBe(out.gMean);
    expect(Array.from(r.gMean)).toEqual([1, 0]);
    // Σ f (z² − 1) / (2N s): coordinate 0: (1·0 + (−1)·0)/4 = 0, coordinate 1: (1·(−1) + (−1)·(−1))/4 = 0
    expect(Array.from(r.gVar)).toEqual([0, 0]);
  });
});
