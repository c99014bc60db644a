import { initBackend, Rng, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { spectralMatrix } from "./linear-problem.js";
import { perturbationNorms } from "./perturbation-norms.js";
import { perturbationSpectrum, relativeSpectrumChange } from "./spectrum.js";
import { thrownParameter } from "./testing/thrown-parameter.js";

beforeAll(async () => {
  await initBackend();
});

// x ≡ 0.5 and adv = x + D with D of known spectrum (no clipping since |D_ij| ≤ ‖D‖_F < 0.5)
function withPerturbation(sigma: number[], seed: number) {
  const d = spectralMatrix(sigma, 28, 28, seed);
  const x = tf.fill([1, 28, 28, 1], 0.5) as tf.Tensor4D;
  const adv = tf.add(x, tf.tensor4d(Float32Array.from(d), [1, 28, 28, 1])) as tf.Tensor4D;
  return { x, adv };
}

describe("perturbation statistics", () => {
  it("norms of a known perturbation: ℓ2 = ‖σ‖₂, nuclear = Σσ (1e-5, float32 storage)", () => {
    const sigma = [0.3, 0.2, 0.1];
    const { x, adv } = withPerturbation(sigma, 1);
    const n = perturbationNorms(x, adv);
    expect(n.meanL2).toBeCloseTo(Math.hypot(...sigma), 5);
    expect(n.meanNuclear).toBeCloseTo(0.6, 5);
    tf.dispose([x, adv]);
  });

  it("spectrum of a rank-3 perturbation: E_3 = 1, E_1 = σ₁²/Σσ², ratio Σσ/‖σ‖, numerical rank 3", () => {
    const sigma = [0.3, 0.2, 0.1];
    const { x, adv } = withPerturbation(sigma, 2);
    const s = perturbationSpectrum(adv, x);
    expect(s.energyTopK[1]).toBeCloseTo(0.09 / 0.14, 4);
    expect(s.energyTopK[3]).toBeCloseTo(1, 5);
    expect(s.nuclearToFrobenius).toBeCloseTo(0.6 / Math.sqrt(0.14), 4);
    expect(s.numericalRankMax).toBe(3);
    expect(s.meanSingularValues).toHaveLength(28);
    tf.dispose([x, adv]);
  });

  it("a zero perturbation has zero norms and no energy entries counted", () => {
    const x = tf.fill([2, 28, 28, 1], 0.25) as tf.Tensor4D;
    const s = perturbationSpectrum(x, x);
    expect(s.nonZeroMatrices).toBe(0);
    expect(s.meanNuclear).toBe(0);
    tf.dispose(x);
  });

  it("relative spectrum change masks rank-deficient indices and sums to 1 (docs/method.md §c.4-1, h.4)", () => {
    // a rank-2 clean image: only indices 1 and 2 may contribute
    const img = spectralMatrix([3, 1], 28, 28, 3);
    const x = tf.tensor4d(Float32Array.from(img), [1, 28, 28, 1]);
    const adv = tf.mul(x, 1.1) as tf.Tensor4D; // every σ grows by 10%
    const r = relativeSpectrumChange(x, adv);
    expect(Array.from(r.counts.slice(0, 3))).toEqual([1, 1, 0]);
    expect(r.meanRelativeChange[0]).toBeCloseTo(0.1, 5);
    expect(r.distribution[0]).toBeCloseTo(0.5, 5);
    expect(r.distribution.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    tf.dispose([x, adv]);
  });

  it("norms, spectrum and relative change leak no tensors (docs/method.md §f.13)", () => {
    const x = tf.fill([2, 6, 6, 1], 0.5) as tf.Tensor4D;
    const adv = tf.add(x, tf.mul(tf.randomUniform([2, 6, 6, 1], -1, 1, "float32", 3), 0.1)) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      perturbationNorms(x, adv);
      perturbationSpectrum(adv, x);
      relativeSpectrumChange(x, adv);
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, adv]);
  });

  it("validates its inputs by name", () => {
    const x = tf.zeros([1, 4, 4, 1]) as tf.Tensor4D;
    const other = tf.zeros([1, 4, 5, 1]) as tf.Tensor4D;
    const check = (call: () => unknown, parameter: string) => expect(thrownParameter(call)).toBe(parameter);
    check(() => perturbationNorms(x, other), "adv");
    check(() => perturbationSpectrum(x, x, { ks: [] }), "ks");
    check(() => perturbationSpectrum(x, x, { ks: [0] }), "ks[0]");
    check(() => perturbationSpectrum(x, x, { rankTol: 2 }), "rankTol");
    check(() => relativeSpectrumChange(x, x, { floor: 0 }), "floor");
    check(() => relativeSpectrumChange(x, other), "adv");
    const nan = tf.fill([1, 4, 4, 1], Number.NaN) as tf.Tensor4D;
    const empty = tf.zeros([0, 4, 4, 1]) as tf.Tensor4D;
    check(() => perturbationNorms(x, nan), "adv");
    check(() => perturbationSpectrum(nan, x), "adv");
    check(() => perturbationNorms(empty, empty), "x");
    tf.dispose([nan, empty]);
    void Rng;
    tf.dispose([x, other]);
  });
});
