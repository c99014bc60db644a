/**
 * Training the looped (or stacked) linear Transformer on fresh random prompts (docs/method.md §c.5) in float64
 * with the manual backward pass — the reproduction's path (docs/method.md §e.4), several times faster than tfjs
 * for these tiny batched matmuls (docs/method.md §e, pitfall 5).
 */
import {
  assertInteger,
  assertNonNegative,
  assertOneOf,
  assertPositive,
  DescentError,
  type Matrix64,
  matrix64,
  Rng,
} from "@descent/core-tensor";
import { Adam, clipGlobalNorm } from "./adam.js";
import {
  gdWeightsResidual,
  gdWeightsWeightToken,
  residualPreconditioner,
  weightTokenPreconditioner,
} from "./constructions.js";
import type { LsaWeights } from "./lsa.js";
import { embeddingWidth, type LsaLossGradient, type LsaTask, lsaLossAndGradient } from "./lsa-gradient.js";
import { drawPrompt } from "./prompt.js";
import { sparseLossAndGradient } from "./sparse-gradient.js";

/**
 * What is learned (docs/method.md §c.5): `"sparse"` learns only the `d × d` block A of construction A (prediction)
 * or C (vector), so the model *is* a preconditioned GD; `"full"` learns every entry of P and Q.
 */
export type Parameterization = "sparse" | "full";

/** `"looped"`: one layer shared by all T loops (this paper, Gatmiry et al.); `"stacked"`: T layers (Ahn et al.). */
export type WeightSharing = "looped" | "stacked";

/** Progress report of {@link trainLooped}, once per step. */
export interface TrainProgress {
  step: number;
  steps: number;
  /** Batch-mean training loss of this step (before the update). */
  loss: number;
}

/** Options of {@link trainLooped}. Defaults follow docs/method.md §c.5 unless marked as ours. */
export interface TrainLoopedOptions {
  /** Feature dimension d. */
  d: number;
  /** In-context examples per prompt n. */
  n: number;
  /** Loops T (layers, when stacked). */
  loops: number;
  /** Task and read-out. Default `"prediction"` (docs/method.md §e.4). */
  task?: LsaTask;
  /** Default `"sparse"` (docs/method.md §c.5). */
  parameterization?: Parameterization;
  /** Default `"looped"` (the paper's model). */
  sharing?: WeightSharing;
  /** Optimiser steps. Default `1500` (docs/method.md §c.5/e.4). */
  steps?: number;
  /** Fresh prompts per step. Default `128` (docs/method.md §c.5). */
  batch?: number;
  /** Adam step size. Default `1e-2` for `"sparse"`, `3e-3` for `"full"` (docs/method.md §c.5). */
  learningRate?: number;
  /** Adam β₁. Default `0.9` (docs/method.md §c.5). */
  beta1?: number;
  /** Adam β₂. Default `0.999` (docs/method.md §c.5). */
  beta2?: number;
  /** Adam ε. Default `1e-8` (docs/method.md §c.5). */
  epsilon?: number;
  /**
   * Clip the global gradient norm at this value. Default `1` (docs/method.md §c.5 for `"full"`; docs/method.md §h.3
   * for heavy-tailed prompts — our choice to apply it to `"sparse"` too: without it a single
   * ill-conditioned prompt in a batch can throw A off, e.g. T = 8 at lr 3e-2). `Infinity` disables it.
   */
  clipNorm?: number;
  /** Std of the N(0, σ²) initial entries of P and Q for `"full"`. Default `0.01` (docs/method.md §c.5). `"sparse"` starts at A = 0. */
  initStd?: number;
  /**
   * Step-size schedule, our choice (docs/method.md §h.3 suggests decay for T ≥ 8): `"constant"` (default) or
   * `"cosine"` (`lr · ½(1 + cos(π s / steps))` at step s, decays towards 0 at the last step). Also applied
   * by `trainLoopedTf`.
   */
  schedule?: "constant" | "cosine";
  /**
   * How the `"sparse"` gradient is computed, our choice: `"reduced"` (default) back-propagates through
   * the equivalent d-dimensional weight recursion ({@link sparseLossAndGradient}, exact, ~O(T d²) per
   * prompt); `"lsa"` runs the full LSA backward pass of docs/method.md §c.5 and keeps the A block. Same numbers.
   */
  sparseBackward?: "reduced" | "lsa";
  /** Label noise std of the training prompts. Default `0` (docs/method.md §c.5). */
  noise?: number;
  /** Seed of the initial weights and of every training prompt. Default `0`. */
  seed?: number;
  /** Called after every step with the step's loss. */
  onProgress?: (p: TrainProgress) => void;
  /** Aborts between steps (throws a `DescentError` with code `"aborted"`). */
  signal?: AbortSignal;
}

/** Result of {@link trainLooped}. */
export interface TrainLoopedResult {
  /** Learned weights: one `(P, Q)` for a looped model, T for a stacked one. */
  layers: LsaWeights[];
  /** The learned preconditioner block A per layer (`"sparse"` only). */
  preconditioners?: Matrix64[];
  /** Training loss per step. */
  history: Float64Array;
  /** The task the layers were trained for (decides embedding and sign at evaluation). */
  task: LsaTask;
  loops: number;
}

/** The weights of a `"sparse"` model from its preconditioner block A. */
export function sparseWeights(task: LsaTask, d: number, A: Matrix64): LsaWeights {
  return task === "prediction" ? gdWeightsResidual(d, A) : gdWeightsWeightToken(d, A);
}

/** The gradient with respect to A of a `"sparse"` model from the gradients with respect to P and Q. */
function sparseGradient(task: LsaTask, d: number, g: LsaLossGradient, layer: number): Matrix64 {
  return task === "prediction"
    ? residualPreconditioner({ P: g.gradP[layer] as Matrix64, Q: g.gradQ[layer] as Matrix64 }, d)
    : weightTokenPreconditioner({ P: g.gradP[layer] as Matrix64, Q: g.gradQ[layer] as Matrix64 }, d);
}

function validateTrainOptions(o: TrainLoopedOptions): void {
  assertInteger(o.d, "d", { min: 1 });
  assertInteger(o.n, "n", { min: 1 });
  assertInteger(o.loops, "loops", { min: 1 });
  if (o.task !== undefined) assertOneOf(o.task, "task", ["prediction", "vector"] as const);
  if (o.parameterization !== undefined)
    assertOneOf(o.parameterization, "parameterization", ["sparse", "full"] as const);
  if (o.sharing !== undefined) assertOneOf(o.sharing, "sharing", ["looped", "stacked"] as const);
  if (o.steps !== undefined) assertInteger(o.steps, "steps", { min: 1 });
  if (o.batch !== undefined) assertInteger(o.batch, "batch", { min: 1 });
  if (o.learningRate !== undefined) assertPositive(o.learningRate, "learningRate");
  if (o.clipNorm !== undefined && o.clipNorm !== Number.POSITIVE_INFINITY)
    assertPositive(o.clipNorm, "clipNorm");
  if (o.initStd !== undefined) assertNonNegative(o.initStd, "initStd");
  if (o.schedule !== undefined) assertOneOf(o.schedule, "schedule", ["constant", "cosine"] as const);
  if (o.sparseBackward !== undefined)
    assertOneOf(o.sparseBackward, "sparseBackward", ["reduced", "lsa"] as const);
  if (o.noise !== undefined) assertNonNegative(o.noise, "noise");
  if (o.seed !== undefined) assertInteger(o.seed, "seed", { min: 0 });
}

/**
 * Trains a linear looped Transformer with Adam on fresh Gaussian prompts (docs/method.md §c.5).
 *
 * @example
 * ```ts
 * const { preconditioners } = trainLooped({ d: 5, n: 20, loops: 1, steps: 1500, seed: 1 });
 * // preconditioners[0] ≈ 0.769·I  (docs/method.md §c.4, eq. (3))
 * ```
 */
export function trainLooped(opts: TrainLoopedOptions): TrainLoopedResult {
  validateTrainOptions(opts);
  const task = opts.task ?? "prediction";
  const param = opts.parameterization ?? "sparse";
  const sharing = opts.sharing ?? "looped";
  const steps = opts.steps ?? 1500;
  const batch = opts.batch ?? 128;
  const { d, n, loops } = opts;
  const noise = opts.noise ?? 0;
  const layerCount = sharing === "looped" ? 1 : loops;
  const D = embeddingWidth(task, d);
  const root = new Rng(opts.seed ?? 0);
  const initRng = root.fork();
  const dataRng = root.fork();
  const blockSize = param === "sparse" ? d * d : 2 * D * D;
  const theta = new Float64Array(layerCount * blockSize);
  if (param === "full") initRng.fillNormal(theta, 0, opts.initStd ?? 0.01);
  const unpack = (): LsaWeights[] => {
    const layers: LsaWeights[] = [];
    for (let l = 0; l < layerCount; l++) {
      const off = l * blockSize;
      if (param === "sparse")
        layers.push(sparseWeights(task, d, matrix64(d, d, theta.slice(off, off + d * d))));
      else {
        layers.push({
          P: matrix64(D, D, theta.slice(off, off + D * D)),
          Q: matrix64(D, D, theta.slice(off + D * D, off + 2 * D * D)),
        });
      }
    }
    return layers;
  };
  const lr = opts.learningRate ?? (param === "sparse" ? 1e-2 : 3e-3);
  const adamOpts = { learningRate: lr, ...(opts.beta1 === undefined ? {} : { beta1: opts.beta1 }) };
  const adam = new Adam(theta.length, {
    ...adamOpts,
    ...(opts.beta2 === undefined ? {} : { beta2: opts.beta2 }),
    ...(opts.epsilon === undefined ? {} : { epsilon: opts.epsilon }),
  });
  const clip = opts.clipNorm ?? 1;
  const history = new Float64Array(steps);
  const grad = new Float64Array(theta.length);
  for (let s = 0; s < steps; s++) {
    if (opts.signal?.aborted) throw new DescentError(`trainLooped aborted at step ${s}`, { code: "aborted" });
    const prompts = Array.from({ length: batch }, () => drawPrompt(dataRng, d, n, noise, undefined, 1));
    let loss: number;
    if (param === "sparse" && opts.sparseBackward !== "lsa") {
      const As = Array.from({ length: layerCount }, (_, l) =>
        matrix64(d, d, theta.subarray(l * blockSize, (l + 1) * blockSize)),
      );
      const g = sparseLossAndGradient(As, prompts, loops, task);
      for (let l = 0; l < layerCount; l++) grad.set((g.gradA[l] as Matrix64).data, l * blockSize);
      loss = g.loss;
    } else {
      const g = lsaLossAndGradient(unpack(), prompts, loops, task);
      for (let l = 0; l < layerCount; l++) {
        const off = l * blockSize;
        if (param === "sparse") grad.set(sparseGradient(task, d, g, l).data, off);
        else {
          grad.set((g.gradP[l] as Matrix64).data, off);
          grad.set((g.gradQ[l] as Matrix64).data, off + D * D);
        }
      }
      loss = g.loss;
    }
    history[s] = loss;
    clipGlobalNorm(grad, clip);
    if (opts.schedule === "cosine") adam.learningRate = lr * 0.5 * (1 + Math.cos((Math.PI * s) / steps));
    adam.step(theta, grad);
    opts.onProgress?.({ step: s + 1, steps, loss });
  }
  const layers = unpack();
  const result: TrainLoopedResult = { layers, history, task, loops };
  if (param === "sparse") {
    result.preconditioners = Array.from({ length: layerCount }, (_, l) =>
      matrix64(d, d, theta.slice(l * blockSize, l * blockSize + d * d)),
    );
  }
  return result;
}
