/**
 * `stopGradient`: the identity whose gradient is zero, so that a value computed from `x` enters a
 * differentiated function as a constant. tfjs has no such op; this is a `tf.customGrad` whose forward
 * pass runs off the tape (inside the custom kernel) and whose gradient is `zerosLike(x)`, which is itself
 * differentiable (to zero), so it is safe at every order.
 *
 * Why it matters: the max-shift of a numerically stable softmax must not be differentiated through —
 * `x.max()` on the tape breaks nested gradients (tfjs has no gradient for the `Equal` it uses;
 * platform notes §2), and the shift cancels exactly anyway.
 *
 * @example
 * ```ts
 * const m = stopGradient(x.max(-1, true)); // a constant to every tf.grad around it
 * ```
 */
import { tf } from "../backend.js";
import { customGradient } from "./custom-gradient.js";
import { assertTensor } from "./tensor-arguments.js";

const identityWithoutGradient = customGradient<[tf.Tensor]>(1, ([x]) => ({
  value: tf.clone(x),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
}));

/** Returns a copy of `x` that every enclosing `tf.grad` treats as a constant (zero gradient, all orders). */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  assertTensor(x, "x");
  return identityWithoutGradient(x) as T;
}

/**
 * The maximum of `x` along `axis` (kept dims), as a constant to every enclosing gradient: the max is
 * computed inside the custom kernel, so its comparison ops are never recorded on a tape.
 */
export function constantMax(x: tf.Tensor, axis: number | number[]): tf.Tensor {
  const maxOffTape = customGradient<[tf.Tensor]>(1, ([input]) => {
    // Capture the shape, not the tensor: the forward pass's intermediates are disposed before backprop.
    const shape = input.shape;
    return { value: tf.max(input, axis, true), gradFunc: () => tf.zeros(shape) };
  });
  return maxOffTape(x);
}
