import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import {
  benchmarks,
  discus,
  ellipsoid,
  l1Ellipsoid,
  levy,
  lHalfEllipsoid,
  rastrigin10,
} from "./benchmarks.js";

describe("docs/method.md §e.1 test functions", () => {
  it("vanish at their optimum (0, or 1 for Levy)", () => {
    const zero = new Float64Array(100);
    for (const f of [ellipsoid, discus, l1Ellipsoid, lHalfEllipsoid, rastrigin10]) expect(f(zero)).toBe(0);
    expect(levy(new Float64Array(100).fill(1))).toBeCloseTo(0, 14);
  });
  it("match hand values: ellipsoid weights span 10⁶, discus, rastrigin at 0.5", () => {
    // d = 2: w = (1, 10⁶), v = (1, 10)
    expect(ellipsoid(Float64Array.from([1, 1]))).toBe(1 + 1e6);
    expect(l1Ellipsoid(Float64Array.from([-2, 1]))).toBe(2 + 1e6);
    expect(lHalfEllipsoid(Float64Array.from([4, 0]))).toBe(2);
    expect(discus(Float64Array.from([1, 2, 3]))).toBe(1e6 + 4 + 9);
    // rastrigin10, d = 2, x = (0.5, 0): 20 + 0.25 − 10 cos(π) + 0 − 10 = 20.25
    expect(rastrigin10(Float64Array.from([0.5, 0]))).toBeCloseTo(20.25, 12);
  });
  it("Levy at x = 0 (d = 2) equals its closed form with u = 3/4", () => {
    const u = 0.75;
    const expected =
      Math.sin(Math.PI * u) ** 2 +
      (u - 1) ** 2 * (1 + 10 * Math.sin(Math.PI * u + 1) ** 2) +
      (u - 1) ** 2 * (1 + Math.sin(2 * Math.PI * u) ** 2);
    expect(levy(new Float64Array(2))).toBeCloseTo(expected, 14);
  });
  it("are all in the `benchmarks` record", () => {
    expect(Object.keys(benchmarks).sort()).toEqual([
      "discus",
      "ellipsoid",
      "l1Ellipsoid",
      "lHalfEllipsoid",
      "levy",
      "rastrigin10",
    ]);
  });
  it("reject an empty point and pass NaN through (which the optimisers reject)", () => {
    for (const f of Object.values(benchmarks)) {
      expect(() => f(new Float64Array(0))).toThrow(DescentError);
      expect(() => f(new Float64Array(0))).toThrow(/x must be a non-empty vector/);
      expect(f(Float64Array.from([Number.NaN, 1]))).toBeNaN();
    }
  });
});
