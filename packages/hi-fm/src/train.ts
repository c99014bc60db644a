/**
 * The flow-matching training loop (docs/method.md, "Training"): batches from {@link flowMatchingBatch},
 * loss `mean_b Σ_k (v_θ(x_t, t)_k − target_k)²`, Adam (β₁ 0.9, β₂ 0.999, ε 1e-8) with a cosine-decayed
 * learning rate. Adam is written out here so that the schedule sets the rate of every step exactly.
 */
import {
  assertFiniteNumber,
  assertInteger,
  assertKnownOptions,
  assertOneOf,
  assertOptionalFunction,
  assertOptionalSignal,
  assertPositive,
  DescentError,
  disposeAbandonedGradientTape,
  Rng,
  tf,
} from "@descent/core-tensor";
import { assertPath, assertVectorField } from "./argument-types.js";
import type { ConditionalPath } from "./conditional-path.js";
import { type BatchOptions, flowMatchingBatch } from "./flow-matching-batch.js";
import type { VectorField } from "./vector-field.js";

/** Options of {@link trainFlowMatching}. */
export interface TrainOptions {
  /** Adam steps T. */
  steps: number;
  /** Batch size B. Default `256`. */
  batchSize?: number;
  /** Initial learning rate. Default `2e-3`. */
  learningRate?: number;
  /** Final learning rate of the cosine schedule. Default `learningRate / 20`. */
  finalLearningRate?: number;
  /** `'cosine'` (default) or `'constant'`. */
  schedule?: "cosine" | "constant";
  /** Coupling of prior and data samples. Default `'independent'`; `'minibatch-ot'` gives OT-CFM. */
  coupling?: BatchOptions["coupling"];
  /** Seed of the batches. */
  seed: number;
  /** Called every `progressEvery` steps. */
  onProgress?: (p: { step: number; steps: number; loss: number }) => void;
  /** Steps between progress calls (and event-loop yields). Default `50`. */
  progressEvery?: number;
  signal?: AbortSignal;
}

/** Per-step losses and the wall time. */
export interface TrainResult {
  losses: Float64Array;
  seconds: number;
}

/** Learning rate at step `k` of `T`. */
export function cosineLearningRate(k: number, steps: number, lr0: number, lr1: number): number {
  assertInteger(k, "k", { min: 0 });
  assertInteger(steps, "steps", { min: 1 });
  assertFiniteNumber(lr0, "lr0");
  assertFiniteNumber(lr1, "lr1");
  return lr1 + 0.5 * (lr0 - lr1) * (1 + Math.cos((Math.PI * k) / Math.max(1, steps - 1)));
}

/** Trains `field` on `path` in place; resolves with the loss history. */
export async function trainFlowMatching(
  field: VectorField,
  path: ConditionalPath,
  options: TrainOptions,
): Promise<TrainResult> {
  assertVectorField(field);
  assertPath(path);
  if (options === undefined) assertKnownOptions(null, []);
  assertKnownOptions(options, [
    "steps",
    "batchSize",
    "learningRate",
    "finalLearningRate",
    "schedule",
    "coupling",
    "seed",
    "onProgress",
    "progressEvery",
    "signal",
  ]);
  assertOptionalFunction(options.onProgress, "onProgress");
  assertOptionalSignal(options.signal);
  const {
    steps,
    batchSize = 256,
    learningRate = 2e-3,
    schedule = "cosine",
    coupling = "independent",
    progressEvery = 50,
  } = options;
  const finalLearningRate = options.finalLearningRate ?? learningRate / 20;
  assertInteger(steps, "steps", { min: 1 });
  assertInteger(batchSize, "batchSize", { min: 1 });
  assertPositive(learningRate, "learningRate");
  assertPositive(finalLearningRate, "finalLearningRate");
  assertOneOf(schedule, "schedule", ["cosine", "constant"]);
  assertInteger(progressEvery, "progressEvery", { min: 1 });
  if (field.dim !== path.dim) {
    throw new DescentError(`field.dim (${field.dim}) must equal path.dim (${path.dim})`, {
      parameter: "field",
      code: "shape",
    });
  }
  const rng = new Rng(options.seed);
  const d = path.dim;
  const vars = field.variables;
  // Adam on one flat buffer (our speed choice): the gradients are concatenated once per step, the moments
  // live in two flat tensors and the update is a dozen ops for all variables instead of a dozen per
  // variable. A variable the loss does not reach gets a zero gradient, so its moments and update stay 0.
  const sizes = vars.map((v) => v.size);
  const total = sizes.reduce((a, b) => a + b, 0);
  let m: tf.Tensor1D = tf.zeros([total]);
  let s: tf.Tensor1D = tf.zeros([total]);
  const losses = new Float64Array(steps);
  const start = performance.now();
  const b1 = 0.9;
  const b2 = 0.999;
  try {
    for (let k = 0; k < steps; k++) {
      if (options.signal?.aborted) throw new DescentError("training aborted", { code: "aborted" });
      const batch = flowMatchingBatch(path, batchSize, rng, { coupling });
      const lr =
        schedule === "cosine" ? cosineLearningRate(k, steps, learningRate, finalLearningRate) : learningRate;
      const bc1 = 1 - b1 ** (k + 1);
      const bc2 = 1 - b2 ** (k + 1);
      let loss: tf.Scalar;
      try {
        loss = adamStep();
      } catch (error) {
        // a field that throws inside variableGrads leaves the gradient tape's saved tensors behind
        disposeAbandonedGradientTape();
        throw error;
      }
      function adamStep(): tf.Scalar {
        return tf.tidy(() => {
          const x = tf.tensor2d(batch.xt, [batchSize, d]);
          const t = tf.tensor1d(batch.t);
          const y = tf.tensor2d(batch.target, [batchSize, d]);
          let value: tf.Scalar;
          let g: tf.Tensor1D;
          if (field.regressionGradient !== undefined) {
            ({ loss: value, gradient: g } = field.regressionGradient(x, t, y));
          } else {
            const res = tf.variableGrads(
              () => tf.div(tf.sum(tf.square(tf.sub(field.apply(x, t), y))), batchSize) as tf.Scalar,
              vars,
            );
            value = res.value;
            g = tf.concat(
              vars.map((v) => {
                const gi = res.grads[v.name];
                return gi === undefined || gi === null ? tf.zeros([v.size]) : tf.reshape(gi, [-1]);
              }),
            ) as tf.Tensor1D;
          }
          const mi = tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1)) as tf.Tensor1D;
          const si = tf.add(tf.mul(s, b2), tf.mul(tf.square(g), 1 - b2)) as tf.Tensor1D;
          m.dispose();
          s.dispose();
          m = tf.keep(mi);
          s = tf.keep(si);
          // lr/bc1 · m / (√(s/bc2) + ε) = (lr/bc1)·√bc2 · m / (√s + ε√bc2)
          const step = tf.div(
            tf.mul(mi, (lr / bc1) * Math.sqrt(bc2)),
            tf.add(tf.sqrt(si), 1e-8 * Math.sqrt(bc2)),
          );
          const parts = tf.split(step, sizes);
          vars.forEach((v, i) => {
            v.assign(tf.sub(v, tf.reshape(parts[i] as tf.Tensor, v.shape)));
          });
          return value;
        });
      }
      losses[k] = (await loss.data())[0] as number;
      loss.dispose();
      if ((k + 1) % progressEvery === 0 || k === steps - 1) {
        options.onProgress?.({ step: k + 1, steps, loss: losses[k] as number });
        await new Promise((r) => setTimeout(r, 0));
      }
    }
  } finally {
    m.dispose();
    s.dispose();
  }
  return { losses, seconds: (performance.now() - start) / 1000 };
}
