import { DescentError, initBackend, Rng, tf } from "@descent/core-tensor";
import { loadMnistFixture } from "@descent/datasets";
import { beforeAll, describe, expect, it } from "vitest";
import {
  channelMatrices64,
  channelSvd,
  nuclearNorm,
  singularValues,
  truncateChannelsToRank,
  truncateRank,
} from "./channel-svd.js";
import { spectralMatrix } from "./linear-problem.js";

beforeAll(async () => {
  await initBackend();
});

describe("channel SVD helpers (docs/method.md §f.10)", () => {
  it("diagonal matrix: σ = |diag| sorted", () => {
    const a = new Float64Array(9);
    [2, -5, 3].forEach((d, i) => {
      a[i * 4] = d;
    });
    expect(Array.from(singularValues(a, 3, 3))).toEqual([5, 3, 2].map((v) => expect.closeTo(v, 12)));
  });

  it("outer product a bᵀ: σ₁ = ‖a‖‖b‖, the rest ≤ 1e-12·σ₁", () => {
    const rng = new Rng(1);
    const u = rng.normalArray(28);
    const v = rng.normalArray(28);
    const a = new Float64Array(784);
    for (let i = 0; i < 28; i++)
      for (let j = 0; j < 28; j++) a[i * 28 + j] = (u[i] as number) * (v[j] as number);
    const s = singularValues(a, 28, 28);
    const expected = Math.hypot(...u) * Math.hypot(...v);
    expect(Math.abs((s[0] as number) / expected - 1)).toBeLessThan(1e-12);
    for (let i = 1; i < 28; i++) expect(s[i] as number).toBeLessThanOrEqual(1e-12 * (s[0] as number));
  });

  it("random 32×32 matrix: Σσ² = ‖A‖_F², descending; nuclear norm of I_n is n", () => {
    const a = new Rng(2).normalArray(32 * 32);
    const s = singularValues(a, 32, 32);
    let fro = 0;
    for (const v of a) fro += v * v;
    let sq = 0;
    for (let i = 0; i < s.length; i++) {
      sq += (s[i] as number) ** 2;
      if (i > 0) expect(s[i] as number).toBeLessThanOrEqual(s[i - 1] as number);
    }
    expect(Math.abs(sq / fro - 1)).toBeLessThan(1e-12);
    const eye = new Float64Array(49);
    for (let i = 0; i < 7; i++) eye[i * 8] = 1;
    expect(nuclearNorm(eye, 7, 7)).toBeCloseTo(7, 12);
  });

  it("non-square m×n both ways give min(m, n) values, equal for A and Aᵀ", () => {
    const a = new Rng(3).normalArray(5 * 9);
    const t = new Float64Array(45);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 9; j++) t[j * 5 + i] = a[i * 9 + j] as number;
    const s1 = singularValues(a, 5, 9);
    const s2 = singularValues(t, 9, 5);
    expect(s1.length).toBe(5);
    s1.forEach((v, i) => {
      expect(v).toBeCloseTo(s2[i] as number, 12);
    });
  });

  it("truncateRank is the Eckart–Young best approximation: known spectrum, error = tail", () => {
    const sigma = [5, 3, 2, 1, 0.5];
    const a = spectralMatrix(sigma, 8, 6, 4);
    const t = truncateRank(a, 8, 6, 2);
    const s = singularValues(t, 8, 6);
    expect(s[0]).toBeCloseTo(5, 10);
    expect(s[1]).toBeCloseTo(3, 10);
    expect(s[2] as number).toBeLessThan(1e-10);
    let err = 0;
    for (let i = 0; i < a.length; i++) err += ((a[i] as number) - (t[i] as number)) ** 2;
    expect(Math.sqrt(err)).toBeCloseTo(Math.hypot(2, 1, 0.5), 10);
    // rank ≥ min(m, n) reproduces the matrix
    const full = truncateRank(a, 8, 6, 6);
    for (let i = 0; i < a.length; i++) expect(full[i] as number).toBeCloseTo(a[i] as number, 10);
  });

  it("channel matrices follow NHWC sample-major order and truncation works per channel", () => {
    const x = tf.tensor4d(
      Float32Array.from({ length: 2 * 3 * 4 * 2 }, (_, i) => i),
      [2, 3, 4, 2],
    );
    const m = channelMatrices64(x);
    expect(m).toHaveLength(4);
    expect(Array.from(m[1] as Float64Array).slice(0, 3)).toEqual([1, 3, 5]); // sample 0, channel 1
    expect((m[2] as Float64Array)[0]).toBe(24); // sample 1, channel 0
    const t = truncateChannelsToRank(x, 3);
    expect(tf.max(tf.abs(tf.sub(t, x))).dataSync()[0]).toBeLessThan(1e-4);
    tf.dispose([x, t]);
  });

  it("rejects bad shapes by name", () => {
    expect(() => singularValues(new Float64Array(5), 2, 3)).toThrow(DescentError);
    expect(() => singularValues(new Float64Array(6), 0, 3)).toThrow(/m/);
    expect(() => truncateRank(new Float64Array(6), 2, 3, 0)).toThrow(/r/);
    expect(() => singularValues([1, 2] as never, 1, 2)).toThrow(/a must be a Float64Array/);
  });
});

describe("channelSvd on rank-deficient digits", () => {
  it("returns exact-rank spectra for a rank-2 matrix with many zero rows and columns (Σσ² = ‖A‖_F², σ₃ ≈ 0)", () => {
    // a digit-like matrix: a rank-2 block in the middle of a 28×28 zero frame
    const block = spectralMatrix([3, 1], 12, 10, 5);
    const a = new Float64Array(784);
    for (let i = 0; i < 12; i++)
      for (let j = 0; j < 10; j++) a[(i + 8) * 28 + (j + 9)] = block[i * 10 + j] as number;
    const s = singularValues(a, 28, 28);
    expect(s[0]).toBeCloseTo(3, 7);
    expect(s[1]).toBeCloseTo(1, 7);
    expect(s[2] as number).toBeLessThan(1e-7);
    const t = truncateRank(a, 28, 28, 1);
    expect(singularValues(t, 28, 28)[0]).toBeCloseTo(3, 7);
  });
});

describe("channelSvd on real digits", () => {
  it("every fixture digit gets a valid spectrum (docs/method.md §f.10)", () => {
    const d = loadMnistFixture({ limit: 60 });
    for (let i = 0; i < d.count; i++) {
      const a = Float64Array.from(d.images.subarray(i * 784, (i + 1) * 784));
      const { U, S, V } = channelSvd(a, 28, 28);
      let fro = 0;
      for (const v of a) fro += v * v;
      let sq = 0;
      for (const v of S) sq += v * v;
      expect(Math.abs(sq / fro - 1)).toBeLessThan(1e-10);
      // the top-5 reconstruction error equals the spectral tail (Eckart–Young), to 1e-6 relative
      const t = truncateRank(a, 28, 28, 5);
      let err = 0;
      for (let p = 0; p < 784; p++) err += ((a[p] as number) - (t[p] as number)) ** 2;
      let tail = 0;
      for (let k = 5; k < 28; k++) tail += (S[k] as number) ** 2;
      expect(Math.abs(err - tail)).toBeLessThan(1e-6 * fro);
      expect(U.rows).toBe(28);
      expect(V.cols).toBe(28);
    }
  });
});
