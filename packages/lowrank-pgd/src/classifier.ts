/**
 * The attacked model. Every attack of this package works on anything that maps a batch of NHWC images
 * in the input box to logits `[B, K]`: a plain function (the fast path: hand-written weights as
 * `tf.Variable`s, docs/method.md §h.6) or a tfjs-layers model, which is called through `apply(x, {training: false})`
 * so that dropout/batch-norm behave as at inference and gradients flow (docs/method.md §h.6: never `predict`).
 */
import { DescentError, tf } from "@descent/core-tensor";

/** A function from a batch of NHWC images to logits `[B, K]`. It must not dispose its input. */
export type LogitsFn = (x: tf.Tensor4D) => tf.Tensor2D;

/** What the attacks accept as a model: a {@link LogitsFn} or a tfjs-layers model. */
export type Classifier = LogitsFn | tf.LayersModel;

/**
 * Turns a {@link Classifier} into a {@link LogitsFn}. A layers model is applied in inference mode.
 *
 * @example
 * ```ts
 * const f = toLogitsFn(tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }),
 *   tf.layers.dense({ units: 10 })] }));
 * ```
 */
export function toLogitsFn(model: Classifier): LogitsFn {
  if (model instanceof tf.LayersModel) {
    return (x) => model.apply(x, { training: false }) as tf.Tensor2D;
  }
  if (typeof model !== "function") {
    throw new DescentError(
      `model must be a function (x: Tensor4D) => logits or a tf.LayersModel, received ${typeof model}`,
      { parameter: "model", code: "type" },
    );
  }
  return model;
}

/**
 * The attack objective: softmax cross-entropy averaged over the batch (docs/method.md §b). For a targeted attack the
 * labels are the targets and the objective is the negated loss, so every attack always ascends
 * (torchattacks' convention: `cost = -loss(outputs, target)`).
 */
export function attackObjective(logits: tf.Tensor2D, labels: tf.Tensor1D, targeted: boolean): tf.Scalar {
  // shape checks only: this runs inside every attack step, where reading values back would cost a sync
  if (!(logits instanceof tf.Tensor) || logits.rank !== 2 || !((logits.shape[1] ?? 0) >= 2)) {
    throw new DescentError(
      `logits must be a tensor [B, K] with K >= 2, received ${logits instanceof tf.Tensor ? `[${logits.shape.join(", ")}]` : typeof logits}`,
      { parameter: "logits", code: "shape" },
    );
  }
  if (!(labels instanceof tf.Tensor) || labels.rank !== 1 || labels.shape[0] !== logits.shape[0]) {
    throw new DescentError(
      `labels must be a tensor [${logits.shape[0]}], received ${labels instanceof tf.Tensor ? `[${labels.shape.join(", ")}]` : typeof labels}`,
      { parameter: "labels", code: "shape" },
    );
  }
  const numClasses = logits.shape[1];
  return tf.tidy(() => {
    const onehot = tf.oneHot(tf.cast(labels, "int32"), numClasses);
    const loss = tf.losses.softmaxCrossEntropy(onehot, logits) as tf.Scalar;
    return targeted ? tf.neg(loss) : loss;
  });
}
