/**
 * A typed front for `tf.customGrad` (internal). tfjs types the user function's parameters as
 * `Tensor | GradSaveFunc`, which a function with named tensor parameters cannot satisfy under strict
 * function types; this adapter takes the inputs as a tuple and the save function separately.
 */
import { tf } from "../backend.js";

/** What a custom-gradient function returns: the value and the gradient, from `dy` and the saved tensors. */
export interface CustomGradientResult {
  value: tf.Tensor;
  gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];
}

/** `tf.customGrad` for a function of `arity` tensors (its forward pass runs off the tape). */
export function customGradient<A extends tf.Tensor[]>(
  arity: A["length"],
  f: (inputs: A, save: tf.GradSaveFunc) => CustomGradientResult,
): (...inputs: A) => tf.Tensor {
  const op = tf.customGrad(((...args: Array<tf.Tensor | tf.GradSaveFunc>) =>
    f(args.slice(0, arity) as A, args[arity] as tf.GradSaveFunc)) as unknown as Parameters<
    typeof tf.customGrad
  >[0]);
  return (...inputs: A) => op(...inputs);
}
