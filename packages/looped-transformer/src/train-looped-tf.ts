/**
 * The tfjs training path (issue 7, implementation 1): the same protocol as {@link trainLooped}
 * (docs/method.md §c.5: fresh prompts, Adam) on {@link LoopedLsaLayer} with `tf.train.adam`. Slower than the
 * float64 path at these sizes (docs/method.md §e: op overhead of tiny batched matmuls), kept for users who want
 * the layer inside a tfjs model, and for the benchmark.
 */
import {
  assertInteger,
  assertNonEmpty,
  assertOneOf,
  assertPositive,
  DescentError,
  Rng,
  tf,
} from "@descent/core-tensor";
import { embedBatchTensor, LoopedLsaLayer, lsaLossTensor } from "./looped-lsa-layer.js";
import { embedForTask } from "./lsa-gradient.js";
import { drawPrompt, type RegressionPrompt } from "./prompt.js";
import type { TrainLoopedOptions, TrainProgress } from "./train-looped.js";

/** `tf.train.adam` whose step size a schedule may change between steps (tfjs reads it at every update). */
class ScheduledAdam extends tf.AdamOptimizer {
  setLearningRate(lr: number): void {
    this.learningRate = lr;
  }
}

/** Result of {@link trainLoopedTf}: the trained layer (the caller owns it: `layer.dispose()`) and the losses. */
export interface TrainLoopedTfResult {
  layer: LoopedLsaLayer;
  history: Float64Array;
}

/** The float32 input and target tensors of a prompt batch for a task. */
export function promptBatchTensors(
  prompts: readonly RegressionPrompt[],
  task: "prediction" | "vector",
): { Z0: tf.Tensor3D; targets: tf.Tensor } {
  assertNonEmpty(prompts, "prompts");
  assertOneOf(task, "task", ["prediction", "vector"] as const);
  const Z0 = embedBatchTensor(prompts.map((p) => embedForTask(task, p)));
  const targets =
    task === "prediction"
      ? tf.tensor1d(prompts.map((p) => p.yq))
      : tf.tensor2d(Float32Array.from(prompts.flatMap((p) => Array.from(p.wStar))), [
          prompts.length,
          (prompts[0] as RegressionPrompt).X.cols,
        ]);
  return { Z0, targets };
}

/**
 * Trains a {@link LoopedLsaLayer} with `tf.train.adam` on fresh Gaussian prompts (docs/method.md §c.5). Options and
 * defaults as {@link trainLooped}, global-norm clipping and the `schedule` option included (same cosine
 * formula, `lr · ½(1 + cos(π s / steps))` at step s; `sparseBackward` does not apply: tfjs autodiff).
 * Reads the loss back once per step (for `history`).
 */
export function trainLoopedTf(opts: TrainLoopedOptions): TrainLoopedTfResult {
  assertInteger(opts.d, "d", { min: 1 });
  assertInteger(opts.n, "n", { min: 1 });
  assertInteger(opts.loops, "loops", { min: 1 });
  const steps = opts.steps ?? 1500;
  const batch = opts.batch ?? 128;
  assertInteger(steps, "steps", { min: 1 });
  assertInteger(batch, "batch", { min: 1 });
  const task = opts.task ?? "prediction";
  const param = opts.parameterization ?? "sparse";
  const lr = opts.learningRate ?? (param === "sparse" ? 1e-2 : 3e-3);
  assertPositive(lr, "learningRate");
  const clip = opts.clipNorm ?? 1;
  if (clip !== Number.POSITIVE_INFINITY) assertPositive(clip, "clipNorm");
  const schedule = opts.schedule ?? "constant";
  assertOneOf(schedule, "schedule", ["constant", "cosine"] as const);
  const root = new Rng(opts.seed ?? 0);
  const initRng = root.fork();
  const dataRng = root.fork();
  const layer = new LoopedLsaLayer({
    d: opts.d,
    loops: opts.loops,
    task,
    parameterization: param,
    sharing: opts.sharing ?? "looped",
    initStd: opts.initStd ?? 0.01,
    seed: initRng.int(0, 2 ** 31),
  });
  const vars = layer.variables;
  const optimizer = new ScheduledAdam(lr, opts.beta1 ?? 0.9, opts.beta2 ?? 0.999, opts.epsilon ?? 1e-8);
  const history = new Float64Array(steps);
  try {
    for (let s = 0; s < steps; s++) {
      if (opts.signal?.aborted)
        throw new DescentError(`trainLoopedTf aborted at step ${s}`, { code: "aborted" });
      const prompts = Array.from({ length: batch }, () =>
        drawPrompt(dataRng, opts.d, opts.n, opts.noise ?? 0, undefined, 1),
      );
      const { Z0, targets } = promptBatchTensors(prompts, task);
      const { value: loss, grads } = tf.variableGrads(
        () => lsaLossTensor(layer.apply(Z0) as tf.Tensor3D, targets, task, opts.d),
        vars,
      );
      // global-norm clipping as in trainLooped (docs/method.md §c.5, pitfall 3); the squared norms of the gradients and
      // the loss come back in one read
      const gradList = Object.values(grads);
      const readBack = tf.tidy(() => tf.stack([...gradList.map((g) => g.square().sum()), loss]));
      const values = readBack.dataSync();
      readBack.dispose();
      let sumSquares = 0;
      for (let i = 0; i < gradList.length; i++) sumSquares += values[i] as number;
      const norm = Math.sqrt(sumSquares);
      const k = norm > clip ? clip / norm : 1;
      if (schedule === "cosine") optimizer.setLearningRate(lr * 0.5 * (1 + Math.cos((Math.PI * s) / steps)));
      const scaled = Object.entries(grads).map(([name, g]) => ({ name, tensor: k === 1 ? g : g.mul(k) }));
      optimizer.applyGradients(scaled);
      tf.dispose(gradList);
      if (k !== 1) tf.dispose(scaled.map((e) => e.tensor));
      history[s] = values[gradList.length] as number;
      loss.dispose();
      Z0.dispose();
      targets.dispose();
      const progress: TrainProgress = { step: s + 1, steps, loss: history[s] as number };
      opts.onProgress?.(progress);
    }
  } finally {
    optimizer.dispose();
  }
  return { layer, history };
}
