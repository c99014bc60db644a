/**
 * `dense`: the fully connected layer x·W + b with a hand-written gradient that avoids transposed
 * matMuls. On the wasm backend `matMul` with `transposeA`/`transposeB` is 6–8× slower than the plain
 * product (lowrank-pgd's docs/method.md §h.6), and tfjs's built-in matMul gradient uses exactly those; here the
 * backward pass transposes explicitly and calls the plain product: dx = dy·Wᵀ, dW = xᵀ·dy, db = Σ_rows dy.
 * The gradient saves its inputs, so `dense` is second-order-safe (Hessian-vector products through it
 * are right). The bench `bench/autodiff.bench.ts` measures the gain.
 *
 * @example
 * ```ts
 * const hidden = tf.relu(dense(x, W1, b1)); // x [batch, in], W1 [in, out], b1 [out]
 * ```
 */

import { customGradient } from "../autodiff/custom-gradient.js";
import { assertFloatTensor } from "../autodiff/tensor-arguments.js";
import { tf } from "../backend.js";
import { DescentError } from "../errors.js";

const denseWithBias = customGradient<[tf.Tensor, tf.Tensor, tf.Tensor]>(3, ([x, w, b], save) => {
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b),
    gradFunc: (dy: tf.Tensor, [xs, ws]: tf.Tensor[]) => [
      tf.matMul(dy as tf.Tensor2D, tf.transpose(ws as tf.Tensor2D)),
      tf.matMul(tf.transpose(xs as tf.Tensor2D), dy as tf.Tensor2D),
      tf.sum(dy, 0),
    ],
  };
});

const denseWithoutBias = customGradient<[tf.Tensor, tf.Tensor]>(2, ([x, w], save) => {
  save([x, w]);
  return {
    value: tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, [xs, ws]: tf.Tensor[]) => [
      tf.matMul(dy as tf.Tensor2D, tf.transpose(ws as tf.Tensor2D)),
      tf.matMul(tf.transpose(xs as tf.Tensor2D), dy as tf.Tensor2D),
    ],
  };
});

function shapeError(parameter: string, expected: string, received: readonly number[]): DescentError {
  return new DescentError(`${parameter} must have shape ${expected}, received [${received.join(", ")}]`, {
    parameter,
    code: "shape",
  });
}

/**
 * x·W (+ b): `x` is `[batch, in]`, `W` is `[in, out]`, the optional `b` is `[out]`; the result is
 * `[batch, out]`, float32. Values equal `tf.matMul(x, W).add(b)`; gradients equal the built-in ones
 * (to float32 rounding) but run without transposed-operand matMuls. Throws a {@link DescentError} when
 * the shapes do not fit together or a tensor is not float32.
 */
export function dense(x: tf.Tensor, W: tf.Tensor, b?: tf.Tensor): tf.Tensor2D {
  assertFloatTensor(x, "x");
  assertFloatTensor(W, "W");
  if (x.rank !== 2) throw shapeError("x", "[batch, in]", x.shape);
  if (W.rank !== 2 || W.shape[0] !== x.shape[1]) throw shapeError("W", `[${x.shape[1]}, out]`, W.shape);
  if (b === undefined) return denseWithoutBias(x, W) as tf.Tensor2D;
  assertFloatTensor(b, "b");
  if (b.rank !== 1 || b.shape[0] !== W.shape[1]) throw shapeError("b", `[${W.shape[1]}]`, b.shape);
  return denseWithBias(x, W, b) as tf.Tensor2D;
}
