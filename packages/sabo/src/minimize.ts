/**
 * The driver loop around any {@link AskTellOptimizer}: evaluates each asked batch with a single-point or a
 * batch objective (synchronous or asynchronous), and stops on the evaluation or iteration budget, a target
 * value, lack of progress (early stopping), the method's own stop reason, the progress callback, or an
 * `AbortSignal`. It never prints.
 *
 * @example
 * ```ts
 * const result = await minimize(async (x) => await remoteLoss(x), new Sabo({ dim: 500, seed: 1 }), {
 *   maxEvaluations: 8000,
 *   onProgress: (p) => console.log(p.evaluations, p.bestValue),
 * });
 * ```
 */
import {
  assertFiniteNumber,
  assertInteger,
  assertNonNegative,
  DescentError,
  describeValue,
} from "@descent/core-tensor";
import type { AskTellOptimizer, BestPoint, Vector } from "./ask-tell.js";
import { assertOptionsObject } from "./options-object.js";

/** A single-point black-box objective to minimise (may be async). */
export type Objective = (x: Vector) => number | Promise<number>;
/** A batch objective: all points of a batch at once (e.g. one forward pass), may be async. */
export type BatchObjective = (xs: readonly Vector[]) => ArrayLike<number> | Promise<ArrayLike<number>>;

/** Why {@link minimize} stopped. */
export type StopReason =
  | "maxEvaluations"
  | "maxIterations"
  | "targetValue"
  | "noImprovement"
  | "callback"
  | "aborted"
  | "collapsed"
  | "diverged"
  | (string & {});

/** What {@link MinimizeOptions.onProgress} receives after every completed iteration. */
export interface ProgressInfo {
  readonly iteration: number;
  readonly evaluations: number;
  /** Best value queried so far. */
  readonly bestValue: number;
  /** Values of the batches of this iteration (SABO: ascent then descent). */
  readonly batchValues: readonly number[];
  /** Fraction of the evaluation budget spent (0..1), or of the iterations when only they are bounded. */
  readonly fraction: number;
  /** The optimiser, to read method-specific state (e.g. `Sabo.state`, `Sabo.lastPerturbation`). */
  readonly optimizer: AskTellOptimizer;
}

/** One entry of {@link OptimizeResult.history}. */
export interface HistoryEntry {
  readonly iteration: number;
  readonly evaluations: number;
  readonly bestValue: number;
  /** Mean of the iteration's batch values. */
  readonly batchMean: number;
  /** Smallest value of the iteration's batches. */
  readonly batchMin: number;
}

/** Options of {@link minimize}. */
export interface MinimizeOptions {
  /** `f` is a {@link BatchObjective} (receives all points of a batch). Default `false`. */
  batch?: boolean;
  /**
   * Budget B of objective evaluations; an iteration starts only if it fits entirely (docs/method.md §c.4:
   * `evals + 2N ≤ B`). Default 8000, the BBT query budget (docs/method.md §c.4).
   */
  maxEvaluations?: number;
  /** Maximum number of iterations. Default unbounded. */
  maxIterations?: number;
  /** Stop once the best queried value is ≤ this (docs/method.md §c.4 "optional target value"). */
  targetValue?: number;
  /** Early stopping: stop after this many iterations without improving the best value by `minImprovement`. */
  patience?: number;
  /** Improvement that resets the patience counter. Default 0 (any strict improvement). */
  minImprovement?: number;
  /** Keep a per-iteration {@link HistoryEntry} list. Default `true`. */
  recordHistory?: boolean;
  /** Called after every iteration; returning `'stop'` ends the run (reason `"callback"`). */
  // biome-ignore lint/suspicious/noConfusingVoidType: a callback usually returns nothing
  onProgress?: (info: ProgressInfo) => void | "stop";
  /** Aborting ends the run after the current batch (reason `"aborted"`); the partial result is returned. */
  signal?: AbortSignal;
}

/** The outcome of {@link minimize}. */
export interface OptimizeResult {
  /** The method's recommendation: the final mean for SABO, INGO and CMA-ES (docs/method.md §h.7). */
  readonly x: Vector;
  /** Best queried point and value. */
  readonly best: BestPoint;
  readonly iterations: number;
  readonly evaluations: number;
  readonly stopReason: StopReason;
  readonly history: readonly HistoryEntry[];
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === "object" && v !== null && typeof (v as { then?: unknown }).then === "function";
}

/** Evaluates `points` with `f`; awaits only when the objective is asynchronous. */
async function evaluate(
  f: Objective | BatchObjective,
  batch: boolean,
  points: readonly Vector[],
): Promise<ArrayLike<number>> {
  if (points.length === 0) return [];
  if (batch) return await (f as BatchObjective)(points);
  const single = f as Objective;
  const out: (number | Promise<number>)[] = new Array(points.length);
  let async = false;
  for (let i = 0; i < points.length; i++) {
    const v = single(points[i] as Vector);
    if (isThenable(v)) async = true;
    out[i] = v;
  }
  return async ? await Promise.all(out) : (out as number[]);
}

/** Every key of {@link MinimizeOptions}. @internal */
export const MINIMIZE_OPTION_KEYS: readonly string[] = [
  "batch",
  "maxEvaluations",
  "maxIterations",
  "targetValue",
  "patience",
  "minImprovement",
  "recordHistory",
  "onProgress",
  "signal",
];

function validateRunOptions(options: MinimizeOptions): void {
  assertOptionsObject(options, "options", MINIMIZE_OPTION_KEYS);
  if (options.maxEvaluations !== undefined && options.maxEvaluations !== Number.POSITIVE_INFINITY)
    assertInteger(options.maxEvaluations, "maxEvaluations", { min: 1 });
  if (options.maxIterations !== undefined && options.maxIterations !== Number.POSITIVE_INFINITY)
    assertInteger(options.maxIterations, "maxIterations", { min: 1 });
  if (options.targetValue !== undefined) assertFiniteNumber(options.targetValue, "targetValue");
  if (options.patience !== undefined) assertInteger(options.patience, "patience", { min: 1 });
  if (options.minImprovement !== undefined) assertNonNegative(options.minImprovement, "minImprovement");
}

/**
 * Runs `optimizer` on `f` until a stopping rule fires and returns its recommendation, the best queried
 * point and the history. The optimiser keeps its state, so a run can be continued with another call.
 */
export function minimize(
  f: Objective,
  optimizer: AskTellOptimizer,
  options?: MinimizeOptions & { batch?: false },
): Promise<OptimizeResult>;
/** The batch form: `f` receives every point of a batch at once (`batch: true`). */
export function minimize(
  f: BatchObjective,
  optimizer: AskTellOptimizer,
  options: MinimizeOptions & { batch: true },
): Promise<OptimizeResult>;
export function minimize(
  f: Objective | BatchObjective,
  optimizer: AskTellOptimizer,
  options?: MinimizeOptions,
): Promise<OptimizeResult>;
export async function minimize(
  f: Objective | BatchObjective,
  optimizer: AskTellOptimizer,
  options: MinimizeOptions = {},
): Promise<OptimizeResult> {
  if (typeof f !== "function") {
    throw new DescentError(`f must be a function, received ${describeValue(f)}`, {
      parameter: "f",
      code: "type",
    });
  }
  if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.ask !== "function") {
    throw new DescentError(`optimizer must implement ask/tell, received ${describeValue(optimizer)}`, {
      parameter: "optimizer",
      code: "type",
    });
  }
  validateRunOptions(options);
  const batch = options.batch ?? false;
  const maxEvaluations = options.maxEvaluations ?? 8000;
  const maxIterations = options.maxIterations ?? Number.POSITIVE_INFINITY;
  const minImprovement = options.minImprovement ?? 0;
  const recordHistory = options.recordHistory ?? true;
  if (optimizer.evaluationsPerIteration === 0 && !Number.isFinite(maxIterations)) {
    throw new DescentError(
      "maxIterations must be finite when the optimizer queries no points (gradientOracle mode)",
      {
        parameter: "maxIterations",
        code: "range",
      },
    );
  }
  if (optimizer.evaluationsPerIteration > maxEvaluations) {
    // no iteration would fit: the run would return the unevaluated best (value Infinity)
    throw new DescentError(
      `maxEvaluations = ${maxEvaluations} is below one iteration of ${optimizer.name} (${optimizer.evaluationsPerIteration} evaluations)`,
      { parameter: "maxEvaluations", code: "range" },
    );
  }
  const history: HistoryEntry[] = [];
  const startEvals = optimizer.evaluations;
  const startIter = optimizer.iteration;
  let stopReason: StopReason | null = null;
  let lastImprovementIter = 0;
  let bestAtImprovement = optimizer.best.value;
  let iterations = 0;

  const signal = options.signal;
  while (stopReason === null) {
    if (signal?.aborted) {
      stopReason = "aborted";
      break;
    }
    const spent = optimizer.evaluations - startEvals;
    if (iterations >= maxIterations) {
      stopReason = "maxIterations";
      break;
    }
    if (spent + optimizer.evaluationsPerIteration > maxEvaluations) {
      stopReason = "maxEvaluations";
      break;
    }
    const own = optimizer.stopReason();
    if (own !== null) {
      stopReason = own;
      break;
    }
    // one iteration: SABO asks twice (ascent, descent), the others once
    const values: number[] = [];
    const iterBefore = optimizer.iteration;
    let abortedMidway = false;
    do {
      const asked = optimizer.ask();
      const v = await evaluate(f, batch, asked.points);
      optimizer.tell(v);
      for (let i = 0; i < v.length; i++) values.push(v[i] as number);
      if (optimizer.iteration === iterBefore && signal?.aborted) abortedMidway = true;
    } while (optimizer.iteration === iterBefore && !abortedMidway);
    if (abortedMidway) {
      stopReason = "aborted";
      break;
    }
    iterations++;
    const bestValue = optimizer.best.value;
    if (recordHistory) {
      let sum = 0;
      let min = Number.POSITIVE_INFINITY;
      for (const v of values) {
        sum += v;
        if (v < min) min = v;
      }
      history.push({
        iteration: optimizer.iteration,
        evaluations: optimizer.evaluations,
        bestValue,
        batchMean: values.length > 0 ? sum / values.length : Number.NaN,
        batchMin: min,
      });
    }
    if (bestValue < bestAtImprovement - minImprovement) {
      bestAtImprovement = bestValue;
      lastImprovementIter = iterations;
    }
    if (options.onProgress !== undefined) {
      const fraction = Number.isFinite(maxEvaluations)
        ? (optimizer.evaluations - startEvals) / maxEvaluations
        : Number.isFinite(maxIterations)
          ? iterations / maxIterations
          : 0;
      const r = options.onProgress({
        iteration: optimizer.iteration,
        evaluations: optimizer.evaluations,
        bestValue,
        batchValues: values,
        fraction: Math.min(1, fraction),
        optimizer,
      });
      if (r === "stop") stopReason = "callback";
    }
    if (stopReason === null && options.targetValue !== undefined && bestValue <= options.targetValue)
      stopReason = "targetValue";
    if (
      stopReason === null &&
      options.patience !== undefined &&
      iterations - lastImprovementIter >= options.patience
    )
      stopReason = "noImprovement";
    if (stopReason === null && signal?.aborted) stopReason = "aborted";
  }
  return {
    x: optimizer.recommendation(),
    best: optimizer.best,
    iterations: optimizer.iteration - startIter,
    evaluations: optimizer.evaluations - startEvals,
    stopReason,
    history,
  };
}
