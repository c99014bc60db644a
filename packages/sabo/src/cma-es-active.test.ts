import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { CmaEs, cmaEsParameters } from "./cma-es.js";
import { minimize } from "./minimize.js";

/** A rotated ellipsoid f(x) = Σ 10^{6 i/(d−1)} (Rx)_i² with a seeded random rotation R (Gram–Schmidt). */
function rotatedEllipsoid(d: number, seed: number): (x: ArrayLike<number>) => number {
  const rng = new Rng(seed);
  const R = Array.from({ length: d }, () => rng.normalArray(d));
  for (let i = 0; i < d; i++) {
    const r = R[i] as Float64Array;
    for (let k = 0; k < i; k++) {
      const q = R[k] as Float64Array;
      let dot = 0;
      for (let j = 0; j < d; j++) dot += (r[j] as number) * (q[j] as number);
      for (let j = 0; j < d; j++) r[j] = (r[j] as number) - dot * (q[j] as number);
    }
    let n = 0;
    for (let j = 0; j < d; j++) n += (r[j] as number) ** 2;
    n = Math.sqrt(n);
    for (let j = 0; j < d; j++) r[j] = (r[j] as number) / n;
  }
  return (x) => {
    let f = 0;
    for (let i = 0; i < d; i++) {
      const r = R[i] as Float64Array;
      let v = 0;
      for (let j = 0; j < d; j++) v += (r[j] as number) * (x[j] as number);
      f += 10 ** ((6 * i) / (d - 1)) * v * v;
    }
    return f;
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length;
  return m % 2 === 1 ? (s[(m - 1) / 2] as number) : ((s[m / 2 - 1] as number) + (s[m / 2] as number)) / 2;
}

describe("active CMA-ES (negative recombination weights, the tutorial's default)", () => {
  it("parameters: λ − μ non-positive weights whose sum respects min(α_μ⁻, α_μeff⁻, α_posdef⁻)", () => {
    const p = cmaEsParameters(10, 10, false);
    expect(p.negativeWeights.length).toBe(5);
    let sum = 0;
    for (const w of p.negativeWeights) {
      expect(w).toBeLessThanOrEqual(0);
      sum += w;
    }
    const bound = Math.min(1 + p.c1 / p.cMu, (1 - p.c1 - p.cMu) / (10 * p.cMu));
    expect(-sum).toBeLessThanOrEqual(bound + 1e-12);
    expect(-sum).toBeGreaterThan(0.1);
    expect(cmaEsParameters(10, 10, false, "positive").negativeWeights.length).toBe(0);
    expect(() => new CmaEs({ dim: 3, recombination: "negative" as never })).toThrow(/recombination/);
  });

  it("needs fewer evaluations than positive-only weights on a rotated 8-d ellipsoid (median of 5 seeds)", async () => {
    const d = 8;
    const evaluations = { active: [] as number[], positive: [] as number[] };
    for (let seed = 1; seed <= 5; seed++) {
      const f = rotatedEllipsoid(d, 100 + seed);
      for (const recombination of ["active", "positive"] as const) {
        const run = await minimize(f, new CmaEs({ dim: d, mean0: 1, seed, recombination }), {
          maxEvaluations: 40_000,
          targetValue: 1e-8,
        });
        expect(run.stopReason).toBe("targetValue");
        evaluations[recombination].push(run.evaluations);
      }
    }
    expect(median(evaluations.active)).toBeLessThan(median(evaluations.positive));
  });
});
