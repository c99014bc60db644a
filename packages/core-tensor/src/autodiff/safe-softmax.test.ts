import { beforeAll, describe, expect, it } from "vitest";
import { initBackend, tf } from "../backend.js";
import { DescentError } from "../errors.js";
import { maxAbsDiff } from "../testing/array-differences.js";
import { useBackend } from "../testing/backend-hooks.js";
import { hessianVectorProduct } from "./hessian-vector-product.js";
import { safeLogSoftmax, safeLogSumExp, safeSoftmax } from "./safe-softmax.js";

const LOGITS = [
  [0.3, -1.2, 2.0, 0.5],
  [1.5, 0.2, -0.7, -2.1],
];
const V = [
  [0.4, -0.3, 0.8, -0.1],
  [-0.6, 0.9, 0.2, 0.5],
];

/** Row-wise softmax in float64. */
function softmaxRows(rows: number[][]): number[][] {
  return rows.map((r) => {
    const m = Math.max(...r);
    const e = r.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  });
}

describe.each(["wasm", "cpu"] as const)("second-order-safe softmax family on %s", (backend) => {
  useBackend(backend);

  it("safeSoftmax, safeLogSoftmax and safeLogSumExp have the values of tf.softmax, tf.logSoftmax, tf.logSumExp", () => {
    tf.tidy(() => {
      const x = tf.tensor2d(LOGITS);
      expect(maxAbsDiff(safeSoftmax(x).dataSync(), tf.softmax(x).dataSync())).toBeLessThan(1e-6);
      expect(maxAbsDiff(safeLogSoftmax(x).dataSync(), tf.logSoftmax(x).dataSync())).toBeLessThan(1e-5);
      expect(maxAbsDiff(safeLogSumExp(x).dataSync(), tf.logSumExp(x, -1).dataSync())).toBeLessThan(1e-5);
      expect(safeLogSumExp(x, 0, true).shape).toEqual([1, 4]);
      expect(
        maxAbsDiff(safeSoftmax(x, 0).dataSync(), tf.softmax(tf.transpose(x)).transpose().dataSync()),
      ).toBeLessThan(1e-6);
    });
  });

  it("stays finite for logits of size 1000 (the max-shift works)", () => {
    const values = tf.tidy(() => {
      const x = tf.tensor1d([1000, 999, -1000]);
      return [...safeSoftmax(x).dataSync(), ...safeLogSoftmax(x).dataSync(), ...safeLogSumExp(x).dataSync()];
    });
    expect(values.every(Number.isFinite)).toBe(true);
    expect(values[6] as number).toBeCloseTo(1000 + Math.log(1 + Math.exp(-1)), 3);
  });

  it("HVP of logSumExp equals (diag(p) − p pᵀ) v, the closed-form Hessian", () => {
    const p = softmaxRows(LOGITS);
    const expected = p.flatMap((pr, r) => {
      const vr = V[r] as number[];
      const pv = pr.reduce((s, pi, i) => s + pi * (vr[i] as number), 0);
      return pr.map((pi, i) => pi * (vr[i] as number) - pi * pv);
    });
    const hv = tf.tidy(() =>
      hessianVectorProduct((x) => safeLogSumExp(x).sum(), tf.tensor2d(LOGITS), tf.tensor2d(V)).dataSync(),
    );
    expect(maxAbsDiff(hv, expected)).toBeLessThan(2e-6);
  });

  it("HVP of softmax cross-entropy (via safeLogSoftmax) equals the closed form, also through safeSoftmax", () => {
    // CE(x) = −Σ y·log softmax(x) has the Hessian of logSumExp for one-hot y (rows sum to 1)
    const labels = [
      [0, 0, 1, 0],
      [1, 0, 0, 0],
    ];
    const p = softmaxRows(LOGITS);
    const expected = p.flatMap((pr, r) => {
      const vr = V[r] as number[];
      const pv = pr.reduce((s, pi, i) => s + pi * (vr[i] as number), 0);
      return pr.map((pi, i) => pi * (vr[i] as number) - pi * pv);
    });
    const [viaLogSoftmax, viaSoftmax] = tf.tidy(() => {
      const y = tf.tensor2d(labels);
      const x = tf.tensor2d(LOGITS);
      const v = tf.tensor2d(V);
      return [
        hessianVectorProduct((z) => tf.neg(tf.sum(tf.mul(y, safeLogSoftmax(z)))), x, v).dataSync(),
        hessianVectorProduct((z) => tf.neg(tf.sum(tf.mul(y, tf.log(safeSoftmax(z))))), x, v).dataSync(),
      ];
    });
    expect(maxAbsDiff(viaLogSoftmax as Float32Array, expected)).toBeLessThan(2e-6);
    expect(maxAbsDiff(viaSoftmax as Float32Array, expected)).toBeLessThan(2e-6);
  });
});

describe("safe softmax family: input validation", () => {
  beforeAll(async () => {
    await initBackend();
  });
  it("rejects an axis outside the tensor's rank, naming axis", () => {
    tf.tidy(() => {
      const x = tf.tensor2d(LOGITS);
      expect(() => safeSoftmax(x, 2)).toThrow(DescentError);
      expect(() => safeLogSoftmax(x, -3)).toThrow(/axis must be an integer in \[-2, 1\].*received -3/);
      expect(() => safeLogSumExp(x, 0.5)).toThrow(/axis/);
    });
  });
  it("rejects a non-tensor x", () => {
    expect(() => safeSoftmax(null as unknown as tf.Tensor)).toThrow(/x must be a tf.Tensor/);
  });
});
