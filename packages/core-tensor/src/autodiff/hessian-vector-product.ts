/**
 * Hessian-vector products: `hessianVectorProduct` by reverse-over-reverse autodiff (the gradient of
 * ⟨∇f(x), v⟩ with v held fixed) and `finiteDifferenceHvp`, the central difference of the gradient,
 * as a test oracle and as a fallback for functions that use ops tfjs cannot differentiate twice.
 *
 * **When the autodiff HVP is right.** Only when every op on the path from x to f has a gradient
 * written in terms of its input. In tfjs 4.22 that excludes exp, tanh, sigmoid, elu (nested gradient
 * throws), logSumExp and selu (throws), softmax, logSoftmax and anything where exp feeds other ops
 * (silently wrong), maxPool (throws); see platform notes §2 and upstream tensorflow/tfjs#3252.
 * Use the safe ops of this module instead ({@link safeExp}, {@link safeTanh}, {@link safeSigmoid},
 * {@link safeElu}, {@link safeSoftplus}, {@link safeLogSigmoid}, {@link safeSilu}, {@link safeSoftmax},
 * {@link safeLogSoftmax}, {@link safeLogSumExp}, {@link safeNorm}, {@link dense}) and the ops listed
 * there as correct (square, pow, mul, div, log, sqrt, sin, cos, relu, matMul, conv2d w.r.t. input, ...).
 * When in doubt, compare with {@link finiteDifferenceHvp} in a test.
 *
 * @example
 * ```ts
 * const hv = hessianVectorProduct((w) => loss(w), w, v);        // one tensor
 * const [h1, h2] = hessianVectorProduct((a, b) => loss(a, b), [a, b], [va, vb]); // several
 * ```
 */
import { tf } from "../backend.js";
import { DescentError, describeValue } from "../errors.js";
import { assertPositive } from "../validate.js";
import { assertFunction, assertSameShape, toTensorList } from "./tensor-arguments.js";
import { scalarValueAndGrads } from "./value-and-grads.js";

/** Checks x and v as matching lists (internal); `single` tells whether the caller passed one tensor. */
export function pairedTensorLists(
  x: unknown,
  v: unknown,
  vName = "v",
): { xs: tf.Tensor[]; vs: tf.Tensor[]; single: boolean } {
  const single = !Array.isArray(x);
  const xs = toTensorList(x, "x");
  if (single === Array.isArray(v)) {
    throw new DescentError(
      `${vName} must have the structure of x (${single ? "one tensor" : `a list of ${xs.length} tensors`}), received ${describeValue(v)}`,
      { parameter: vName, code: "shape" },
    );
  }
  const vs = toTensorList(v, vName);
  if (vs.length !== xs.length) {
    throw new DescentError(`${vName} must hold ${xs.length} tensors like x, received ${vs.length}`, {
      parameter: vName,
      code: "shape",
    });
  }
  xs.forEach((xi, i) => {
    assertSameShape(xi, vs[i] as tf.Tensor, single ? vName : `${vName}[${i}]`, single ? "x" : `x[${i}]`);
  });
  return { xs, vs, single };
}

/**
 * H(x)·v for the scalar function `f` by reverse-over-reverse autodiff. `x` is one tensor or a list
 * (then `f` receives them as separate arguments and `v` is a list of the same shapes); the result has
 * the structure of `x`. Right only when `f` uses second-order-safe ops (see the module doc). The caller
 * owns the result; everything else is disposed. Throws a {@link DescentError} when `v` does not match
 * `x` or `f` does not return a scalar.
 */
export function hessianVectorProduct(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, v: tf.Tensor): tf.Tensor;
export function hessianVectorProduct(
  f: (...xs: tf.Tensor[]) => tf.Tensor,
  x: tf.Tensor[],
  v: tf.Tensor[],
): tf.Tensor[];
export function hessianVectorProduct(
  f: (...xs: tf.Tensor[]) => tf.Tensor,
  x: tf.Tensor | tf.Tensor[],
  v: tf.Tensor | tf.Tensor[],
): tf.Tensor | tf.Tensor[] {
  assertFunction(f, "f");
  const { xs, vs, single } = pairedTensorLists(x, v);
  const { value, grads } = scalarValueAndGrads(() => {
    // ⟨∇f(x), v⟩ with v constant; its gradient with respect to x is H v
    const inner = scalarValueAndGrads(() => f(...xs), xs);
    inner.value.dispose();
    let dot: tf.Tensor = tf.scalar(0);
    inner.grads.forEach((g, i) => {
      dot = tf.add(dot, tf.sum(tf.mul(g, vs[i] as tf.Tensor)));
    });
    return dot;
  }, xs);
  value.dispose();
  return single ? (grads[0] as tf.Tensor) : grads;
}

/** Gradients of f at x (internal, for the finite-difference oracle): a list, caller disposes. */
function gradientAt(f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[]): tf.Tensor[] {
  const { value, grads } = scalarValueAndGrads(() => f(...xs), xs);
  value.dispose();
  return grads;
}

/**
 * H(x)·v ≈ ‖v‖ (∇f(x + h u) − ∇f(x − h u)) / (2h) with u = v/‖v‖: central differences of the
 * autodiff gradient, which needs first-order gradients only and is therefore right for every tfjs op.
 * The error is O(h²) from truncation plus O(ε₃₂/h) from float32 rounding; `h` (default 1e-2,
 * platform notes §2: the float32 step that worked, relative error ≤ 3e-3 on the probes) is the
 * step along the unit direction, so the result does not depend on the scale of `v` (our choice).
 * Same structure rules and errors as {@link hessianVectorProduct}; `h` must be > 0.
 */
export function finiteDifferenceHvp(
  f: (x: tf.Tensor) => tf.Tensor,
  x: tf.Tensor,
  v: tf.Tensor,
  h?: number,
): tf.Tensor;
export function finiteDifferenceHvp(
  f: (...xs: tf.Tensor[]) => tf.Tensor,
  x: tf.Tensor[],
  v: tf.Tensor[],
  h?: number,
): tf.Tensor[];
export function finiteDifferenceHvp(
  f: (...xs: tf.Tensor[]) => tf.Tensor,
  x: tf.Tensor | tf.Tensor[],
  v: tf.Tensor | tf.Tensor[],
  h = 1e-2,
): tf.Tensor | tf.Tensor[] {
  assertFunction(f, "f");
  assertPositive(h, "h");
  const { xs, vs, single } = pairedTensorLists(x, v);
  const result = tf.tidy(() => {
    let squaredNorm = 0;
    for (const vi of vs) squaredNorm += tf.sum(tf.square(vi)).dataSync()[0] as number;
    const vNorm = Math.sqrt(squaredNorm);
    if (vNorm === 0) return xs.map((xi) => tf.zerosLike(xi));
    const shifted = (sign: number) =>
      xs.map((xi, i) => tf.add(xi, tf.mul(vs[i] as tf.Tensor, (sign * h) / vNorm)));
    const plus = gradientAt(f, shifted(1));
    const minus = gradientAt(f, shifted(-1));
    return plus.map((gp, i) => tf.mul(tf.sub(gp, minus[i] as tf.Tensor), vNorm / (2 * h)));
  });
  return single ? (result[0] as tf.Tensor) : result;
}
