import { DescentError, Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { dualNorm } from "./dual-norm.js";
import { logisticLoss } from "./logistic-loss.js";
import { classificationRisk, regressionRisk, worstCasePerturbation } from "./risk.js";

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

describe("closed-form inner maximisation (docs/method.md §f.1)", () => {
  const rng = new Rng(11);
  it("ℓ∞: the max of (y − (x+Δ)ᵀβ)² over the 2^p box vertices equals (|e| + δ‖β‖₁)², and the margin min equals yxᵀβ − δ‖β‖₁", () => {
    for (let trial = 0; trial < 20; trial++) {
      const p = 1 + rng.int(0, 8);
      const x = rng.normalArray(p);
      const beta = rng.normalArray(p);
      const yv = rng.normal();
      const delta = rng.uniform(0.01, 1);
      let best = Number.NEGATIVE_INFINITY;
      let worstMargin = Number.POSITIVE_INFINITY;
      const label = rng.bernoulli() ? 1 : -1;
      for (let mask = 0; mask < 1 << p; mask++) {
        const xp = x.map((v, j) => v + (mask & (1 << j) ? delta : -delta));
        best = Math.max(best, (yv - dot(xp, beta)) ** 2);
        worstMargin = Math.min(worstMargin, label * dot(xp, beta));
      }
      const closed = regressionRisk([x], [yv], beta, delta, "linf");
      expect(closed).toBeCloseTo(best, 12);
      expect(worstMargin).toBeCloseTo(label * dot(x, beta) - delta * dualNorm(beta, "linf"), 12);
      expect(classificationRisk([x], [label], beta, delta, "linf")).toBeCloseTo(
        logisticLoss(worstMargin),
        12,
      );
    }
  });

  it("ℓ2: Δ = ±δβ/‖β‖ attains (|e| + δ‖β‖₂)² and random points of the sphere never exceed it", () => {
    for (let trial = 0; trial < 20; trial++) {
      const p = 1 + rng.int(0, 9);
      const x = rng.normalArray(p);
      const beta = rng.normalArray(p);
      const yv = rng.normal();
      const delta = rng.uniform(0.01, 1);
      const nb = dualNorm(beta, "l2");
      const cands = [1, -1].map(
        (s) =>
          (yv -
            dot(
              x.map((v, j) => v + (s * delta * (beta[j] as number)) / nb),
              beta,
            )) **
          2,
      );
      const closed = regressionRisk([x], [yv], beta, delta, "l2");
      expect(Math.max(...cands)).toBeCloseTo(closed, 12);
      for (let r = 0; r < 50; r++) {
        const u = rng.normalArray(p);
        const nu = dualNorm(u, "l2");
        const val =
          (yv -
            dot(
              x.map((v, j) => v + (delta * (u[j] as number)) / nu),
              beta,
            )) **
          2;
        expect(val).toBeLessThanOrEqual(closed + 1e-12);
      }
    }
  });

  it("worstCasePerturbation attains the closed-form risk for both tasks and both attacks", () => {
    const n = 7;
    const p = 4;
    const X = Array.from({ length: n }, () => Array.from(rng.normalArray(p)));
    const y = Array.from(rng.normalArray(n));
    const labels = y.map((v) => (v > 0 ? 1 : 0));
    const beta = rng.normalArray(p);
    for (const attack of ["linf", "l2"] as const) {
      const Dr = worstCasePerturbation(X, y, beta, 0.3, attack, "regression");
      const Xr = X.map((row, i) => row.map((v, j) => v + (Dr.data[i * p + j] as number)));
      let plain = 0;
      for (let i = 0; i < n; i++) plain += ((y[i] as number) - dot(Xr[i] as number[], beta)) ** 2;
      expect(plain / n).toBeCloseTo(regressionRisk(X, y, beta, 0.3, attack), 12);
      const Dc = worstCasePerturbation(X, labels, beta, 0.3, attack, "classification");
      const Xc = X.map((row, i) => row.map((v, j) => v + (Dc.data[i * p + j] as number)));
      let lc = 0;
      for (let i = 0; i < n; i++)
        lc += logisticLoss((2 * (labels[i] as number) - 1) * dot(Xc[i] as number[], beta));
      expect(lc / n).toBeCloseTo(classificationRisk(X, labels, beta, 0.3, attack), 12);
      // each row of Δ lies on the attack sphere of radius δ
      const row = Array.from(Dc.data.subarray(0, p));
      const nrm = attack === "linf" ? Math.max(...row.map(Math.abs)) : Math.hypot(...row);
      expect(nrm).toBeCloseTo(0.3, 12);
    }
  });

  it("hinge risk equals max(0, 1 − margin) at the worst case", () => {
    const X = [
      [1, 2],
      [-1, 0.5],
    ];
    const beta = [0.5, -0.25];
    // margins: y=+1: 0.5 − 0.5 − 0.1·0.75 = −0.075 → 1.075; y=−1: 0.625 − 0.075 = 0.55 → 0.45
    expect(classificationRisk(X, [1, -1], beta, 0.1, "linf", "hinge")).toBeCloseTo((1.075 + 0.45) / 2, 14);
  });
});

describe("risk input validation", () => {
  const X = [
    [1, 0],
    [0, 1],
  ];
  it("throws on NaN in X, wrong lengths, negative delta, bad attack, bad labels, ragged rows", () => {
    expect(() =>
      regressionRisk(
        [
          [Number.NaN, 0],
          [0, 1],
        ],
        [1, 1],
        [0, 0],
        0.1,
        "l2",
      ),
    ).toThrow(/X must contain only finite/);
    expect(() => regressionRisk(X, [1, 1, 1], [0, 0], 0.1, "l2")).toThrow(/y must have length 2/);
    expect(() => regressionRisk(X, [1, 1], [0], 0.1, "l2")).toThrow(/coef must have length 2/);
    expect(() => regressionRisk(X, [1, 1], [0, 0], -0.1, "l2")).toThrow(/delta must be >= 0/);
    expect(() => regressionRisk(X, [1, 1], [0, 0], 0.1, "l1" as never)).toThrow(/attack must be one of/);
    expect(() => classificationRisk(X, [1, 2], [0, 0], 0.1, "l2")).toThrow(/labels in \{0, 1\}/);
    expect(() => classificationRisk(X, [0, -1], [0, 0], 0.1, "l2")).toThrow(/mixes/);
    expect(() => classificationRisk(X, [0, 1], [0, 0], 0.1, "l2", "square" as never)).toThrow(
      /loss must be one of/,
    );
    expect(() => regressionRisk([[1, 0], [1]], [1, 1], [0, 0], 0.1, "l2")).toThrow(/row 1 has length 1/);
    expect(() => regressionRisk([], [], [], 0.1, "l2")).toThrow(DescentError);
    expect(() => worstCasePerturbation(X, [1, 1], [0, 0], 0.1, "l2", "ranking" as never)).toThrow(
      /task must be one of/,
    );
    expect(() =>
      regressionRisk({ rows: 2, cols: 2, data: new Float64Array(3) }, [1, 1], [0, 0], 0.1, "l2"),
    ).toThrow(/data.length/);
  });
});
