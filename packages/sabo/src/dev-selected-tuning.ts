/**
 * The BBT protocol around any optimiser (docs/method.md §d.2, h.7): spend a query budget on the training objective,
 * check the dev-set score of the current candidate every `devEvery` queries (BBT: 100), and return the
 * candidate with the best dev score — to be evaluated once on the test set by the caller.
 *
 * @example
 * ```ts
 * const task = projectedPromptTask({ seed: 0 });
 * const run = await tuneWithDevSelection({
 *   optimizer: new Sabo({ dim: task.dim, rho: 3 }),
 *   objective: task.train,
 *   devScore: (z) => task.accuracy(z, "dev"),
 * });
 * task.accuracy(run.selected, "test");
 * ```
 */
import { assertInteger, DescentError, describeValue } from "@descent/core-tensor";
import type { AskTellOptimizer, Vector } from "./ask-tell.js";
import { type BatchObjective, minimize, type Objective } from "./minimize.js";
import { assertOptionsObject } from "./options-object.js";

/** The options of {@link tuneWithDevSelection} shared by its single-point and batch forms (see {@link DevSelectionOptions}). */
export interface DevSelectionCommon {
  /** Any optimiser of this package (its `dim` is the searched dimension). */
  optimizer: AskTellOptimizer;
  /** Dev-set score of a candidate, higher is better (BBT: dev accuracy). */
  devScore: (z: Vector) => number | Promise<number>;
  /** Queries between dev checks. Default 100 (BBT). */
  devEvery?: number;
  /** Query budget. Default 8000 (BBT). */
  maxEvaluations?: number;
  /**
   * Which point is checked: the method's recommendation (default; the mean, docs/method.md §h.7) or the best
   * queried point (what BBT's CMA-ES loop checks).
   */
  candidate?: "recommendation" | "best";
  /** After each dev check. */
  onCheck?: (check: DevCheck) => void;
  signal?: AbortSignal;
}

/**
 * Options of {@link tuneWithDevSelection}: the training objective to minimise, single-point (default) or
 * batch (`batch: true`, receives every point of a batch), plus the common options.
 */
export type DevSelectionOptions =
  | (DevSelectionCommon & { objective: Objective; batch?: false })
  | (DevSelectionCommon & { objective: BatchObjective; batch: true });

/** One dev check. */
export interface DevCheck {
  readonly evaluations: number;
  readonly devScore: number;
  readonly trainBest: number;
}

/** The outcome of {@link tuneWithDevSelection}. */
export interface DevSelectionResult {
  /** Candidate with the best dev score. */
  readonly selected: Vector;
  readonly selectedDevScore: number;
  /** Evaluations spent when it was checked. */
  readonly selectedAt: number;
  /** The final recommendation of the optimiser. */
  readonly final: Vector;
  readonly evaluations: number;
  readonly checks: readonly DevCheck[];
  readonly stopReason: string;
}

/** Runs the budgeted search with periodic dev checks and returns the dev-selected candidate. */
export async function tuneWithDevSelection(options: DevSelectionOptions): Promise<DevSelectionResult> {
  assertOptionsObject(options);
  const { optimizer, objective, devScore } = options as DevSelectionCommon & {
    objective: Objective | BatchObjective;
  };
  if (typeof devScore !== "function") {
    throw new DescentError(`devScore must be a function, received ${describeValue(devScore)}`, {
      parameter: "devScore",
      code: "type",
    });
  }
  const devEvery = options.devEvery ?? 100;
  assertInteger(devEvery, "devEvery", { min: 1 });
  const maxEvaluations = options.maxEvaluations ?? 8000;
  assertInteger(maxEvaluations, "maxEvaluations", { min: 1 });
  const candidateKind = options.candidate ?? "recommendation";
  if (candidateKind !== "recommendation" && candidateKind !== "best") {
    throw new DescentError(
      `candidate must be 'recommendation' or 'best', received ${describeValue(candidateKind)}`,
      {
        parameter: "candidate",
        code: "enum",
      },
    );
  }
  const checks: DevCheck[] = [];
  let selected: Vector | null = null;
  let selectedDevScore = Number.NEGATIVE_INFINITY;
  let selectedAt = 0;
  const start = optimizer.evaluations;
  const check = async () => {
    const z =
      candidateKind === "best" && optimizer.evaluations > 0 ? optimizer.best.x : optimizer.recommendation();
    const score = await devScore(z);
    if (typeof score !== "number" || Number.isNaN(score)) {
      throw new DescentError(`devScore must return a number, received ${describeValue(score)}`, {
        parameter: "devScore",
        code: "finite",
      });
    }
    const c: DevCheck = {
      evaluations: optimizer.evaluations - start,
      devScore: score,
      trainBest: optimizer.best.value,
    };
    checks.push(c);
    options.onCheck?.(c);
    if (selected === null || score > selectedDevScore) {
      selected = z;
      selectedDevScore = score;
      selectedAt = c.evaluations;
    }
  };
  await check();
  let stopReason = "maxEvaluations";
  let nextCheck = devEvery;
  // run whole iterations up to (or just past) each dev checkpoint, as in BBT's every-100-queries check
  for (;;) {
    const spent = optimizer.evaluations - start;
    const perIteration = optimizer.evaluationsPerIteration;
    if (perIteration === 0 || maxEvaluations - spent < perIteration) break;
    const iterations = Math.max(1, Math.ceil((nextCheck - spent) / perIteration));
    const run = await minimize(objective, optimizer, {
      batch: options.batch ?? false,
      maxEvaluations: maxEvaluations - spent,
      maxIterations: iterations,
      recordHistory: false,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const now = optimizer.evaluations - start;
    while (nextCheck <= now) nextCheck += devEvery;
    await check();
    if (run.stopReason !== "maxIterations") {
      stopReason = run.stopReason;
      break;
    }
  }
  return {
    selected: selected as unknown as Vector,
    selectedDevScore,
    selectedAt,
    final: optimizer.recommendation(),
    evaluations: optimizer.evaluations - start,
    checks,
    stopReason,
  };
}
