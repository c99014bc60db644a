/**
 * Second-order-safe elementwise activations: `safeExp`, `safeTanh`, `safeSigmoid`, `safeElu`,
 * `safeSoftplus`, `safeLogSigmoid` and `safeSilu`.
 *
 * tfjs 4.22 writes the gradients of exp, tanh, sigmoid and elu in terms of the op's saved *output*.
 * A nested `tf.grad` then either throws ("Cannot compute gradient of y=f(x) with respect to x") or is
 * silently wrong, because the outer tape sees that output as a constant (upstream tensorflow/tfjs#3252;
 * measured in platform notes §2). Each op here is a `tf.customGrad` that saves its
 * INPUT and recomputes the derivative from it with these same safe ops, so the gradient is itself
 * differentiable: grad-of-grad and grad-of-grad-of-grad are exact (tested against closed forms).
 * Values are identical to the tfjs built-ins (they call them in the forward pass).
 *
 * Ops that are already second-order-correct in tfjs and need no wrapper (platform notes §2):
 * square, pow, mul, div, add/sub, sum/mean, log, log1p, sqrt, rsqrt, reciprocal, sin, cos, atan, erf,
 * relu (and relu²), abs, matMul, transpose, reshape, slice/concat/pad, conv2d w.r.t. its input.
 * Note that tf.softplus is correct at second order but not at third; `safeSoftplus` is correct at both.
 *
 * @example
 * ```ts
 * const f = (x: tf.Tensor) => safeTanh(x).sum();
 * const second = tf.grad(tf.grad(f)); // 1st derivative of tanh is 1 - tanh², 2nd is -2 tanh (1 - tanh²)
 * ```
 */
import { tf } from "../backend.js";
import { customGradient } from "./custom-gradient.js";
import { assertTensor } from "./tensor-arguments.js";

// Each op is built once at module level (no closure over call arguments): the forward pass's
// intermediates are disposed before backprop, so gradients may only use what was passed to `save`.

/**
 * The elementwise op `forward` with the gradient `dy · derivative(x)`, where `derivative` is written
 * with these safe ops and receives the saved INPUT, so that the gradient is itself differentiable.
 */
function withInputGradient(
  forward: (x: tf.Tensor) => tf.Tensor,
  derivative: (input: tf.Tensor) => tf.Tensor,
): (x: tf.Tensor) => tf.Tensor {
  return customGradient<[tf.Tensor]>(1, ([x], save) => {
    save([x]);
    return {
      value: forward(x),
      gradFunc: (dy: tf.Tensor, [input]: tf.Tensor[]) => tf.mul(dy, derivative(input as tf.Tensor)),
    };
  });
}

// d/dx e^x = e^x, recomputed from the saved input so that the outer tape sees x
const expWithInputGradient = withInputGradient(tf.exp, (x) => expWithInputGradient(x));

// σ' = σ (1 − σ)
const sigmoidWithInputGradient = withInputGradient(tf.sigmoid, (x) => {
  const s = sigmoidWithInputGradient(x);
  return tf.mul(s, tf.sub(1, s));
});

// tanh' = 1 − tanh²
const tanhWithInputGradient = withInputGradient(tf.tanh, (x) =>
  tf.sub(1, tf.square(tanhWithInputGradient(x))),
);

// softplus' = σ; tfjs's own softplus gradient uses the built-in sigmoid, wrong at third order
const softplusWithInputGradient = withInputGradient(tf.softplus, (x) => sigmoidWithInputGradient(x));

// d/dx log σ(x) = 1 − σ(x) = σ(−x)
const logSigmoidWithInputGradient = withInputGradient(tf.logSigmoid, (x) =>
  sigmoidWithInputGradient(tf.neg(x)),
);

// elu' = 1 for x > 0, e^x otherwise. The mask comes from tf.step, whose gradient is zero; a
// comparison op (greater) would have no gradient at all and break the next order.
const eluWithInputGradient = withInputGradient(tf.elu, (x) => {
  const positive = tf.step(x);
  const negative = tf.sub(1, positive);
  // e^{min(x, 0)} so that large positive inputs never overflow into inf · 0 = NaN
  const expNegativePart = expWithInputGradient(tf.mul(x, negative));
  return tf.add(positive, tf.mul(negative, expNegativePart));
});

/** The public form of an op above: checks that `x` is a tensor, keeps its type. */
function checkedElementwise(op: (x: tf.Tensor) => tf.Tensor): <T extends tf.Tensor>(x: T) => T {
  return <T extends tf.Tensor>(x: T): T => {
    assertTensor(x, "x");
    return op(x) as T;
  };
}

/** e^x with a gradient that is correct at every order (tfjs's exp fails at the second). */
export const safeExp = checkedElementwise(expWithInputGradient);

/** tanh(x) with a gradient that is correct at every order (tfjs's tanh fails at the second). */
export const safeTanh = checkedElementwise(tanhWithInputGradient);

/** σ(x) = 1/(1 + e^{−x}) with a gradient that is correct at every order (tfjs's fails at the second). */
export const safeSigmoid = checkedElementwise(sigmoidWithInputGradient);

/** elu(x) = x for x > 0, e^x − 1 otherwise (alpha 1, as tf.elu), correct at every order. */
export const safeElu = checkedElementwise(eluWithInputGradient);

/** softplus(x) = log(1 + e^x), correct at every order (tfjs's is wrong from the third on). */
export const safeSoftplus = checkedElementwise(softplusWithInputGradient);

/** log σ(x) = −softplus(−x), correct at every order. */
export const safeLogSigmoid = checkedElementwise(logSigmoidWithInputGradient);

/**
 * SiLU (swish) x·σ(x), correct at every order. tfjs has no built-in; written as `x * σ(x)` with the
 * built-in sigmoid its Hessian is off by about 2% (platform notes §2).
 */
export function safeSilu<T extends tf.Tensor>(x: T): T {
  assertTensor(x, "x");
  return tf.mul(x, sigmoidWithInputGradient(x)) as T;
}
