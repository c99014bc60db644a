/**
 * `valueAndGrads`: the value of a scalar function of several tensors and its gradient with respect to
 * each, in one forward and one backward pass, with every intermediate disposed. It accepts the tensors
 * as a list (gradients come back in the same order) or as a record of named tensors (gradients come
 * back under the same names), which reads better for model parameters.
 *
 * @example
 * ```ts
 * const { value, grads } = valueAndGrads((w, b) => loss(w, b), [w, b]);
 * const { grads: g } = valueAndGrads(({ w, b }) => loss(w, b), { w, b }); // g.w, g.b
 * ```
 */
import { tf } from "../backend.js";
import { DescentError, describeValue } from "../errors.js";
import { assertFloatTensor, assertFunction, assertScalarOutput, toTensorList } from "./tensor-arguments.js";

/** Result of {@link valueAndGrads} for a list of tensors. The caller owns (and disposes) every tensor. */
export interface ValueAndGrads {
  /** f(xs), a scalar tensor. */
  value: tf.Scalar;
  /** ∂f/∂xs[i], each with the shape of xs[i]. */
  grads: tf.Tensor[];
}

/** Result of {@link valueAndGrads} for a record of named tensors. The caller owns every tensor. */
export interface ValueAndNamedGrads<K extends string> {
  /** f(xs), a scalar tensor. */
  value: tf.Scalar;
  /** ∂f/∂xs[name], each with the shape of xs[name]. */
  grads: Record<K, tf.Tensor>;
}

/**
 * The engine-level core of the helpers (internal): runs `f` on the tape, checks that it returns a
 * scalar, and returns its value and its gradients with respect to `xs`. A tensor that `f` does not use
 * gets a zero gradient (tf.grads would throw instead); the zeros are mathematically right and let a
 * caller differentiate a model whose objective ignores some parameters.
 */
export function scalarValueAndGrads(f: () => tf.Tensor, xs: tf.Tensor[]): ValueAndGrads {
  const { value, grads } = tf.engine().gradients(
    () => {
      const y = f();
      assertScalarOutput(y, "f");
      return y;
    },
    xs,
    undefined,
    true,
  );
  return {
    value: value as tf.Scalar,
    grads: grads.map((g, i) => g ?? tf.zerosLike(xs[i] as tf.Tensor)),
  };
}

/**
 * Value and gradients of the scalar function `f` with respect to every tensor in `xs`.
 * `f` receives the tensors as separate arguments (list form) or as one record (named form) and must
 * return a scalar. Throws a {@link DescentError} when `xs` is empty or holds a non-float32 tensor, or
 * when `f` returns a non-scalar. Tensors created inside `f` are disposed; `value` and `grads` are not.
 */
export function valueAndGrads(f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[]): ValueAndGrads;
export function valueAndGrads<K extends string>(
  f: (xs: Record<K, tf.Tensor>) => tf.Tensor,
  xs: Record<K, tf.Tensor>,
): ValueAndNamedGrads<K>;
export function valueAndGrads<K extends string>(
  f: ((...xs: tf.Tensor[]) => tf.Tensor) | ((xs: Record<K, tf.Tensor>) => tf.Tensor),
  xs: tf.Tensor[] | Record<K, tf.Tensor>,
): ValueAndGrads | ValueAndNamedGrads<K> {
  assertFunction(f, "f");
  if (Array.isArray(xs)) {
    const list = toTensorList(xs, "xs");
    const fList = f as (...xs: tf.Tensor[]) => tf.Tensor;
    return scalarValueAndGrads(() => fList(...list), list);
  }
  if (xs === null || typeof xs !== "object") {
    throw new DescentError(`xs must be a list or a record of tensors, received ${describeValue(xs)}`, {
      parameter: "xs",
      code: "type",
    });
  }
  const names = Object.keys(xs) as K[];
  if (names.length === 0) {
    throw new DescentError("xs must contain at least one tensor, received {}", {
      parameter: "xs",
      code: "empty",
    });
  }
  for (const name of names) assertFloatTensor(xs[name], `xs.${name}`);
  const fRecord = f as (xs: Record<K, tf.Tensor>) => tf.Tensor;
  const { value, grads } = scalarValueAndGrads(
    () => fRecord(xs),
    names.map((name) => xs[name]),
  );
  const named = {} as Record<K, tf.Tensor>;
  names.forEach((name, i) => {
    named[name] = grads[i] as tf.Tensor;
  });
  return { value: value as tf.Scalar, grads: named };
}
