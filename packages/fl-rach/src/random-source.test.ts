import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { counterNormal, counterRng, RngStream } from "./random-source.js";

describe("counterRng", () => {
  it("is a pure function of (seed, stream, counters)", () => {
    const a = counterRng(7);
    const b = counterRng(7);
    const draws = [a.uniform(RngStream.Channel, 3, 1, 4), a.uniform(RngStream.Sampling, 0, 0, 0)];
    // drawing other addresses in between changes nothing
    b.uniform(RngStream.Channel, 9, 9, 9);
    expect([b.uniform(RngStream.Channel, 3, 1, 4), b.uniform(RngStream.Sampling, 0)]).toEqual(draws);
  });

  it("separates seeds, streams and counters", () => {
    const r = counterRng(1);
    const values = new Set([
      r.uniform(RngStream.Channel, 0, 0, 1),
      r.uniform(RngStream.Channel, 0, 1, 0),
      r.uniform(RngStream.Channel, 1, 0, 0),
      r.uniform(RngStream.Sampling, 0, 0, 1),
      counterRng(2).uniform(RngStream.Channel, 0, 0, 1),
    ]);
    expect(values.size).toBe(5);
  });

  it("is uniform on [0,1): mean, variance and decile counts of 100 000 addressed draws", () => {
    const r = counterRng(3);
    const n = 100_000;
    const bins = new Array(10).fill(0);
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform(RngStream.Channel, i % 60, Math.floor(i / 60) % 5, Math.floor(i / 300));
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sumSq += u * u;
      bins[Math.floor(u * 10)]++;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sumSq / n - (sum / n) ** 2 - 1 / 12)).toBeLessThan(0.002);
    // chi-square with 9 degrees of freedom: 27.9 is the 0.999 quantile
    const chi = bins.reduce((acc, c) => acc + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi).toBeLessThan(27.9);
  });

  it("counterNormal has mean 0 and variance 1", () => {
    const r = counterRng(4);
    const n = 50_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = counterNormal(r, RngStream.Init, 0, 0, i);
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it("rejects a negative or fractional seed", () => {
    expect(() => counterRng(-1)).toThrow(DescentError);
    expect(() => counterRng(1.5)).toThrow(/seed/);
  });
});
