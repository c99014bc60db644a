import { type Matrix64, matvec, matvecT, Rng, solve } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { gaussian } from "./datasets.js";
import { fitAdversarialRegression } from "./regression.js";
import { relativeDifference } from "./testing/relative-difference.js";

// The first IRR iteration starts from w = 1/n, λ̄ = δ², γ = 1, β⁰ = 0 (docs/method.md §c.1, code `lin_advregr`), so its
// β-step and η-step can be written out by hand and compared with one iteration of the solver.
describe("IRR single steps written out by hand (docs/method.md §c.1)", () => {
  const { X, y } = gaussian(30, 4, { seed: 21 });
  const n = X.rows;
  const p = X.cols;
  const delta = 0.3;

  it("the first Cholesky solve is the ridge (XᵀX + nδ²I)β = Xᵀy", () => {
    const A: Matrix64 = { rows: p, cols: p, data: new Float64Array(p * p) };
    for (let i = 0; i < n; i++)
      for (let j = 0; j < p; j++)
        for (let k = 0; k < p; k++)
          A.data[j * p + k] =
            (A.data[j * p + k] as number) + (X.data[i * p + j] as number) * (X.data[i * p + k] as number);
    for (let j = 0; j < p; j++) A.data[j * p + j] = (A.data[j * p + j] as number) + n * delta * delta;
    const ridge = solve(A, matvecT(X, y));
    for (const form of ["primal", "dual"] as const) {
      const fit = fitAdversarialRegression(X, y, { attack: "linf", delta, maxIter: 1, form });
      for (let j = 0; j < p; j++)
        expect(relativeDifference(fit.coef[j] as number, ridge[j] as number)).toBeLessThan(1e-12);
    }
  });

  it("irr-cg with cgSteps = 1 is one Jacobi-preconditioned CG step from β⁰ = 0", () => {
    // A = XᵀX/n + δ²I, b = Xᵀy/n, d_j = Σᵢ X_ij²/n + δ²; r = −b, z = r ⊘ d, s = −z, α = rᵀz / sᵀAs
    const b = matvecT(X, y).map((v) => v / n);
    const d = new Float64Array(p).fill(delta * delta);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < p; j++) d[j] = (d[j] as number) + (X.data[i * p + j] as number) ** 2 / n;
    const s = b.map((v, j) => v / (d[j] as number));
    const As = matvecT(X, matvec(X, s)).map((v, j) => v / n + delta * delta * (s[j] as number));
    let rz = 0;
    let sAs = 0;
    for (let j = 0; j < p; j++) {
      rz += ((b[j] as number) * (b[j] as number)) / (d[j] as number);
      sAs += (s[j] as number) * (As[j] as number);
    }
    const fit = fitAdversarialRegression(X, y, { attack: "l2", delta, solver: "irr-cg", maxIter: 1 });
    for (let j = 0; j < p; j++)
      expect(
        relativeDifference(fit.coef[j] as number, ((rz / sAs) * (s[j] as number)) as number),
      ).toBeLessThan(1e-12);
    // the code tests the residual only after a step, so the single step is taken whatever cgTol is
    const loose = fitAdversarialRegression(X, y, {
      attack: "l2",
      delta,
      solver: "irr-cg",
      maxIter: 1,
      cgTol: 1e6,
    });
    expect(Array.from(loose.coef)).toEqual(Array.from(fit.coef));
    // more CG steps per iteration move closer to the exact ridge step of the first iteration
    const exact = fitAdversarialRegression(X, y, { attack: "l2", delta, maxIter: 1 });
    const gap = (c: Float64Array): number => Math.hypot(...c.map((v, j) => v - (exact.coef[j] as number)));
    const three = fitAdversarialRegression(X, y, {
      attack: "l2",
      delta,
      solver: "irr-cg",
      cgSteps: 3,
      maxIter: 1,
    });
    expect(gap(three.coef)).toBeLessThan(gap(fit.coef));
  });

  it("ℓ∞ η-step: an all-zero feature gets the √ε floor (1e-10 for ε = 1e-20) and γ, λ̄, w follow the closed form", () => {
    // feature 0 is identically zero → its ridge coefficient is exactly 0 → b̂₀ = √ε is the smallest b̂
    const Xz: Matrix64 = { rows: n, cols: p, data: X.data.slice() };
    for (let i = 0; i < n; i++) Xz.data[i * p] = 0;
    for (const smoothing of [1e-20, 1e-12]) {
      const fit = fitAdversarialRegression(Xz, y, { attack: "linf", delta, maxIter: 1, smoothing });
      expect(fit.coef[0]).toBe(0);
      const bHat = Array.from(fit.coef, (v) => Math.sqrt(delta * delta * v * v + smoothing));
      const sumB = bHat.reduce((a, v) => a + v, 0);
      const pred = matvec(Xz, fit.coef);
      const eHat = Array.from(y, (v, i) => Math.sqrt((v - (pred[i] as number)) ** 2 + smoothing));
      const S = eHat.map((e) => e + sumB);
      const sumS = S.reduce((a, v) => a + v, 0);
      const w = S.map((v, i) => v / (eHat[i] as number));
      const sw = w.reduce((a, v) => a + v, 0);
      const floor = Math.sqrt(smoothing);
      expect(fit.featureWeights?.[0]).toBe(1);
      for (let j = 1; j < p; j++)
        expect(
          relativeDifference(fit.featureWeights?.[j] as number, floor / (bHat[j] as number)),
        ).toBeLessThan(1e-12);
      expect(relativeDifference(fit.penalty, (delta * delta * sumS) / floor / sw)).toBeLessThan(1e-12);
      for (let i = 0; i < n; i++)
        expect(relativeDifference(fit.sampleWeights[i] as number, (w[i] as number) / sw)).toBeLessThan(1e-12);
    }
  });

  it("ℓ2 η-step: λ̄ = δ²ΣS/m̂ with m̂ = √(δ²‖β‖² + ε), wᵢ ∝ Sᵢ/êᵢ, normalised to sum 1", () => {
    const fit = fitAdversarialRegression(X, y, { attack: "l2", delta, maxIter: 1 });
    const mHat = Math.sqrt(delta * delta * fit.coef.reduce((a, v) => a + v * v, 0) + 1e-20);
    const pred = matvec(X, fit.coef);
    const eHat = Array.from(y, (v, i) => Math.sqrt((v - (pred[i] as number)) ** 2 + 1e-20));
    const S = eHat.map((e) => e + mHat);
    const w = S.map((v, i) => v / (eHat[i] as number));
    const sw = w.reduce((a, v) => a + v, 0);
    expect(fit.featureWeights).toBeNull();
    expect(
      relativeDifference(fit.penalty, (delta * delta * S.reduce((a, v) => a + v, 0)) / mHat / sw),
    ).toBeLessThan(1e-12);
    for (let i = 0; i < n; i++)
      expect(relativeDifference(fit.sampleWeights[i] as number, (w[i] as number) / sw)).toBeLessThan(1e-12);
  });

  it("an exactly interpolated sample keeps a finite weight thanks to the floor: êᵢ = √ε", () => {
    // n = 1 < p: the dual ridge of the first step does not interpolate, but a zero target with zero row does
    const rng = new Rng(3);
    const Xs: Matrix64 = { rows: 3, cols: 2, data: Float64Array.from([0, 0, ...rng.normalArray(4)]) };
    const ys = Float64Array.of(0, 1, -1);
    const fit = fitAdversarialRegression(Xs, ys, { attack: "l2", delta, maxIter: 1 });
    expect(Number.isFinite(fit.sampleWeights[0] as number)).toBe(true);
    // w₀ ∝ S₀/√ε is by far the largest weight
    expect(fit.sampleWeights[0]).toBeGreaterThan(0.99);
  });
});
