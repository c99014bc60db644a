/**
 * Evaluation of an attack over a data set in batches (docs/method.md §d, h.11): robust accuracy over ALL samples
 * (misclassified clean samples count as failures, as [code] does with RobustBench's `clean_accuracy`),
 * attack success rate, and wall time per batch with the results read back (docs/method.md §h.8).
 */
import { assertInteger, assertOptionalFunction, DescentError, describeValue, tf } from "@descent/core-tensor";
import type { AttackResult } from "./attack-options.js";
import { type Classifier, type LogitsFn, toLogitsFn } from "./classifier.js";
import { checkImages, checkLabels, checkOptionsObject, throwIfAborted } from "./internal/checks.js";
import { checkSameShape } from "./perturbation-norms.js";

/** An attack on one batch, e.g. `(xb, yb) => pgd(model, xb, yb, { norm: "l2", eps: 0.5 })`. */
export type BatchAttack = (xb: tf.Tensor4D, yb: tf.Tensor1D, batchIndex: number) => AttackResult;

/** Options of {@link robustAccuracy}. */
export interface RobustAccuracyOptions {
  /** Samples per attacked batch. Default 100 ([code] `main.py`). */
  batchSize?: number;
  /** Pixel box of the inputs. Default [0, 1]. */
  clipMin?: number;
  clipMax?: number;
  /** Called after every batch. */
  onProgress?: (done: number, total: number) => void;
  /** Receives every batch with its adversarial images (valid only during the call). */
  onBatch?: (batch: { x: tf.Tensor4D; y: tf.Tensor1D; adv: tf.Tensor4D; index: number }) => void;
  signal?: AbortSignal;
}

/** The outcome of {@link robustAccuracy}. */
export interface RobustAccuracyResult {
  /** Fraction of all samples classified correctly on the adversarial images. */
  accuracy: number;
  /** Fraction classified correctly on the clean images. */
  cleanAccuracy: number;
  /** Attack success rate: among the clean-correct samples, the fraction the attack flips. */
  successRate: number;
  samples: number;
  batches: number;
  /** Attack wall time (sum of the attacks' `timeMs`) divided by the number of batches. */
  timeMsPerBatch: number;
  timeMsTotal: number;
  stateFloatsPerImage: number;
}

/** Predicted classes of `x` in batches. */
export function predictClasses(model: Classifier, x: tf.Tensor4D, batchSize = 256): Int32Array {
  checkImages(x, { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY });
  assertInteger(batchSize, "batchSize", { min: 1 });
  const f: LogitsFn = toLogitsFn(model);
  const n = x.shape[0];
  const out = new Int32Array(n);
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const pred = tf.tidy(() => tf.argMax(f(tf.slice(x, start, size) as tf.Tensor4D), 1));
    out.set(pred.dataSync() as Int32Array, start);
    pred.dispose();
  }
  return out;
}

/**
 * Fraction of samples whose prediction matches `labels`: the clean or robust accuracy of `model` on `x`.
 */
export function accuracy(model: Classifier, x: tf.Tensor4D, labels: tf.Tensor1D, batchSize = 256): number {
  checkImages(x, { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY });
  checkLabels(labels, x.shape[0], "labels");
  const pred = predictClasses(model, x, batchSize);
  const y = labels.dataSync();
  let hits = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === y[i]) hits++;
  return hits / pred.length;
}

/**
 * Attack success rate: untargeted, the fraction of samples correct on `x` that are wrong on `adv`;
 * targeted (`targets` given), the fraction of samples classified as their target on `adv`.
 */
export function attackSuccessRate(
  model: Classifier,
  x: tf.Tensor4D,
  adv: tf.Tensor4D,
  labels: tf.Tensor1D,
  options: { targets?: tf.Tensor1D; batchSize?: number } = {},
): number {
  checkImages(x, { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY });
  checkSameShape(x, adv); // adv must pair sample by sample with x (and be finite)
  checkLabels(labels, x.shape[0], "labels");
  const advPred = predictClasses(model, adv, options.batchSize);
  if (options.targets !== undefined) {
    checkLabels(options.targets, x.shape[0], "targets");
    const t = options.targets.dataSync();
    let hit = 0;
    for (let i = 0; i < advPred.length; i++) if (advPred[i] === t[i]) hit++;
    return hit / advPred.length;
  }
  const cleanPred = predictClasses(model, x, options.batchSize);
  const y = labels.dataSync();
  let correct = 0;
  let flipped = 0;
  for (let i = 0; i < y.length; i++) {
    if (cleanPred[i] !== y[i]) continue;
    correct++;
    if (advPred[i] !== y[i]) flipped++;
  }
  return correct === 0 ? 0 : flipped / correct;
}

/**
 * Robust accuracy of `model` under `attack` on `(x, y)`, attacked batch by batch.
 *
 * @example
 * ```ts
 * const r = robustAccuracy(model, x, y, (xb, yb) => loraPgd(model, xb, yb, { rank: 3, eps: 1.5 }));
 * ```
 */
export function robustAccuracy(
  model: Classifier,
  x: tf.Tensor4D,
  y: tf.Tensor1D,
  attack: BatchAttack,
  options: RobustAccuracyOptions = {},
): RobustAccuracyResult {
  checkOptionsObject(options, ["batchSize", "clipMin", "clipMax", "onProgress", "onBatch", "signal"]);
  assertOptionalFunction(options.onBatch, "onBatch");
  if (typeof attack !== "function") {
    throw new DescentError(`attack must be a function, received ${describeValue(attack)}`, {
      parameter: "attack",
      code: "type",
    });
  }
  checkImages(x, { lo: options.clipMin ?? 0, hi: options.clipMax ?? 1 });
  checkLabels(y, x.shape[0]);
  const batchSize = options.batchSize ?? 100;
  assertInteger(batchSize, "batchSize", { min: 1 });
  const f = toLogitsFn(model);
  const n = x.shape[0];
  const labels = y.dataSync();
  const batches = Math.ceil(n / batchSize);
  let robust = 0;
  let clean = 0;
  let flipped = 0;
  let time = 0;
  let state = 0;
  for (let b = 0; b < batches; b++) {
    throwIfAborted(options.signal);
    const start = b * batchSize;
    const size = Math.min(batchSize, n - start);
    const xb = tf.slice(x, start, size) as tf.Tensor4D;
    const yb = tf.slice(y, start, size) as tf.Tensor1D;
    try {
      const result = attack(xb, yb, b);
      time += result.timeMs;
      state = result.stateFloatsPerImage;
      try {
        options.onBatch?.({ x: xb, y: yb, adv: result.adv, index: b });
        // clean and adversarial predictions come back in one read
        const both = tf.tidy(() => tf.concat([tf.argMax(f(xb), 1), tf.argMax(f(result.adv), 1)]));
        const predictions = both.dataSync();
        both.dispose();
        const cleanPred = predictions.subarray(0, size);
        const advPred = predictions.subarray(size);
        for (let i = 0; i < size; i++) {
          const label = labels[start + i];
          const c = cleanPred[i] === label;
          const a = advPred[i] === label;
          if (c) clean++;
          if (a) robust++;
          if (c && !a) flipped++;
        }
      } finally {
        result.adv.dispose();
        const extra = result as Partial<{ u: tf.Tensor; v: tf.Tensor }>;
        extra.u?.dispose();
        extra.v?.dispose();
      }
    } finally {
      tf.dispose([xb, yb]);
    }
    options.onProgress?.(b + 1, batches);
  }
  return {
    accuracy: robust / n,
    cleanAccuracy: clean / n,
    successRate: clean === 0 ? 0 : flipped / clean,
    samples: n,
    batches,
    timeMsPerBatch: time / batches,
    timeMsTotal: time,
    stateFloatsPerImage: state,
  };
}
