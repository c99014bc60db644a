import { DescentError, Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { densify, identityCompressor, selectTopK, squaredNorm, topK } from "./top-k.js";

describe("topK (docs/method.md §f.8)", () => {
  it("deterministic case: a_i = sin(0.7 i)(i mod 7), d = 1000, K = 50", () => {
    const a = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(0.7 * i) * (i % 7));
    const g = topK({ k: 50 }).compress(a);
    expect(g.indices.length).toBe(50);
    expect(squaredNorm(a)).toBeCloseTo(6493.86885, 4);
    const rest = densify(g).map((v, i) => (a[i] as number) - v);
    expect(squaredNorm(rest)).toBeCloseTo(4866.41611, 4);
  });

  it("keeps exactly the K largest magnitudes (checked against a full sort)", () => {
    const rng = new Rng(5);
    for (let trial = 0; trial < 20; trial++) {
      const d = rng.int(1, 400);
      const k = rng.int(0, d + 1);
      const a = Float32Array.from(rng.normalArray(d));
      const g = selectTopK(a, k);
      expect(g.indices.length).toBe(k);
      const sorted = Array.from(a, (v, i) => [Math.abs(v), i] as const).sort(
        (x, y) => y[0] - x[0] || x[1] - y[1],
      );
      const expected = sorted
        .slice(0, k)
        .map(([, i]) => i)
        .sort((x, y) => x - y);
      expect(Array.from(g.indices)).toEqual(expected);
      g.indices.forEach((i, j) => {
        expect(g.values[j]).toBe(a[i]);
      });
    }
  });

  it("ties go to the lower indices and exactly K entries are kept", () => {
    const a = new Float64Array([1, -3, 3, 3, -3, 2]);
    expect(Array.from(selectTopK(a, 2).indices)).toEqual([1, 2]);
    expect(Array.from(selectTopK(a, 3).indices)).toEqual([1, 2, 3]);
    const flat = new Float64Array(100).fill(0.5);
    expect(Array.from(selectTopK(flat, 4).indices)).toEqual([0, 1, 2, 3]);
  });

  it("K = d returns a copy, K = 0 returns nothing", () => {
    const a = new Float64Array([3, -1, 2]);
    const all = topK({ k: 3 }).compress(a);
    expect(Array.from(densify(all))).toEqual([3, -1, 2]);
    all.values[0] = 99;
    expect(a[0]).toBe(3);
    expect(topK({ k: 0 }).compress(a).indices.length).toBe(0);
    expect(Array.from(densify(identityCompressor().compress(a)))).toEqual([3, -1, 2]);
  });

  it("contraction ‖a − topK(a)‖² ≤ (1 − K/d)‖a‖² on random vectors", () => {
    const rng = new Rng(9);
    for (let trial = 0; trial < 50; trial++) {
      const d = rng.int(2, 300);
      const k = rng.int(1, d);
      const a = Float64Array.from(rng.normalArray(d), (v, i) => v * (1 + (i % 5)));
      const dense = densify(selectTopK(a, k));
      const rest = a.map((v, i) => v - (dense[i] as number));
      expect(squaredNorm(rest)).toBeLessThanOrEqual((1 - k / d) * squaredNorm(a) + 1e-12);
    }
  });

  it("fraction gives K = ⌈f d⌉ (docs/method.md §e: 0.05 of 25 450 → 1 273)", () => {
    expect(topK({ fraction: 0.05 }).keptEntries(25_450)).toBe(1273);
  });

  it("rejects bad options", () => {
    expect(() => topK({ k: -1 })).toThrow(/k/);
    expect(() => topK({ k: 1.5 })).toThrow(/k/);
    expect(() => topK({ fraction: 1.2 })).toThrow(/fraction/);
    expect(() => topK({} as { k: number })).toThrow(/options/);
    expect(() => selectTopK(new Float64Array(3), -2)).toThrow(/k/);
    expect(() => selectTopK([1, 2] as unknown as Float64Array, 1)).toThrow(/a must/);
  });

  it("K > d is an error, not a silent clamp (exactly K entries)", () => {
    const a = new Float64Array([3, -1, 2]);
    expect(() => topK({ k: 5 }).compress(a)).toThrow(/k must lie in/);
    expect(() => topK({ k: 5 }).keptEntries(3)).toThrow(DescentError);
    expect(() => selectTopK(a, 4)).toThrow(/k/);
  });

  it("NaN and ±Infinity entries are rejected instead of silently dropped", () => {
    expect(() => topK({ k: 1 }).compress(new Float64Array([1, Number.NaN, 2]))).toThrow(/a/);
    expect(() => selectTopK(new Float32Array([1, Number.POSITIVE_INFINITY]), 1)).toThrow(DescentError);
  });
});
