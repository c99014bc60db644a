import { describe, expect, it } from "vitest";
import { DescentError } from "./errors.js";
import { Rng } from "./rng.js";

function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] as number;
  return s / a.length;
}

describe("Rng (xoshiro128**)", () => {
  it("matches the reference xoshiro128** output for a hand-set state", () => {
    // Reference: the C code of Blackman & Vigna (prng.di.unimi.it/xoshiro128starstar.c) from state
    // s = {1, 2, 3, 4}: its first outputs are 11520, 0, 5927040, 70819200 (checked by hand below).
    const r = Rng.fromState({ s: [1, 2, 3, 4], spare: null });
    // first output: rotl(2 * 5, 7) * 9 = (10 << 7) * 9 = 11520
    expect(r.nextUint32()).toBe(11520);
    // after one step the state is {7, 0, 262146, 12288}: rotl(0 * 5, 7) * 9 = 0
    expect(r.nextUint32()).toBe(0);
  });

  it("reproduces the same stream from the same seed, and differs across seeds", () => {
    const a = new Rng(123).normalArray(100);
    const b = new Rng(123).normalArray(100);
    const c = new Rng(124).normalArray(100);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it("distinguishes seeds that differ only above 2^32", () => {
    expect(new Rng(5).nextUint32()).not.toBe(new Rng(5 + 2 ** 32).nextUint32());
  });

  it("restores a stream from its saved state, including the Box–Muller spare", () => {
    const r = new Rng(9);
    r.normal();
    const saved = r.getState();
    const next = [r.normal(), r.normal(), r.float()];
    const s = Rng.fromState(saved);
    expect([s.normal(), s.normal(), s.float()]).toEqual(next);
  });

  it("gives uniforms in [0,1) with mean 1/2 and variance 1/12 (n = 2e5, 5 sigma bounds)", () => {
    const u = new Rng(1).uniformArray(200_000);
    let min = 1;
    let max = 0;
    let v = 0;
    const m = mean(u);
    for (const x of u) {
      min = Math.min(min, x);
      max = Math.max(max, x);
      v += (x - m) ** 2;
    }
    v /= u.length;
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(m - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / 2e5));
    expect(Math.abs(v - 1 / 12)).toBeLessThan(1e-3);
  });

  it("gives standard normals with mean 0, variance 1 and kurtosis 3 (n = 2e5)", () => {
    const z = new Rng(2).normalArray(200_000);
    const m = mean(z);
    let m2 = 0;
    let m4 = 0;
    for (const x of z) {
      m2 += (x - m) ** 2;
      m4 += (x - m) ** 4;
    }
    m2 /= z.length;
    m4 /= z.length;
    expect(Math.abs(m)).toBeLessThan(5 / Math.sqrt(2e5));
    expect(Math.abs(m2 - 1)).toBeLessThan(0.02);
    expect(Math.abs(m4 / (m2 * m2) - 3)).toBeLessThan(0.1);
  });

  it("draws unbiased integers: each of 7 values has frequency 1/7 within 5 sigma", () => {
    const r = new Rng(3);
    const counts = new Array(7).fill(0);
    const n = 70_000;
    for (let i = 0; i < n; i++) counts[r.int(0, 7)]++;
    const sd = Math.sqrt(n * (1 / 7) * (6 / 7));
    for (const c of counts) expect(Math.abs(c - n / 7)).toBeLessThan(5 * sd);
  });

  it("permutation is a permutation, and categorical follows its weights", () => {
    const r = new Rng(4);
    const p = Array.from(r.permutation(50)).sort((a, b) => a - b);
    expect(p).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[r.categorical([1, 0, 3])]++;
    expect(counts[1]).toBe(0);
    expect(Math.abs((counts[2] as number) / 30_000 - 0.75)).toBeLessThan(0.015);
  });

  it("forks independent children: child streams differ from each other and from the parent", () => {
    const parent = new Rng(7);
    const a = parent.fork();
    const b = parent.fork();
    const xa = a.uniformArray(1000);
    const xb = b.uniformArray(1000);
    const xp = parent.uniformArray(1000);
    let corr = 0;
    for (let i = 0; i < 1000; i++) corr += ((xa[i] as number) - 0.5) * ((xb[i] as number) - 0.5);
    corr /= 1000 / 12;
    expect(Math.abs(corr)).toBeLessThan(0.15);
    expect(Array.from(xa)).not.toEqual(Array.from(xp));
    // forking is itself deterministic
    expect(Array.from(new Rng(7).fork().uniformArray(5))).toEqual(Array.from(xa.slice(0, 5)));
  });

  it("gamma(shape) has mean shape and variance shape (shape = 0.5 and 3)", () => {
    const r = new Rng(5);
    for (const k of [0.5, 3]) {
      const g = Array.from({ length: 50_000 }, () => r.gamma(k));
      const m = mean(g);
      const v = mean(g.map((x) => (x - m) ** 2));
      expect(Math.abs(m - k)).toBeLessThan(0.03 * Math.max(1, k));
      expect(Math.abs(v - k) / k).toBeLessThan(0.06);
    }
  });

  it("rejects bad seeds and bad arguments with errors that name the parameter", () => {
    expect(() => new Rng(-1)).toThrow(/seed/);
    expect(() => new Rng(1.5)).toThrow(DescentError);
    expect(() => new Rng(1).int(3, 3)).toThrow(/high/);
    expect(() => new Rng(1).categorical([0, 0])).toThrow(/weights/);
    expect(() => new Rng(1).categorical([1, Number.NaN])).toThrow(/weights.*NaN/);
    expect(() => new Rng(1).sampleWithoutReplacement(3, 4)).toThrow(/k/);
  });
});
