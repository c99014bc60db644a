/**
 * The data of both few-shot miniatures of spec e.3: C Gaussian classes in ℝ^k (means given, isotropic
 * noise), and the softmax cross-entropy / arg-max of one row of logits. Shared by
 * {@link projectedPromptTask} (the convex head variant) and {@link mlpBiasTask} (the nonconvex one).
 */
import type { Rng } from "@descent/core-tensor";

/** A labelled sample: inputs (n × inputDim, row-major) and class indices. */
export interface GaussianClassSample {
  readonly inputs: Float64Array;
  readonly labels: Int32Array;
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
