import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { kernels } from "./kernels.js";

const f64 = (...v: number[]) => Float64Array.from(v);
const settings = {
  covarianceUpdate: "additive",
  meanPreconditioner: "next",
  invVarianceFloor: 1e-12,
} as const;

describe("kernels (validated exports)", () => {
  it("compute docs/method.md §f.2 closed form through the validated entry point", () => {
    // s = (1, 4), ĝ = (1, 0.5), Ĝ = (0.5, −0.25), ρ = 0.1 ⇒ λ = 15, δ_μ = (1/15, 2/15), δ_s = (1/15, −8/15)
    const p = kernels.perturbFisher(f64(1, 4), f64(1, 0.5), f64(0.5, -0.25), 0.1);
    expect(p.lambda).toBeCloseTo(15, 12);
    expect(p.dMean[1]).toBeCloseTo(2 / 15, 14);
    expect(p.dVar[1]).toBeCloseTo(-8 / 15, 14);
    expect(kernels.quadraticKL(f64(1, 4), p.dMean, p.dVar)).toBeCloseTo(0.01, 15);
  });
  it("one INGO step of docs/method.md §f.5 (h = (1, 4), β = 0.1, μ = s = 1) through naturalGradientStep", () => {
    // exact gradients: gMean = h ⊙ μ, gVar = h/2 ⇒ s₁ = 1/(1 + 0.1 h), μ₁ = μ − 0.1 s₁ h μ = (0.909091, 0.714286)
    const mean = f64(1, 1);
    const variance = f64(1, 1);
    kernels.naturalGradientStep(mean, variance, f64(1, 4), f64(0.5, 2), 0.1, settings);
    expect(mean[0]).toBeCloseTo(0.909091, 6);
    expect(mean[1]).toBeCloseTo(0.714286, 6);
  });
  const s = f64(1, 1);
  const g = f64(0, 0);
  const cases: [string, () => unknown, RegExp][] = [
    ["empty variance", () => kernels.perturbFisher(f64(), f64(), f64(), 1), /variance/],
    ["variance ≤ 0", () => kernels.perturbFisher(f64(1, 0), g, g, 1), /variance must be > 0/],
    ["NaN variance", () => kernels.quadraticKL(f64(1, Number.NaN), g, g), /variance/],
    ["gMean of the wrong length", () => kernels.perturbExactKL(s, f64(1), g, 1), /gMean/],
    ["NaN gVar", () => kernels.perturbFisher(s, g, f64(0, Number.NaN), 1), /gVar/],
    ["negative ρ", () => kernels.perturbFisher(s, g, g, -1), /rho/],
    ["NaN ρ", () => kernels.perturbExactKL(s, g, g, Number.NaN), /rho/],
    ["dVar of the wrong length", () => kernels.exactKL(s, g, f64(1, 2, 3)), /dVar/],
    ["empty shaped values", () => kernels.scoreGradients(s, f64(), []), /shaped/],
    ["z of the wrong size", () => kernels.scoreGradients(s, f64(1, 2, 3), [1, -1]), /z must have length 4/],
    ["NaN shaped", () => kernels.scoreGradients(s, f64(1, 2, 3, 4), [1, Number.NaN]), /shaped/],
    [
      "clip ≤ 0",
      () => kernels.applyPerturbation(g, s, { dMean: g, dVar: g, lambda: 1 }, 0, f64(0, 0), f64(0, 0)),
      /clip/,
    ],
    [
      "missing perturbation",
      () => kernels.applyPerturbation(g, s, {} as never, 0.5, f64(0, 0), f64(0, 0)),
      /p\.dMean/,
    ],
    ["β ≤ 0", () => kernels.naturalGradientStep(f64(0, 0), s, g, g, 0, settings), /beta/],
    [
      "unknown covarianceUpdate",
      () =>
        kernels.naturalGradientStep(f64(0, 0), s, g, g, 0.1, { ...settings, covarianceUpdate: "x" as never }),
      /covarianceUpdate/,
    ],
    ["mean of the wrong length", () => kernels.naturalGradientStep(f64(0), s, g, g, 0.1, settings), /mean/],
  ];
  it.each(cases)("rejects %s with a DescentError", (_name, call, pattern) => {
    expect(call).toThrow(DescentError);
    expect(call).toThrow(pattern);
  });
});
