import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { conditionNumber } from "./condition-number.js";
import { asymptoticKappa, errorBound, loopsForAccuracy, oneStepOptimum } from "./error-bound.js";
import { GdProblemSet } from "./evaluate.js";
import { gd } from "./gradient-descent.js";
import { samplePrompt, samplePrompts } from "./prompt.js";

const dist = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] as number) - (b[i] as number)) ** 2;
  return Math.sqrt(s);
};

describe("docs/method.md §f.4: the error never exceeds the bound (1 − 1/κ)^T", () => {
  const rng = new Rng(12);
  const cases = Array.from(
    { length: 12 },
    (_, i) => [[3, 5, 10][i % 3] as number, [1, 1.5, 2, 4][i % 4] as number] as const,
  );
  it.each(cases)("Gaussian X, d = %i, n/d = %f: ratio ≤ bound·(1 + 1e-12) for T ≤ 100", (d, ratio) => {
    const p = samplePrompt({ d, n: Math.ceil(d * ratio), seed: rng.int(0, 1e9) });
    const { kappa, lambdaMax } = conditionNumber(p.X);
    const traj = gd(p, { steps: 100, eta: 1 / lambdaMax });
    const e0 = dist(traj[0] as Float64Array, p.wStar);
    for (let T = 0; T <= 100; T++) {
      expect(dist(traj[T] as Float64Array, p.wStar) / e0).toBeLessThanOrEqual(
        errorBound(kappa, T) * (1 + 1e-12) + 1e-15,
      );
    }
  });
  it("with η = 2.5/λ_max the iteration diverges (sanity)", () => {
    const p = samplePrompt({ d: 5, n: 20, seed: 3 });
    const traj = gd(p, { steps: 60, eta: 2.5 / conditionNumber(p.X).lambdaMax });
    expect(dist(traj[60] as Float64Array, p.wStar)).toBeGreaterThan(
      1e6 * dist(traj[0] as Float64Array, p.wStar),
    );
  });
  it("controlled-κ data has the requested κ of XᵀX to 1e-8 (relative)", () => {
    for (const kappa of [2, 10, 100]) {
      const c = conditionNumber(samplePrompt({ d: 10, n: 40, kappa, seed: kappa }).X);
      expect(Math.abs(c.kappa / kappa - 1)).toBeLessThan(1e-8);
      expect(c.lambdaMax).toBeCloseTo(1, 10);
    }
  });
  it("n < d reports κ = Infinity and does not throw (docs/method.md §h.8); the bound is then 1", () => {
    const c = conditionNumber(samplePrompt({ d: 6, n: 3, seed: 1 }).X);
    expect(c.kappa).toBe(Number.POSITIVE_INFINITY);
    expect(errorBound(c.kappa, 10)).toBe(1);
  });
});

describe("bound helpers", () => {
  it("errorBound: (1 − 1/4)^3 = 0.421875 and the optimal-step factor ((κ−1)/(κ+1))^T", () => {
    expect(errorBound(4, 3)).toBeCloseTo(0.421875, 15);
    expect(errorBound(4, 2, "optimal")).toBeCloseTo(0.36, 15);
  });
  it("loopsForAccuracy is the smallest T with the bound ≤ ε and never exceeds ⌈κ ln(1/ε)⌉", () => {
    for (const kappa of [2, 4.6, 10, 56.7]) {
      const T = loopsForAccuracy(kappa, 1e-3);
      expect(errorBound(kappa, T)).toBeLessThanOrEqual(1e-3);
      expect(errorBound(kappa, T - 1)).toBeGreaterThan(1e-3);
      expect(T).toBeLessThanOrEqual(Math.ceil(kappa * Math.log(1000)));
    }
  });
  it("asymptoticKappa matches docs/method.md §e.3's limits 97, 34, 9, 4.4 for n/d = 1.5, 2, 4, 8", () => {
    // docs/method.md rounds 97.99 down to 97; exact value ((1 + √(2/3))/(1 − √(2/3)))²
    expect(Math.abs(asymptoticKappa(1.5) / 97 - 1)).toBeLessThan(0.015);
    expect(asymptoticKappa(1.5)).toBeCloseTo(((1 + Math.sqrt(2 / 3)) / (1 - Math.sqrt(2 / 3))) ** 2, 12);
    expect(asymptoticKappa(2)).toBeCloseTo(34, 0);
    expect(asymptoticKappa(4)).toBeCloseTo(9, 6);
    expect(asymptoticKappa(8)).toBeCloseTo(4.4, 1);
    expect(asymptoticKappa(1)).toBe(Number.POSITIVE_INFINITY);
  });
  it("rejects κ < 1, negative loops, ε outside (0, 1) and an unknown rule", () => {
    expect(() => errorBound(0.5, 1)).toThrow(/kappa/);
    expect(() => errorBound(2, -1)).toThrow(/loops/);
    expect(() => loopsForAccuracy(2, 1.5)).toThrow(/epsilon/);
    expect(() => errorBound(2, 1, "newton" as "optimal")).toThrow(/rule/);
    expect(() => asymptoticKappa(0)).toThrow(/ratio/);
  });
});

describe("docs/method.md §f.5: closed form (3)", () => {
  it("oneStepOptimum(5, 20) = (20/26, 30/26) and docs/method.md §e.4's T = 1 column 1.875, 1.1538, 0.6522, 0.3488", () => {
    expect(oneStepOptimum(5, 20).eta).toBeCloseTo(0.76923, 5);
    const mses = [10, 20, 40, 80].map((n) => oneStepOptimum(5, n).mse);
    expect(mses[0]).toBeCloseTo(1.875, 4);
    expect(mses[1]).toBeCloseTo(1.1538, 4);
    expect(mses[2]).toBeCloseTo(0.6522, 4);
    expect(mses[3]).toBeCloseTo(0.3488, 4);
  });
  it("Monte-Carlo E[(x_qᵀ(I − ηŜ)w*)²] at η = n/(n+d+1) is within 2 % of d(d+1)/(n+d+1) (100,000 prompts)", () => {
    const set = new GdProblemSet(samplePrompts({ d: 5, n: 20, count: 100_000, seed: 2024 }));
    const { eta, mse } = oneStepOptimum(5, 20);
    const e = set.errors(1, eta);
    let s = 0;
    for (const v of e) s += v;
    expect(Math.abs(s / e.length / mse - 1)).toBeLessThan(0.02);
  });
});
