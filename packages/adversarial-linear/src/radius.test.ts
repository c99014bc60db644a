import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { fitAdversarialClassifier } from "./classification.js";
import { gaussian, gaussianClassification } from "./datasets.js";
import { defaultRadius, interpolationRadiusL2, minimumNormInterpolationL2, zeroRadius } from "./radius.js";
import { fitAdversarialRegression } from "./regression.js";
import { regressionRisk } from "./risk.js";

describe("zero-solution thresholds (docs/method.md §f.3)", () => {
  const reg = gaussian(40, 5, { seed: 3 });
  const clf = gaussianClassification(60, 5, { seed: 4, noise: 0.5 });
  for (const attack of ["linf", "l2"] as const) {
    it(`regression, ${attack}: β = 0 at 1.01·δ_zero (risk = mean y²), β ≠ 0 and lower risk at 0.99·δ_zero`, () => {
      const dz = zeroRadius(reg.X, reg.y, attack, "regression");
      let meanY2 = 0;
      for (const v of reg.y) meanY2 += v * v;
      meanY2 /= reg.y.length;
      // IRR shrinks β towards 0 linearly at rate δ_zero/δ ≈ 0.99 here, hence the many iterations
      const above = fitAdversarialRegression(reg.X, reg.y, { attack, delta: 1.01 * dz, maxIter: 5000 });
      for (const b of above.coef) expect(Math.abs(b)).toBeLessThan(1e-8);
      expect(above.risk).toBeCloseTo(meanY2, 8); // O(√ε) smoothing bias, docs/method.md §c.1
      const below = fitAdversarialRegression(reg.X, reg.y, { attack, delta: 0.99 * dz, maxIter: 300 });
      expect(Math.max(...below.coef.map(Math.abs))).toBeGreaterThan(1e-6);
      expect(regressionRisk(reg.X, reg.y, below.coef, 0.99 * dz, attack)).toBeLessThan(meanY2 - 1e-9);
    });
    it(`classification, ${attack}: β = 0 at 1.01·δ_zero (risk = log 2), β ≠ 0 and lower risk at 0.99·δ_zero`, () => {
      const dz = zeroRadius(clf.X, clf.y, attack, "classification");
      const above = fitAdversarialClassifier(clf.X, clf.y, { attack, delta: 1.01 * dz, maxIter: 2000 });
      for (const b of above.coef) expect(Math.abs(b)).toBeLessThan(1e-7);
      expect(above.risk).toBeCloseTo(Math.LN2, 9);
      const below = fitAdversarialClassifier(clf.X, clf.y, { attack, delta: 0.99 * dz, maxIter: 2000 });
      expect(Math.max(...below.coef.map(Math.abs))).toBeGreaterThan(1e-6);
      expect(below.risk).toBeLessThan(Math.LN2 - 1e-9);
    });
  }
  it("accepts {0,1} labels for the classification threshold (same value as ±1)", () => {
    const y01 = clf.y.map((v) => (v > 0 ? 1 : 0));
    expect(zeroRadius(clf.X, y01, "linf", "classification")).toBe(
      zeroRadius(clf.X, clf.y, "linf", "classification"),
    );
  });
});

describe("ℓ2 interpolation regime, p > n (docs/method.md §f.4)", () => {
  const rng = new Rng(5);
  const n = 8;
  const p = 20;
  const X = { rows: n, cols: p, data: rng.normalArray(n * p) };
  const y = rng.normalArray(n);
  const mn = minimumNormInterpolationL2(X, y);
  it("β_mn interpolates and has ‖β_mn‖² = q", () => {
    const r = regressionRisk(X, y, mn.coef, 0, "l2");
    expect(r).toBeLessThan(1e-20);
    let s = 0;
    for (const v of mn.coef) s += v * v;
    expect(s).toBeCloseTo(mn.q, 10);
  });
  it("at δ = 0.5·δ_interp the adversarial optimum is β_mn with R* = δ²q (rel. 1e-8)", () => {
    const delta = 0.5 * interpolationRadiusL2(X, y);
    const fit = fitAdversarialRegression(X, y, { attack: "l2", delta, maxIter: 2000 });
    expect(fit.form).toBe("dual");
    expect(Math.abs(fit.risk - delta * delta * mn.q) / (delta * delta * mn.q)).toBeLessThan(1e-8);
    for (let j = 0; j < p; j++) expect(fit.coef[j]).toBeCloseTo(mn.coef[j] as number, 5);
  });
  it("at δ = 1.5·δ_interp the optimum is strictly below δ²q", () => {
    const delta = 1.5 * interpolationRadiusL2(X, y);
    const fit = fitAdversarialRegression(X, y, { attack: "l2", delta, maxIter: 2000 });
    expect(fit.risk).toBeLessThan(delta * delta * mn.q * (1 - 1e-6));
  });
  it("throws for p ≤ n", () => {
    expect(() =>
      interpolationRadiusL2(
        [
          [1, 0],
          [0, 1],
        ],
        [1, 1],
      ),
    ).toThrow(/p > n/);
  });
});

describe("default radius randn-zero (docs/method.md §b)", () => {
  it("is exactly ‖x‖_a for a single sample (every draw gives ‖εx‖_a/|ε|)", () => {
    const x = [0.5, -2, 1.25];
    expect(defaultRadius([x], "linf", { draws: 50 })).toBeCloseTo(2, 13);
    expect(defaultRadius([x], "l2", { draws: 50 })).toBeCloseTo(Math.hypot(...x), 13);
    expect(defaultRadius([x], "l2", { draws: 50, statistic: { percentile: 95 } })).toBeCloseTo(
      Math.hypot(...x),
      13,
    );
  });
  it("scales linearly with X, is reproducible per seed, and two seeds agree within 3% (Monte-Carlo error ~0.6%)", () => {
    const { X } = gaussian(300, 30, { seed: 9 });
    const a = defaultRadius(X, "linf");
    const scaled = { rows: X.rows, cols: X.cols, data: X.data.map((v) => 3 * v) };
    expect(defaultRadius(scaled, "linf")).toBeCloseTo(3 * a, 12);
    expect(defaultRadius(X, "linf")).toBe(a);
    const b = defaultRadius(X, "linf", { seed: 1 });
    expect(Math.abs(a - b) / a).toBeLessThan(0.03);
  });
  it("for standard Gaussian features matches √(π/2)·E max_j|Z_j|/√n within 10% (docs/method.md §b)", () => {
    const n = 400;
    const p = 50;
    const { X } = gaussian(n, p, { seed: 2 });
    // E max of p=50 |N(0,1)|: Monte-Carlo with an independent stream
    const rng = new Rng(77);
    let em = 0;
    for (let r = 0; r < 4000; r++) {
      let m = 0;
      for (let j = 0; j < p; j++) m = Math.max(m, Math.abs(rng.normal()));
      em += m / 4000;
    }
    const approx = (Math.sqrt(Math.PI / 2) * em) / Math.sqrt(n);
    expect(Math.abs(defaultRadius(X, "linf", { draws: 300 }) - approx) / approx).toBeLessThan(0.1);
  });
  it("validates its options", () => {
    expect(() => defaultRadius([[1]], "linf", { draws: 0 })).toThrow(/draws must lie in/);
    expect(() => defaultRadius([[1]], "linf", { seed: -1 })).toThrow(/seed/);
    expect(() => defaultRadius([[1]], "linf", { statistic: { percentile: 120 } })).toThrow(/percentile/);
    expect(() => defaultRadius([[1]], "linf", { statistic: "median" as never })).toThrow(/statistic/);
    expect(() => zeroRadius([[1], [2]], [0, 0], "linf", "regression")).toThrow(/all zeros/);
  });
});

describe("minimumNormInterpolationL2 input validation", () => {
  it("rejects p ≤ n, rank-deficient rows, a y of the wrong length and NaN", () => {
    expect(() => minimumNormInterpolationL2([[1], [2]], [1, 2])).toThrow(/more columns than rows/);
    expect(() =>
      minimumNormInterpolationL2(
        [
          [1, 2, 3],
          [2, 4, 6],
        ],
        [1, 2],
      ),
    ).toThrow(/full row rank/);
    expect(() => minimumNormInterpolationL2([[1, 2, 3]], [1, 2])).toThrow(/y must have length 1/);
    expect(() => minimumNormInterpolationL2([[1, Number.NaN, 3]], [1])).toThrow(/X/);
  });
});
