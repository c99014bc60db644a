import { describe, expect, it } from "vitest";
import { hingeLoss, logisticLoss, logisticWeight } from "./logistic-loss.js";

describe("stable margin losses (docs/method.md §h)", () => {
  it("logistic loss matches log(1 + e^{−m}) where that is accurate and stays finite at |m| = 1000", () => {
    for (const m of [-5, -1, 0, 0.5, 3]) expect(logisticLoss(m)).toBeCloseTo(Math.log(1 + Math.exp(-m)), 14);
    expect(logisticLoss(0)).toBe(Math.LN2);
    expect(logisticLoss(1000)).toBe(0);
    expect(logisticLoss(-1000)).toBe(1000);
    // for large m, log1p(e^{−m}) ≈ e^{−m} (naive log(1 + e^{−m}) would return 0)
    expect(logisticLoss(40) / Math.exp(-40)).toBeCloseTo(1, 12);
  });
  it("logisticWeight is σ(−m) = −ℓ'(m): central differences, symmetry σ(−m) + σ(m) = 1, no overflow", () => {
    for (const m of [-8, -0.3, 0, 0.7, 6]) {
      const h = 1e-6;
      expect(logisticWeight(m)).toBeCloseTo(-(logisticLoss(m + h) - logisticLoss(m - h)) / (2 * h), 8);
      expect(logisticWeight(m) + logisticWeight(-m)).toBeCloseTo(1, 15);
    }
    expect(logisticWeight(-1000)).toBe(1);
    expect(logisticWeight(1000)).toBe(0);
  });
  it("hinge loss is max(0, 1 − m)", () => {
    expect(hingeLoss(-1)).toBe(2);
    expect(hingeLoss(1)).toBe(0);
    expect(hingeLoss(0.25)).toBe(0.75);
  });
});
