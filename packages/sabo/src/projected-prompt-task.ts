/**
 * The black-box "prompt tuning" miniature of docs/method.md §e.3 (BBT-shaped): a few-shot classifier whose only
 * tunable part, the linear head of a frozen feature map, is reached through a random projection.
 *
 * Data: C = 4 Gaussian classes in ℝ^32 (means ~ N(0, I), noise std 3.0); 16 shots per class for training and
 * 16 for the dev set (BBT protocol), 4,000 test points. Frozen features φ(x) = tanh(W₁x + b₁) with
 * W₁ ∈ ℝ^{64×32}, entries N(0, 1/32), b₁ ~ N(0, 0.1²). Tuned z ∈ ℝ^d mapped to the head
 * W = reshape(A z) ∈ ℝ^{64×4} (logits = φᵀW; the row-major [hidden, classes] layout of a tfjs dense kernel,
 * equivalent in distribution to the protocol's 4×64 since A has i.i.d. entries), A with N(0, 1/d) entries.
 * Objective: mean training cross-entropy. All in float64; the features are computed once.
 */
import { Rng } from "@descent/core-tensor";
import type { Vector } from "./ask-tell.js";
import { resolveFewShotOptions, sampleGaussianClasses, splitScores } from "./gaussian-classes.js";
import { assertOptionsObject } from "./options-object.js";
import { RandomProjection } from "./random-projection.js";

/** Options of {@link projectedPromptTask}; defaults are docs/method.md §e.3's. */
export interface ProjectedPromptOptions {
  /** d, the searched dimension. Default 200. */
  dim?: number;
  /** Training (and dev) examples per class. Default 16. */
  shots?: number;
  /** Number of classes C. Default 4. */
  classes?: number;
  /** Input dimension. Default 32. */
  inputDim?: number;
  /** Width of the frozen feature map. Default 64. */
  hidden?: number;
  /** Class noise standard deviation. Default 3.0. */
  noiseStd?: number;
  /** Test points. Default 4000. */
  testSize?: number;
  seed: number;
}

/** A labelled split of the task: raw inputs, frozen features and labels. */
export interface PromptSplit {
  /** n × inputDim, row-major. */
  readonly inputs: Float64Array;
  /** n × hidden, row-major: φ(x). */
  readonly features: Float64Array;
  readonly labels: Int32Array;
  readonly size: number;
}

/** The e.3 task. */
export interface ProjectedPromptTask {
  readonly dim: number;
  readonly classes: number;
  readonly hidden: number;
  readonly inputDim: number;
  readonly projection: RandomProjection;
  /** The frozen map: W₁ (hidden × inputDim, row-major) and b₁. */
  readonly frozen: { readonly w1: Float64Array; readonly b1: Float64Array };
  readonly splits: { readonly train: PromptSplit; readonly dev: PromptSplit; readonly test: PromptSplit };
  /** Mean training cross-entropy of head A z (the black-box objective). */
  train(z: Vector): number;
  /** Mean cross-entropy on a split. */
  crossEntropy(z: Vector, split: "train" | "dev" | "test"): number;
  /** Accuracy on a split. */
  accuracy(z: Vector, split: "train" | "dev" | "test"): number;
}

/** Builds docs/method.md §e.3 task (all data and the frozen map from `seed`). */
export function projectedPromptTask(options: ProjectedPromptOptions): ProjectedPromptTask {
  assertOptionsObject(options, "options", [
    "dim",
    "shots",
    "classes",
    "inputDim",
    "hidden",
    "noiseStd",
    "testSize",
    "seed",
  ]);
  const { dim, shots, classes, inputDim, hidden, noiseStd, testSize, seed } = resolveFewShotOptions(
    options,
    200,
  );
  const root = new Rng(seed);
  const [dataRng, mapRng, projRng] = root.forkMany(3) as [Rng, Rng, Rng];
  const means = dataRng.normalArray(classes * inputDim);
  const w1 = mapRng.normalArray(hidden * inputDim, 0, 1 / Math.sqrt(inputDim));
  const b1 = mapRng.normalArray(hidden, 0, 0.1);
  const makeSplit = (perClassOrTotal: number, balanced: boolean): PromptSplit => {
    const { inputs, labels, size } = sampleGaussianClasses(
      dataRng,
      means,
      classes,
      noiseStd,
      perClassOrTotal,
      balanced,
    );
    const features = new Float64Array(size * hidden);
    for (let i = 0; i < size; i++) {
      for (let h = 0; h < hidden; h++) {
        let s = b1[h] as number;
        for (let k = 0; k < inputDim; k++)
          s += (w1[h * inputDim + k] as number) * (inputs[i * inputDim + k] as number);
        features[i * hidden + h] = Math.tanh(s);
      }
    }
    return { inputs, features, labels, size };
  };
  const splits = {
    train: makeSplit(shots, true),
    dev: makeSplit(shots, true),
    test: makeSplit(testSize, false),
  };
  const projection = new RandomProjection({
    inputDim: dim,
    outputDim: hidden * classes,
    seed: projRng.int(0, 2 ** 31),
  });
  const head = new Float64Array(hidden * classes);
  const logits = new Float64Array(classes);
  /** Mean cross-entropy and accuracy of head W on a split. */
  const evaluate = (z: Vector, split: PromptSplit): { ce: number; acc: number } => {
    projection.apply(z, head);
    return splitScores(split, logits, classes, (i) => {
      logits.fill(0);
      for (let h = 0; h < hidden; h++) {
        const f = split.features[i * hidden + h] as number;
        for (let c = 0; c < classes; c++)
          logits[c] = (logits[c] as number) + f * (head[h * classes + c] as number);
      }
    });
  };
  return {
    dim,
    classes,
    hidden,
    inputDim,
    projection,
    frozen: { w1, b1 },
    splits,
    train: (z) => evaluate(z, splits.train).ce,
    crossEntropy: (z, split) => evaluate(z, splits[split]).ce,
    accuracy: (z, split) => evaluate(z, splits[split]).acc,
  };
}
