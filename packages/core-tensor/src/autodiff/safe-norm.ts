/**
 * `safeNorm`: the Euclidean norm with a finite gradient at zero. tfjs's `norm` (and
 * `sqrt(sum(x²))`) has gradient x/‖x‖ = 0/0 = NaN at x = 0, which poisons an optimisation that starts
 * there (LoRa-PGD's first step: lowrank-pgd's docs/method.md §h.2). Here ‖x‖ is computed as sqrt(Σx² + eps): the
 * gradient x/sqrt(Σx² + eps) is exactly 0 at 0, and the composition uses only ops whose gradients are
 * written in terms of their inputs, so it is second-order-safe as well.
 *
 * @example
 * ```ts
 * const g = tf.grad((p) => safeNorm(p))(tf.zeros([3])); // [0, 0, 0], not NaN
 * ```
 */
import { tf } from "../backend.js";
import { DescentError } from "../errors.js";
import { assertNonNegative } from "../validate.js";
import { assertTensor } from "./tensor-arguments.js";

/**
 * sqrt(Σ x² + eps) over `axis` (default: all axes; a number or a list), keeping reduced axes when
 * `keepDims` (default false). `eps` defaults to 1e-20 (lowrank-pgd's docs/method.md §h.2): in float32 it changes the
 * value only when ‖x‖ < ~3e-7 (and by at most 1e-10), and makes the gradient at 0 equal to 0.
 */
export function safeNorm(x: tf.Tensor, axis?: number | number[], eps = 1e-20, keepDims = false): tf.Tensor {
  assertTensor(x, "x");
  assertNonNegative(eps, "eps");
  const axes = axis === undefined ? undefined : Array.isArray(axis) ? axis : [axis];
  for (const a of axes ?? []) {
    if (!Number.isInteger(a) || a < -x.rank || a >= x.rank) {
      throw new DescentError(
        `axis must hold integers in [${-x.rank}, ${x.rank - 1}] for a rank-${x.rank} tensor, received ${a}`,
        { parameter: "axis", code: "range" },
      );
    }
  }
  return tf.tidy(() => tf.sqrt(tf.add(tf.sum(tf.square(x), axes, keepDims), eps)));
}
