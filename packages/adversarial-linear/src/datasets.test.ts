import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import {
  applyStandardization,
  fitStandardization,
  gaussian,
  gaussianClassification,
  latentFeatures,
  sparseGaussian,
  standardizeVector,
} from "./datasets.js";

describe("data generators (docs/method.md §e, f.13)", () => {
  it("give identical arrays for the same seed and different ones for another seed", () => {
    for (const make of [
      (s: number) => gaussian(30, 4, { seed: s }),
      (s: number) => gaussianClassification(30, 4, { seed: s }),
      (s: number) => sparseGaussian(30, 6, 2, { seed: s }),
      (s: number) => latentFeatures(30, 6, 2, { seed: s }),
    ]) {
      const a = make(7);
      const b = make(7);
      const c = make(8);
      expect(Array.from(a.X.data)).toEqual(Array.from(b.X.data));
      expect(Array.from(a.y)).toEqual(Array.from(b.y));
      expect(Array.from(a.X.data)).not.toEqual(Array.from(c.X.data));
    }
  });
  it("gaussian has N(0,1) features, β of variance 1/p and noise 0.1 around Xβ", () => {
    const { X, y, coef } = gaussian(4000, 10, { seed: 1 });
    let m = 0;
    let v = 0;
    for (const x of X.data) {
      m += x;
      v += x * x;
    }
    m /= X.data.length;
    v = v / X.data.length - m * m;
    expect(Math.abs(m)).toBeLessThan(0.02);
    expect(Math.abs(v - 1)).toBeLessThan(0.03);
    let r2 = 0;
    for (let i = 0; i < X.rows; i++) {
      let s = 0;
      for (let j = 0; j < 10; j++) s += (X.data[i * 10 + j] as number) * (coef[j] as number);
      r2 += ((y[i] as number) - s) ** 2;
    }
    expect(Math.sqrt(r2 / X.rows)).toBeCloseTo(0.1, 2);
  });
  it("classification labels are ±1 signs of the regression targets of the same draw", () => {
    const r = gaussian(100, 5, { seed: 3 });
    const c = gaussianClassification(100, 5, { seed: 3 });
    for (let i = 0; i < 100; i++) expect(c.y[i]).toBe((r.y[i] as number) >= 0 ? 1 : -1);
  });
  it("sparseGaussian has exactly nonZeros non-zero coefficients", () => {
    const d = sparseGaussian(10, 50, 7, { seed: 2 });
    expect(d.coef.filter((v) => v !== 0).length).toBe(7);
    expect(() => sparseGaussian(10, 5, 6)).toThrow(/nonZeros/);
  });
  it("standardisation gives zero-mean unit-variance columns and vectors", () => {
    const { X } = gaussian(50, 3, { seed: 4 });
    const Xs = applyStandardization(X, fitStandardization(X));
    const again = fitStandardization(Xs);
    for (let j = 0; j < 3; j++) {
      expect(again.mean[j]).toBeCloseTo(0, 12);
      expect(again.std[j]).toBeCloseTo(1, 12);
    }
    const v = standardizeVector([1, 2, 3, 4]);
    expect(v.mean).toBe(2.5);
    expect(v.values.reduce((s, x) => s + x * x, 0) / 4).toBeCloseTo(1, 14);
  });
  it("validates sizes", () => {
    expect(() => gaussian(0, 3)).toThrow(/n must lie in/);
    expect(() => gaussian(3, 1.5)).toThrow(/p must be an integer/);
    expect(() => gaussian(3, 3, { noise: -1 })).toThrow(/noise must be >= 0/);
    expect(() => latentFeatures(3, 3, 0)).toThrow(/nLatent/);
    expect(() =>
      applyStandardization([[1, 2]], { mean: new Float64Array(1), std: new Float64Array(1) }),
    ).toThrow(/stats/);
  });
});

describe("standardisation and generators reject bad input with the parameter's name", () => {
  it("fitStandardization: empty, ragged or NaN X", () => {
    expect(() => fitStandardization([])).toThrow(DescentError);
    expect(() => fitStandardization([[1, 2], [3]])).toThrow(/X/);
    expect(() => fitStandardization([[1, Number.NaN]])).toThrow(/X/);
  });
  it("applyStandardization: statistics of another width, NaN X", () => {
    const stats = fitStandardization([
      [1, 2],
      [3, 5],
    ]);
    expect(() => applyStandardization([[1, 2, 3]], stats)).toThrow(/stats/);
    expect(() => applyStandardization([[1, Number.POSITIVE_INFINITY]], stats)).toThrow(/X/);
  });
  it("standardizeVector: empty or non-finite y", () => {
    expect(() => standardizeVector([])).toThrow(/y must not be empty/);
    expect(() => standardizeVector([1, Number.NaN, 2])).toThrow(/y/);
  });
  it("latentFeatures: non-integer nLatent, negative noise", () => {
    expect(() => latentFeatures(20, 5, 0)).toThrow(/nLatent/);
    expect(() => latentFeatures(20, 5, 1.5)).toThrow(/nLatent/);
    expect(() => latentFeatures(20, 5, 2, { noise: -0.1 })).toThrow(/noise/);
  });
});
