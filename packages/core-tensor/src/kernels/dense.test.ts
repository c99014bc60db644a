import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finiteDifferenceHvp, hessianVectorProduct } from "../autodiff/hessian-vector-product.js";
import { safeTanh } from "../autodiff/safe-elementwise.js";
import { initBackend, tf } from "../backend.js";
import { DescentError } from "../errors.js";
import { normalTensor } from "../random-tensors.js";
import { Rng } from "../rng.js";
import { maxAbsDiff } from "../testing/array-differences.js";
import { useBackend } from "../testing/backend-hooks.js";
import { dense } from "./dense.js";

// "wasm, tfjs's kernels": the fast matMul kernels switched off, so dense takes its custom-gradient route
describe.each(["wasm", "cpu", "wasm, tfjs's kernels"] as const)("dense on %s", (mode) => {
  if (mode === "wasm, tfjs's kernels") {
    beforeAll(async () => {
      await initBackend({ fastKernels: false });
    });
    afterAll(async () => {
      await initBackend();
    });
  } else useBackend(mode);

  it("has the value and the gradients (x, W, b) of tf.matMul(x, W).add(b)", () => {
    const rng = new Rng(21);
    tf.tidy(() => {
      const x = normalTensor(rng, [7, 5], 0, 1);
      const W = normalTensor(rng, [5, 3], 0, 1);
      const b = normalTensor(rng, [3], 0, 1);
      const r = normalTensor(rng, [7, 3], 0, 1);
      expect(maxAbsDiff(dense(x, W, b).dataSync(), tf.add(tf.matMul(x, W), b).dataSync())).toBeLessThan(1e-6);
      const ours = tf.grads((a: tf.Tensor, w: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(dense(a, w, c), r)))([
        x,
        W,
        b,
      ]);
      const theirs = tf.grads((a: tf.Tensor, w: tf.Tensor, c: tf.Tensor) =>
        tf.sum(tf.mul(tf.add(tf.matMul(a, w), c), r)),
      )([x, W, b]);
      ours.forEach((g, i) => {
        expect(g.shape).toEqual((theirs[i] as tf.Tensor).shape);
        expect(maxAbsDiff(g.dataSync(), (theirs[i] as tf.Tensor).dataSync())).toBeLessThan(1e-5);
      });
      const noBias = tf.grads((a: tf.Tensor, w: tf.Tensor) => tf.sum(tf.mul(dense(a, w), r)))([x, W]);
      expect(
        maxAbsDiff((noBias[1] as tf.Tensor).dataSync(), (theirs[1] as tf.Tensor).dataSync()),
      ).toBeLessThan(1e-5);
    });
  });

  it("is second-order-safe: the HVP of a dense-tanh-dense loss matches finite differences", () => {
    const rng = new Rng(22);
    const X = normalTensor(rng, [6, 4], 0, 1);
    const params = [
      normalTensor(rng, [4, 5], 0, 0.5),
      normalTensor(rng, [5], 0, 0.2),
      normalTensor(rng, [5, 2], 0, 0.5),
    ];
    const v = params.map((p) => normalTensor(rng, p.shape, 0, 1));
    const loss = (...[W1, b1, W2]: tf.Tensor[]) =>
      tf.mean(tf.square(dense(safeTanh(dense(X, W1!, b1!)), W2!)));
    const hv = hessianVectorProduct(loss, params, v);
    const fd = finiteDifferenceHvp(loss, params, v);
    let num = 0;
    let den = 0;
    hv.forEach((t, i) => {
      const a = t.dataSync();
      const c = (fd[i] as tf.Tensor).dataSync();
      for (let k = 0; k < a.length; k++) {
        num += ((a[k] as number) - (c[k] as number)) ** 2;
        den += (c[k] as number) ** 2;
      }
    });
    tf.dispose([X, ...params, ...v, ...hv, ...fd]);
    expect(Math.sqrt(num / den)).toBeLessThan(3e-3);
  });
});

describe("dense: input validation", () => {
  beforeAll(async () => {
    await initBackend();
  });
  it("names the tensor whose shape does not fit, with the expected and received shapes", () => {
    tf.tidy(() => {
      const x = tf.zeros([4, 3]);
      expect(() => dense(tf.zeros([4]), tf.zeros([3, 2]))).toThrow(DescentError);
      expect(() => dense(tf.zeros([4]), tf.zeros([3, 2]))).toThrow(
        /x must have shape \[batch, in\], received \[4\]/,
      );
      expect(() => dense(x, tf.zeros([2, 2]))).toThrow(/W must have shape \[3, out\], received \[2, 2\]/);
      expect(() => dense(x, tf.zeros([3, 2]), tf.zeros([3]))).toThrow(
        /b must have shape \[2\], received \[3\]/,
      );
      expect(() => dense(x, tf.zeros([3, 2], "int32"))).toThrow(/W must have dtype float32/);
    });
  });
});
