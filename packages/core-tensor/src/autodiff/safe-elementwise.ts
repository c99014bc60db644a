/**
 * Second-order-safe elementwise activations: `safeExp`, `safeTanh`, `safeSigmoid`, `safeElu`,
 * `safeSoftplus`, `safeLogSigmoid` and `safeSilu`.
 *
 * tfjs 4.22 writes the gradients of exp, tanh, sigmoid and elu in terms of the op's saved *output*.
 * A nested `tf.grad` then either throws ("Cannot compute gradient of y=f(x) with respect to x") or is
 * silently wrong, because the outer tape sees that output as a constant (upstream tensorflow/tfjs#3252;
 * measured in ECOSYSTEM.md section 2 and hi-fm.md h.3). Each op here is a `tf.customGrad` that saves its
 * INPUT and recomputes the derivative from it with these same safe ops, so the gradient is itself
 * differentiable: grad-of-grad and grad-of-grad-of-grad are exact (tested against closed forms).
 * Values are identical to the tfjs built-ins (they call them in the forward pass).
 *
 * Ops that are already second-order-correct in tfjs and need no wrapper (ECOSYSTEM.md section 2):
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

// Each wrapper is built once at module level (no closure over call arguments): the forward pass's
// intermediates are disposed before backprop, so gradients may only use what was passed to `save`.

const expWithInputGradient: (x: tf.Tensor) => tf.Tensor = customGradient<[tf.Tensor]>(1, ([x], save) => {
  save([x]);
  return {
    value: tf.exp(x),
    // d/dx e^x = e^x, recomputed from the saved input so that the outer tape sees x
    gradFunc: (dy: tf.Tensor, [input]: tf.Tensor[]) => tf.mul(dy, expWithInputGradient(input as tf.Tensor)),
  };
});

const sigmoidWithInputGradient: (x: tf.Tensor) => tf.Tensor = customGradient<[tf.Tensor]>(1, ([x], save) => {
  save([x]);
  return {
    value: tf.sigmoid(x),
    gradFunc: (dy: tf.Tensor, [input]: tf.Tensor[]) => {
      // σ' = σ (1 − σ)
      const s = sigmoidWithInputGradient(input as tf.Tensor);
      return tf.mul(dy, tf.mul(s, tf.sub(1, s)));
    },
  };
});

const tanhWithInputGradient: (x: tf.Tensor) => tf.Tensor = customGradient<[tf.Tensor]>(1, ([x], save) => {
  save([x]);
  return {
    value: tf.tanh(x),
    gradFunc: (dy: tf.Tensor, [input]: tf.Tensor[]) => {
      // tanh' = 1 − tanh²
      const t = tanhWithInputGradient(input as tf.Tensor);
      return tf.mul(dy, tf.sub(1, tf.square(t)));
    },
  };
});

const softplusWithInputGradient: (x: tf.Tensor) => tf.Tensor = customGradient<[tf.Tensor]>(1, ([x], save) => {
  save([x]);
  return {
    value: tf.softplus(x),
    // softplus' = σ; tfjs's own softplus gradient uses the built-in sigmoid, wrong at third order
    gradFunc: (dy: tf.Tensor, [input]: tf.Tensor[]) =>
      tf.mul(dy, sigmoidWithInputGradient(input as tf.Tensor)),
  };
});

const logSigmoidWithInputGradient: (x: tf.Tensor) => tf.Tensor = customGradient<[tf.Tensor]>(
  1,
  ([x], save) => {
    save([x]);
    return {
      value: tf.logSigmoid(x),
      // d/dx log σ(x) = 1 − σ(x) = σ(−x)
      gradFunc: (dy: tf.Tensor, [input]: tf.Tensor[]) =>
        tf.mul(dy, sigmoidWithInputGradient(tf.neg(input as tf.Tensor))),
    };
  },
);

const eluWithInputGradient: (x: tf.Tensor) => tf.Tensor = customGradient<[tf.Tensor]>(1, ([x], save) => {
  save([x]);
  return {
    value: tf.elu(x),
    gradFunc: (dy: tf.Tensor, [input]: tf.Tensor[]) => {
      // elu' = 1 for x > 0, e^x otherwise. The mask comes from tf.step, whose gradient is zero; a
      // comparison op (greater) would have no gradient at all and break the next order.
      const xs = input as tf.Tensor;
      const positive = tf.step(xs);
      const negative = tf.sub(1, positive);
      // e^{min(x, 0)} so that large positive inputs never overflow into inf · 0 = NaN
      const expNegativePart = expWithInputGradient(tf.mul(xs, negative));
      return tf.mul(dy, tf.add(positive, tf.mul(negative, expNegativePart)));
    },
  };
});

/** e^x with a gradient that is correct at every order (tfjs's exp fails at the second). */
export function safeExp<T extends tf.Tensor>(x: T): T {
  assertTensor(x, "x");
  return expWithInputGradient(x) as T;
}

/** tanh(x) with a gradient that is correct at every order (tfjs's tanh fails at the second). */
export function safeTanh<T extends tf.Tensor>(x: T): T {
  assertTensor(x, "x");
  return tanhWithInputGradient(x) as T;
}

/** σ(x) = 1/(1 + e^{−x}) with a gradient that is correct at every order (tfjs's fails at the second). */
export function safeSigmoid<T extends tf.Tensor>(x: T): T {
  assertTensor(x, "x");
  return sigmoidWithInputGradient(x) as T;
}

/** elu(x) = x for x > 0, e^x − 1 otherwise (alpha 1, as tf.elu), correct at every order. */
export function safeElu<T extends tf.Tensor>(x: T): T {
  assertTensor(x, "x");
  return eluWithInputGradient(x) as T;
}

/** softplus(x) = log(1 + e^x), correct at every order (tfjs's is wrong from the third on). */
export function safeSoftplus<T extends tf.Tensor>(x: T): T {
  assertTensor(x, "x");
  return softplusWithInputGradient(x) as T;
}

/** log σ(x) = −softplus(−x), correct at every order. */
export function safeLogSigmoid<T extends tf.Tensor>(x: T): T {
  assertTensor(x, "x");
  return logSigmoidWithInputGradient(x) as T;
}

/**
 * SiLU (swish) x·σ(x), correct at every order. tfjs has no built-in; written as `x * σ(x)` with the
 * built-in sigmoid its Hessian is off by about 2% (hi-fm.md h.3).
 */
export function safeSilu<T extends tf.Tensor>(x: T): T {
  assertTensor(x, "x");
  return tf.mul(x, sigmoidWithInputGradient(x)) as T;
}
