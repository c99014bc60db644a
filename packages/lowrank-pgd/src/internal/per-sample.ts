/**
 * Per-sample reductions over all non-batch axes (docs/method.md §b: the ℓ2 norm of a sample runs over all channels
 * and pixels, never per channel; docs/method.md §h.1). Internal: the public functions call these.
 */
import { safeNorm, tf } from "@descent/core-tensor";

/** Per-sample ℓ2 norms `[B]` of a tensor whose first axis is the batch (no gradient use). */
export function perSampleNorm(t: tf.Tensor, batch: number): tf.Tensor1D {
  return tf.tidy(() => tf.sqrt(tf.sum(tf.square(tf.reshape(t, [batch, -1])), 1)) as tf.Tensor1D);
}

/**
 * `t_b / (‖t_b‖₂ + epsDiv)` per sample, exactly the official code's normalisation (docs/method.md §c.2, c.3).
 * Each sample is first divided by its max-abs entry: the quotient is unchanged (numerator and both
 * denominator terms scale alike) but squaring can no longer overflow (first LoRa step, gradient ×
 * eps/ε_div ≈ 1e10) or underflow (saturated softmax) in float32 — docs/method.md §h.2.
 */
export function normalizePerSample(t: tf.Tensor, batch: number, epsDiv: number): tf.Tensor {
  return tf.tidy(() => {
    const flat = tf.reshape(t, [batch, -1]);
    // a zero sample has scale 0; flooring it keeps 0/(0 + ε) = 0 instead of 0/0
    const scale = tf.maximum(tf.max(tf.abs(flat), 1, true), 1e-30);
    const scaled = tf.div(flat, scale);
    const norm = tf.sqrt(tf.sum(tf.square(scaled), 1, true));
    const out = tf.div(scaled, tf.add(norm, tf.div(epsDiv, scale)));
    return tf.reshape(out, t.shape);
  });
}

/**
 * Per-sample ℓ2 norm `[B, 1]` of a `[B, n]` tensor whose gradient is 0, not NaN, at 0 (docs/method.md §h.2: the first
 * LoRa-PGD forward pass has P = 0, where `x/‖x‖` is 0/0): core-tensor's `safeNorm`, `sqrt(Σx² + 1e-20)`,
 * which differs from the norm only below ~3e-7.
 */
export function safeRowNorm(flat: tf.Tensor2D): tf.Tensor2D {
  return safeNorm(flat, 1, 1e-20, true) as tf.Tensor2D;
}

/** Projection of every sample onto the ℓ2 ball of radius `eps`: `δ_b · min(1, eps/‖δ_b‖)` (docs/method.md §c.2). */
export function projectL2Ball(delta: tf.Tensor, batch: number, eps: number): tf.Tensor {
  return tf.tidy(() => {
    const norm = tf.reshape(perSampleNorm(delta, batch), [batch, ...delta.shape.slice(1).map(() => 1)]);
    // eps/0 = Inf and min(Inf, 1) = 1, so a zero δ stays 0, as in torchattacks (eps > 0 here)
    const factor = tf.minimum(tf.div(eps, norm), 1);
    return tf.mul(delta, factor);
  });
}
