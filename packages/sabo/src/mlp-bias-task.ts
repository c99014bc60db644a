/**
 * The nonconvex variant of docs/method.md's e.3 miniature (its "stretch goal"): a small MLP is pre-trained
 * in-process on a source task, frozen, and the only tunable part on the few-shot *target* task is its
 * hidden-layer bias, reached through a random projection z ↦ b₁ + A z. Since z enters inside the tanh,
 * the training cross-entropy is nonconvex in z, unlike the head-tuning task of {@link projectedPromptTask}
 * (whose objective is convex, so it has no sharp-versus-flat choice).
 *
 * Every size and the source/target construction are our choices (docs/method.md fixes only "hidden-layer bias of
 * a small frozen MLP pre-trained in-process on a source task"): C = 4 Gaussian classes in ℝ^32, noise std
 * 3 as in e.3; the target's class means are the source's plus N(0, targetShift²) per coordinate; network
 * x → tanh(W₁x + b₁) (64 units) → W₂h + b₂, pre-trained by full-batch Adam on `sourcePerClass` examples
 * per class; d = 50; A with N(0, 1/d) entries. All in float64.
 */
import { assertInteger, assertNonNegative, Rng } from "@descent/core-tensor";
import type { Vector } from "./ask-tell.js";
import {
  type GaussianClassSample,
  logitLoss,
  resolveFewShotOptions,
  sampleGaussianClasses,
  splitScores,
} from "./gaussian-classes.js";
import { assertOptionsObject } from "./options-object.js";
import { RandomProjection } from "./random-projection.js";

/** Options of {@link mlpBiasTask}; every default is our choice (see the module comment). */
export interface MlpBiasOptions {
  /** d, the searched dimension. Default 50. */
  dim?: number;
  /** Target training (and dev) examples per class. Default 16 (BBT's shots). */
  shots?: number;
  /** Classes C. Default 4 (as e.3). */
  classes?: number;
  /** Input dimension. Default 32 (as e.3). */
  inputDim?: number;
  /** Hidden units. Default 64 (as e.3). */
  hidden?: number;
  /** Class noise standard deviation. Default 3.0 (as e.3). */
  noiseStd?: number;
  /** Standard deviation of the per-coordinate shift of the target's class means. Default 1.0. */
  targetShift?: number;
  /** Source examples per class for pre-training. Default 100. */
  sourcePerClass?: number;
  /** Full-batch Adam steps of pre-training (learning rate 0.01). Default 200. */
  pretrainSteps?: number;
  /** Target test points. Default 4000 (as e.3). */
  testSize?: number;
  seed: number;
}

/** The frozen network: W₁ (hidden × inputDim), b₁, W₂ (classes × hidden), b₂, row-major. */
export interface FrozenMlp {
  readonly w1: Float64Array;
  readonly b1: Float64Array;
  readonly w2: Float64Array;
  readonly b2: Float64Array;
}

/** The nonconvex few-shot task. */
export interface MlpBiasTask {
  readonly dim: number;
  readonly classes: number;
  readonly hidden: number;
  readonly inputDim: number;
  /** z ↦ b₁ + A z, the hidden bias. */
  readonly projection: RandomProjection;
  readonly network: FrozenMlp;
  /** Accuracy of the pre-trained network on its source training set (a check that pre-training worked). */
  readonly sourceAccuracy: number;
  readonly splits: {
    readonly train: GaussianClassSample;
    readonly dev: GaussianClassSample;
    readonly test: GaussianClassSample;
  };
  /** Mean target-training cross-entropy with hidden bias b₁ + A z (the black-box objective). */
  train(z: Vector): number;
  /** Mean cross-entropy on a target split. */
  crossEntropy(z: Vector, split: "train" | "dev" | "test"): number;
  /** Accuracy on a target split. */
  accuracy(z: Vector, split: "train" | "dev" | "test"): number;
}

/** Full-batch Adam on the softmax cross-entropy of the MLP (hand-written backpropagation). */
function pretrain(net: FrozenMlp, data: GaussianClassSample, classes: number, steps: number): void {
  const { w1, b1, w2, b2 } = net;
  const hidden = b1.length;
  const inputDim = w1.length / hidden;
  const params = [w1, b1, w2, b2];
  const grads = params.map((p) => new Float64Array(p.length));
  const m1 = params.map((p) => new Float64Array(p.length));
  const m2 = params.map((p) => new Float64Array(p.length));
  const [gw1, gb1, gw2, gb2] = grads as [Float64Array, Float64Array, Float64Array, Float64Array];
  const h = new Float64Array(hidden);
  const dh = new Float64Array(hidden);
  const out = new Float64Array(classes);
  const n = data.size;
  const lr = 0.01;
  for (let t = 1; t <= steps; t++) {
    for (const g of grads) g.fill(0);
    for (let i = 0; i < n; i++) {
      const x = i * inputDim;
      for (let u = 0; u < hidden; u++) {
        let s = b1[u] as number;
        for (let k = 0; k < inputDim; k++)
          s += (w1[u * inputDim + k] as number) * (data.inputs[x + k] as number);
        h[u] = Math.tanh(s);
      }
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < classes; c++) {
        let s = b2[c] as number;
        for (let u = 0; u < hidden; u++) s += (w2[c * hidden + u] as number) * (h[u] as number);
        out[c] = s;
        if (s > max) max = s;
      }
      let z = 0;
      for (let c = 0; c < classes; c++) z += Math.exp((out[c] as number) - max);
      dh.fill(0);
      for (let c = 0; c < classes; c++) {
        // ∂CE/∂o_c = softmax_c − 1[c = y], averaged over the batch
        const d = (Math.exp((out[c] as number) - max) / z - (c === data.labels[i] ? 1 : 0)) / n;
        gb2[c] = (gb2[c] as number) + d;
        for (let u = 0; u < hidden; u++) {
          gw2[c * hidden + u] = (gw2[c * hidden + u] as number) + d * (h[u] as number);
          dh[u] = (dh[u] as number) + d * (w2[c * hidden + u] as number);
        }
      }
      for (let u = 0; u < hidden; u++) {
        const da = (dh[u] as number) * (1 - (h[u] as number) ** 2);
        gb1[u] = (gb1[u] as number) + da;
        for (let k = 0; k < inputDim; k++)
          gw1[u * inputDim + k] = (gw1[u * inputDim + k] as number) + da * (data.inputs[x + k] as number);
      }
    }
    // Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8) with bias correction
    const c1 = 1 - 0.9 ** t;
    const c2 = 1 - 0.999 ** t;
    params.forEach((p, q) => {
      const g = grads[q] as Float64Array;
      const a = m1[q] as Float64Array;
      const b = m2[q] as Float64Array;
      for (let j = 0; j < p.length; j++) {
        const gj = g[j] as number;
        a[j] = 0.9 * (a[j] as number) + 0.1 * gj;
        b[j] = 0.999 * (b[j] as number) + 0.001 * gj * gj;
        p[j] = (p[j] as number) - (lr * ((a[j] as number) / c1)) / (Math.sqrt((b[j] as number) / c2) + 1e-8);
      }
    });
  }
}

/** Builds the task: source data, pre-training, target splits and the projection, all from `seed`. */
export function mlpBiasTask(options: MlpBiasOptions): MlpBiasTask {
  assertOptionsObject(options, "options", [
    "dim",
    "shots",
    "classes",
    "inputDim",
    "hidden",
    "noiseStd",
    "targetShift",
    "sourcePerClass",
    "pretrainSteps",
    "testSize",
    "seed",
  ]);
  const { dim, shots, classes, inputDim, hidden, noiseStd, testSize, seed } = resolveFewShotOptions(
    options,
    50,
  );
  const targetShift = options.targetShift ?? 1.0;
  const sourcePerClass = options.sourcePerClass ?? 100;
  const pretrainSteps = options.pretrainSteps ?? 200;
  assertNonNegative(targetShift, "targetShift");
  assertInteger(sourcePerClass, "sourcePerClass", { min: 1 });
  assertInteger(pretrainSteps, "pretrainSteps", { min: 0 });
  const [dataRng, netRng, projRng] = new Rng(seed).forkMany(3) as [Rng, Rng, Rng];
  const sourceMeans = dataRng.normalArray(classes * inputDim);
  const targetMeans = sourceMeans.map((m) => m + targetShift * dataRng.normal());
  const source = sampleGaussianClasses(dataRng, sourceMeans, classes, noiseStd, sourcePerClass, true);
  const network: FrozenMlp = {
    w1: netRng.normalArray(hidden * inputDim, 0, 1 / Math.sqrt(inputDim)),
    b1: new Float64Array(hidden),
    w2: netRng.normalArray(classes * hidden, 0, 1 / Math.sqrt(hidden)),
    b2: new Float64Array(classes),
  };
  pretrain(network, source, classes, pretrainSteps);
  const splits = {
    train: sampleGaussianClasses(dataRng, targetMeans, classes, noiseStd, shots, true),
    dev: sampleGaussianClasses(dataRng, targetMeans, classes, noiseStd, shots, true),
    test: sampleGaussianClasses(dataRng, targetMeans, classes, noiseStd, testSize, false),
  };
  const { w1, b1, w2, b2 } = network;
  // W₁x per example, computed once: only the bias changes during the search
  const preActivations = (s: GaussianClassSample): Float64Array => {
    const a = new Float64Array(s.size * hidden);
    for (let i = 0; i < s.size; i++)
      for (let u = 0; u < hidden; u++) {
        let v = 0;
        for (let k = 0; k < inputDim; k++)
          v += (w1[u * inputDim + k] as number) * (s.inputs[i * inputDim + k] as number);
        a[i * hidden + u] = v;
      }
    return a;
  };
  const pre = {
    train: preActivations(splits.train),
    dev: preActivations(splits.dev),
    test: preActivations(splits.test),
  };
  const projection = new RandomProjection({
    inputDim: dim,
    outputDim: hidden,
    offset: b1,
    seed: projRng.int(0, 2 ** 31),
  });
  const bias = new Float64Array(hidden);
  const h = new Float64Array(hidden);
  const logits = new Float64Array(classes);
  const forward = (i: number, a: Float64Array): void => {
    for (let u = 0; u < hidden; u++) h[u] = Math.tanh((a[i * hidden + u] as number) + (bias[u] as number));
    for (let c = 0; c < classes; c++) {
      let s = b2[c] as number;
      for (let u = 0; u < hidden; u++) s += (w2[c * hidden + u] as number) * (h[u] as number);
      logits[c] = s;
    }
  };
  const evaluate = (z: Vector, split: "train" | "dev" | "test"): { ce: number; acc: number } => {
    projection.apply(z, bias);
    const a = pre[split];
    return splitScores(splits[split], logits, classes, (i) => forward(i, a));
  };
  let sourceCorrect = 0;
  bias.set(b1);
  const sourcePre = preActivations(source);
  for (let i = 0; i < source.size; i++) {
    forward(i, sourcePre);
    if (logitLoss(logits, classes, source.labels[i] as number).correct) sourceCorrect++;
  }
  return {
    dim,
    classes,
    hidden,
    inputDim,
    projection,
    network,
    sourceAccuracy: sourceCorrect / source.size,
    splits,
    train: (z) => evaluate(z, "train").ce,
    crossEntropy: (z, split) => evaluate(z, split).ce,
    accuracy: (z, split) => evaluate(z, split).acc,
  };
}
