import { describe, expect, it } from "vitest";
import { tf } from "../backend.js";
import { dense } from "../kernels/dense.js";
import { useBackend } from "../testing/backend-hooks.js";
import { checkGradient } from "./check-gradient.js";
import { hessian } from "./hessian.js";
import { finiteDifferenceHvp, hessianVectorProduct } from "./hessian-vector-product.js";
import { jacobian } from "./jacobian.js";
import {
  safeElu,
  safeExp,
  safeLogSigmoid,
  safeSigmoid,
  safeSilu,
  safeSoftplus,
  safeTanh,
} from "./safe-elementwise.js";
import { safeNorm } from "./safe-norm.js";
import { safeLogSoftmax, safeLogSumExp, safeSoftmax } from "./safe-softmax.js";
import { stopGradient } from "./stop-gradient.js";
import { valueAndGrads } from "./value-and-grads.js";

/** One call of every autodiff helper, safe op and gap kernel; returns nothing, keeps nothing. */
function everyHelperOnce(
  x: tf.Tensor,
  v: tf.Tensor,
  W: tf.Tensor,
  img: tf.Tensor4D,
  filter: tf.Tensor4D,
): void {
  const everyOp = (z: tf.Tensor) =>
    tf.addN([
      tf.sum(safeExp(z)),
      tf.sum(safeTanh(z)),
      tf.sum(safeSigmoid(z)),
      tf.sum(safeElu(z)),
      tf.sum(safeSoftplus(z)),
      tf.sum(safeLogSigmoid(z)),
      tf.sum(safeSilu(z)),
      tf.sum(safeSoftmax(z).square()),
      tf.sum(safeLogSoftmax(z).square()),
      safeLogSumExp(z),
      safeNorm(z),
      tf.sum(tf.mul(z, stopGradient(z))),
      tf.sum(dense(tf.reshape(z, [1, 4]), W)),
    ]);
  const { value, grads } = valueAndGrads((a) => everyOp(a!), [x]);
  tf.dispose([value, ...grads]);
  const named = valueAndGrads(({ a }) => everyOp(a), { a: x });
  tf.dispose([named.value, named.grads.a]);
  hessianVectorProduct(everyOp, x, v).dispose();
  tf.dispose(hessianVectorProduct((a, b) => tf.add(everyOp(a!), everyOp(b!)), [x, x], [v, v]));
  finiteDifferenceHvp(everyOp, x, v).dispose();
  jacobian((z) => safeSoftmax(z), x).dispose();
  hessian(everyOp, x).dispose();
  checkGradient(everyOp, x);
  tf.tidy(() => {
    tf.grad((f: tf.Tensor) => tf.sum(tf.conv2d(img, f as tf.Tensor4D, 1, "same")))(filter);
    tf.grad((p: tf.Tensor) => tf.sum(tf.gather(p, tf.tensor1d([0, 2, 2], "int32"))))(W);
    tf.grad((f: tf.Tensor) => tf.sum(tf.depthwiseConv2d(img, f as tf.Tensor4D, 1, "same")))(
      tf.ones([3, 3, 2, 1]),
    );
  });
}

describe.each(["wasm", "cpu"] as const)("no tensor leaks on %s", (backend) => {
  useBackend(backend);

  it("tf.memory().numTensors is unchanged across a loop over every helper", () => {
    const x = tf.tensor1d([0.3, -0.8, 1.1, 0.2]);
    const v = tf.tensor1d([1, -0.5, 0.25, 2]);
    const W = tf.tensor2d([0.1, -0.2, 0.3, 0.4, 0.5, -0.6, 0.7, 0.8], [4, 2]);
    const img = tf.ones([2, 5, 5, 2]) as tf.Tensor4D;
    const filter = tf.ones([3, 3, 2, 3]) as tf.Tensor4D;
    everyHelperOnce(x, v, W, img, filter); // warm-up: kernels may cache constants on first use
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) everyHelperOnce(x, v, W, img, filter);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, v, W, img, filter]);
  });
});
