/**
 * The data of both few-shot miniatures of docs/method.md §e.3: C Gaussian classes in ℝ^k (means given, isotropic
 * noise), and the softmax cross-entropy / arg-max of one row of logits. Shared by
 * {@link projectedPromptTask} (the convex head variant) and {@link mlpBiasTask} (the nonconvex one).
 */
import { assertInteger, assertPositive, type Rng } from "@descent/core-tensor";
import type { ProjectedPromptOptions } from "./projected-prompt-task.js";

/** The options both few-shot tasks share (each task documents its own defaults). */
export type FewShotOptions = Pick<
  ProjectedPromptOptions,
  "dim" | "shots" | "classes" | "inputDim" | "hidden" | "noiseStd" | "testSize" | "seed"
>;

/** {@link FewShotOptions} with every default filled in. */
export type FewShotSettings = Required<FewShotOptions>;

/**
 * Fills in and validates the shared few-shot options: the defaults are docs/method.md §e.3's (16 shots, C = 4, ℝ^32,
 * 64 hidden units, noise std 3.0, 4,000 test points) except `dim`, which each task chooses.
 */
export function resolveFewShotOptions(options: FewShotOptions, defaultDim: number): FewShotSettings {
  const s: FewShotSettings = {
    dim: options.dim ?? defaultDim,
    shots: options.shots ?? 16,
    classes: options.classes ?? 4,
    inputDim: options.inputDim ?? 32,
    hidden: options.hidden ?? 64,
    noiseStd: options.noiseStd ?? 3.0,
    testSize: options.testSize ?? 4000,
    seed: options.seed,
  };
  assertInteger(s.dim, "dim", { min: 1 });
  assertInteger(s.shots, "shots", { min: 1 });
  assertInteger(s.classes, "classes", { min: 2 });
  assertInteger(s.inputDim, "inputDim", { min: 1 });
  assertInteger(s.hidden, "hidden", { min: 1 });
  assertPositive(s.noiseStd, "noiseStd");
  assertInteger(s.testSize, "testSize", { min: 1 });
  assertInteger(s.seed, "seed", { min: 0, max: Number.MAX_SAFE_INTEGER });
  return s;
}

/** A labelled sample: inputs (n × inputDim, row-major) and class indices. */
export interface GaussianClassSample {
  /** The inputs, `size` rows of the input dimension, row-major. */
  readonly inputs: Float64Array;
  /** The class index of each row. */
  readonly labels: Int32Array;
  /** The number of examples. */
  readonly size: number;
}

/**
 * `perClass` examples of every class in class order when `balanced` (the few-shot splits), otherwise `total`
 * examples cycling through the classes (the test split); x = mean_c + noiseStd · N(0, I).
 */
export function sampleGaussianClasses(
  rng: Rng,
  means: Float64Array,
  classes: number,
  noiseStd: number,
  count: number,
  balanced: boolean,
): GaussianClassSample {
  const inputDim = means.length / classes;
  const size = balanced ? count * classes : count;
  const inputs = new Float64Array(size * inputDim);
  const labels = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const c = balanced ? Math.floor(i / count) : i % classes;
    labels[i] = c;
    for (let k = 0; k < inputDim; k++)
      inputs[i * inputDim + k] = (means[c * inputDim + k] as number) + noiseStd * rng.normal();
  }
  return { inputs, labels, size };
}

/** Softmax cross-entropy of `logits[0..classes)` against `label`, and whether the arg-max is `label`. */
export function logitLoss(
  logits: Float64Array,
  classes: number,
  label: number,
): { ce: number; correct: boolean } {
  let max = Number.NEGATIVE_INFINITY;
  let arg = 0;
  for (let c = 0; c < classes; c++) {
    if ((logits[c] as number) > max) {
      max = logits[c] as number;
      arg = c;
    }
  }
  let lse = 0;
  for (let c = 0; c < classes; c++) lse += Math.exp((logits[c] as number) - max);
  return { ce: max + Math.log(lse) - (logits[label] as number), correct: arg === label };
}

/**
 * Mean cross-entropy and accuracy over a labelled split: `fillLogits(i)` writes example i's logits into
 * `logits` (the caller's buffer), scored by {@link logitLoss}.
 */
export function splitScores(
  split: { readonly labels: Int32Array; readonly size: number },
  logits: Float64Array,
  classes: number,
  fillLogits: (i: number) => void,
): { ce: number; acc: number } {
  let ce = 0;
  let correct = 0;
  for (let i = 0; i < split.size; i++) {
    fillLogits(i);
    const r = logitLoss(logits, classes, split.labels[i] as number);
    ce += r.ce;
    if (r.correct) correct++;
  }
  return { ce: ce / split.size, acc: correct / split.size };
}
