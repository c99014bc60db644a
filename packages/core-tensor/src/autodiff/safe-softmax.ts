/**
 * Second-order-safe `safeSoftmax`, `safeLogSoftmax` and `safeLogSumExp` along one axis.
 *
 * tfjs's softmax and logSoftmax gradients reuse the saved output, so their Hessian-vector products are
 * silently wrong (relative error 0.4–4, platform notes §2), and logSumExp's nested gradient throws
 * (no gradient for `Equal`, used by its max). Here each is composed from {@link safeExp} and ops whose
 * gradients use their inputs (sub, sum, log, div), and the max-shift that keeps e^x from overflowing is
 * a constant computed off the tape ({@link constantMax}). Treating the shift as a constant is exact,
 * not an approximation: softmax(x − c) = softmax(x) and lse(x) = c + lse(x − c) for every c.
 *
 * @example
 * ```ts
 * const loss = (logits: tf.Tensor) => safeLogSoftmax(logits).mul(oneHotLabels).sum().neg();
 * const hv = hessianVectorProduct(loss, logits, v); // right, unlike with tf.logSoftmax
 * ```
 */
import { tf } from "../backend.js";
import { DescentError } from "../errors.js";
import { safeExp } from "./safe-elementwise.js";
import { constantMax } from "./stop-gradient.js";
import { assertTensor } from "./tensor-arguments.js";

function checkAxis(x: tf.Tensor, axis: number): number {
  if (!Number.isInteger(axis) || axis < -x.rank || axis >= Math.max(x.rank, 1)) {
    throw new DescentError(
      `axis must be an integer in [${-x.rank}, ${x.rank - 1}] for a rank-${x.rank} tensor, received ${axis}`,
      { parameter: "axis", code: "range" },
    );
  }
  return axis < 0 ? axis + x.rank : axis;
}

/** softmax of `x` along `axis` (default −1, the last axis, as tf.softmax), correct at every order. */
export function safeSoftmax<T extends tf.Tensor>(x: T, axis = -1): T {
  assertTensor(x, "x");
  const a = checkAxis(x, axis);
  return tf.tidy(() => {
    const e = safeExp(tf.sub(x, constantMax(x, a)));
    return tf.div(e, tf.sum(e, a, true));
  }) as T;
}

/** log softmax of `x` along `axis` (default −1), correct at every order. */
export function safeLogSoftmax<T extends tf.Tensor>(x: T, axis = -1): T {
  assertTensor(x, "x");
  const a = checkAxis(x, axis);
  return tf.tidy(() => {
    const shifted = tf.sub(x, constantMax(x, a));
    return tf.sub(shifted, tf.log(tf.sum(safeExp(shifted), a, true)));
  }) as T;
}

/**
 * log Σ e^x along `axis` (default −1; tf.logSumExp's default is all axes, ours follows softmax), with
 * `keepDims` (default false), correct at every order.
 */
export function safeLogSumExp(x: tf.Tensor, axis = -1, keepDims = false): tf.Tensor {
  assertTensor(x, "x");
  const a = checkAxis(x, axis);
  return tf.tidy(() => {
    const m = constantMax(x, a);
    const lse = tf.add(m, tf.log(tf.sum(safeExp(tf.sub(x, m)), a, true)));
    return keepDims ? lse : tf.squeeze(lse, [a]);
  });
}
