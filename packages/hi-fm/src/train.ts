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
  // Adam on one flat float32 buffer in JavaScript (our speed choice): tfjs returns the loss and the
  // concatenated gradient in one read, the moments and the update are a plain loop over the ~10⁴
  // parameters, and each variable is written once. Per step that is a handful of tfjs ops instead of a
  // dozen per variable. A variable the loss does not reach gets a zero gradient (its update stays 0).
  const sizes = vars.map((v) => v.size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const params = new Float32Array(total);
  {
    let o = 0;
    for (const v of vars) {
      params.set(v.dataSync(), o);
      o += v.size;
    }
  }
  const m = new Float32Array(total);
  const s = new Float32Array(total);
  const losses = new Float64Array(steps);
  const start = performance.now();
  const b1 = 0.9;
  const b2 = 0.999;
  // [loss, ∂loss/∂(all variables, flattened)] in one tensor, so one read per step fetches both
  const lossAndGradient = (batch: { xt: Float32Array; t: Float32Array; target: Float32Array }): tf.Tensor1D =>
    tf.tidy(() => {
      const x = tf.tensor2d(batch.xt, [batchSize, d]);
      const t = tf.tensor1d(batch.t);
      const y = tf.tensor2d(batch.target, [batchSize, d]);
      if (field.regressionGradient !== undefined) {
        const { loss, gradient } = field.regressionGradient(x, t, y);
        return tf.concat([tf.reshape(loss, [1]), gradient]) as tf.Tensor1D;
      }
      const res = tf.variableGrads(
        () => tf.div(tf.sum(tf.square(tf.sub(field.apply(x, t), y))), batchSize) as tf.Scalar,
        vars,
      );
      return tf.concat([
        tf.reshape(res.value, [1]),
        ...vars.map((v) => {
          const gi = res.grads[v.name];
          return gi === undefined || gi === null ? tf.zeros([v.size]) : tf.reshape(gi, [-1]);
        }),
      ]) as tf.Tensor1D;
    });
  for (let k = 0; k < steps; k++) {
    if (options.signal?.aborted) throw new DescentError("training aborted", { code: "aborted" });
    const batch = flowMatchingBatch(path, batchSize, rng, { coupling });
    const lr =
      schedule === "cosine" ? cosineLearningRate(k, steps, learningRate, finalLearningRate) : learningRate;
    let packed: tf.Tensor1D;
    try {
      packed = lossAndGradient(batch);
    } catch (error) {
      // a field that throws inside variableGrads leaves the gradient tape's saved tensors behind
      disposeAbandonedGradientTape();
      throw error;
    }
    const flat = await packed.data();
    packed.dispose();
    losses[k] = flat[0] as number;
    const step = lr / (1 - b1 ** (k + 1));
    const bc2 = 1 - b2 ** (k + 1);
    for (let i = 0; i < total; i++) {
      const g = flat[i + 1] as number;
      const mi = b1 * (m[i] as number) + (1 - b1) * g;
      const si = b2 * (s[i] as number) + (1 - b2) * g * g;
      m[i] = mi;
      s[i] = si;
      params[i] = (params[i] as number) - (step * mi) / (Math.sqrt(si / bc2) + 1e-8);
    }
    let o = 0;
    for (const v of vars) {
      const next = tf.tensor(params.subarray(o, o + v.size), v.shape, "float32");
      v.assign(next);
      next.dispose();
      o += v.size;
    }
    if ((k + 1) % progressEvery === 0 || k === steps - 1) {
      options.onProgress?.({ step: k + 1, steps, loss: losses[k] as number });
      await new Promise((r) => setTimeout(r, 0));
    }
  }
  return { losses, seconds: (performance.now() - start) / 1000 };
}
