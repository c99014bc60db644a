/**
 * `dense`: the fully connected layer x·W + b, whose backward pass never takes tfjs's slow transposed-operand
 * matMul. tfjs's own wasm `BatchMatMul` runs transposed operands 10–25× slower than the plain product, and
 * tfjs's built-in matMul gradient uses exactly those. Two routes, picked per call:
 * - where transposed products are fast (the fast wasm matMul kernels that `initBackend` installs, see
 *   `register-wasm-fast-kernels.ts`, or any other backend), plain `tf.matMul` + `tf.add`: tfjs's gradient
 *   then computes only the gradients asked for (an attack that differentiates w.r.t. x skips dW), which
 *   measured 1.6× faster for PGD on a 784-256-10 MLP than the custom gradient below, which always
 *   computes dx, dW and db;
 * - on wasm with those kernels switched off, a custom gradient that transposes explicitly and calls the
 *   plain product: dx = dy·Wᵀ, dW = xᵀ·dy, db = Σ_rows dy.
 * Both are second-order-safe: the matMul and add gradients are written in terms of their inputs, and the
 * custom gradient saves its inputs (Hessian-vector products through `dense` are right).
 * `bench/autodiff.bench.ts` and `bench/wasm-matmul.bench.ts` measure it.
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
import { activeWasmFastKernels } from "./register-wasm-fast-kernels.js";

/** dy·Wᵀ and xᵀ·dy with explicit transposes and plain products (the route without fast kernels). */
function denseBackward(dy: tf.Tensor, x: tf.Tensor, w: tf.Tensor): [tf.Tensor, tf.Tensor] {
  return [
    tf.matMul(dy as tf.Tensor2D, tf.transpose(w as tf.Tensor2D)),
    tf.matMul(tf.transpose(x as tf.Tensor2D), dy as tf.Tensor2D),
  ];
}

/** Whether transposed-operand matMuls are fast on the current backend (see the module doc). */
function transposedProductsFast(): boolean {
  return tf.getBackend() !== "wasm" || activeWasmFastKernels().includes("BatchMatMul");
}

const denseWithBias = customGradient<[tf.Tensor, tf.Tensor, tf.Tensor]>(3, ([x, w, b], save) => {
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b),
    gradFunc: (dy: tf.Tensor, [xs, ws]: tf.Tensor[]) => [
      ...denseBackward(dy, xs as tf.Tensor, ws as tf.Tensor),
      tf.sum(dy, 0),
    ],
  };
});

const denseWithoutBias = customGradient<[tf.Tensor, tf.Tensor]>(2, ([x, w], save) => {
  save([x, w]);
  return {
    value: tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, [xs, ws]: tf.Tensor[]) => denseBackward(dy, xs as tf.Tensor, ws as tf.Tensor),
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
 * (to float32 rounding; they are the built-in ones where transposed products are fast) and never take
 * tfjs's slow transposed-operand matMul. Throws a {@link DescentError} when
 * the shapes do not fit together or a tensor is not float32.
 */
export function dense(x: tf.Tensor, W: tf.Tensor, b?: tf.Tensor): tf.Tensor2D {
  assertFloatTensor(x, "x");
  assertFloatTensor(W, "W");
  if (x.rank !== 2) throw shapeError("x", "[batch, in]", x.shape);
  if (W.rank !== 2 || W.shape[0] !== x.shape[1]) throw shapeError("W", `[${x.shape[1]}, out]`, W.shape);
  if (b !== undefined) {
    assertFloatTensor(b, "b");
    if (b.rank !== 1 || b.shape[0] !== W.shape[1]) throw shapeError("b", `[${W.shape[1]}]`, b.shape);
  }
  if (transposedProductsFast()) {
    return tf.tidy((): tf.Tensor => {
      const product = tf.matMul(x as tf.Tensor2D, W as tf.Tensor2D);
      return b === undefined ? product : tf.add(product, b);
    }) as tf.Tensor2D;
  }
  return (b === undefined ? denseWithoutBias(x, W) : denseWithBias(x, W, b)) as tf.Tensor2D;
}
