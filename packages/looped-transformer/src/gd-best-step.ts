/**
 * The `gdBestStep(T)` baseline of docs/method.md §c.6/e.4: T GD steps with the scalar step η that minimises the
 * mean loss on a sample of the training distribution — the best a looped model restricted to `A = ηI`
 * can do, and the population optimum of Gatmiry et al.'s analysis in that class.
 */
import { assertInteger, assertOneOf, assertPositive } from "@descent/core-tensor";
import { GdProblemSet, summarizeErrors } from "./evaluate.js";
import type { LsaTask } from "./lsa-gradient.js";
import type { RegressionPrompt } from "./prompt.js";

/** Options of {@link gdBestStep}. */
export interface GdBestStepOptions {
  /** Loops T (GD steps). */
  loops: number;
  /** Default `"prediction"`. */
  task?: LsaTask;
  /** Upper end of the step search interval `(0, maxEta]`. Default `2`, our choice (wider than any optimum in docs/method.md §e.4's table). */
  maxEta?: number;
  /** Points of the coarse grid before golden-section refinement. Default `41`, our choice. */
  gridPoints?: number;
  /** Relative tolerance of the golden-section search on η. Default `1e-6`, our choice. */
  tolerance?: number;
}

/** Best scalar step and its errors on the fitting prompts. */
export interface GdBestStepResult {
  eta: number;
  mse: number;
  median: number;
}

/**
 * Finds the scalar step η minimising the mean squared error of T GD steps on `prompts` (a coarse grid,
 * then golden-section search around its best point: the population loss `E tr((I − ηŜ)^{2T})` is
 * convex in η, docs/method.md §c.4).
 *
 * @example gdBestStep(samplePrompts({ d: 5, n: 20, count: 20000, seed: 3 }), { loops: 1 }).eta // ≈ 0.769
 */
export function gdBestStep(
  prompts: readonly RegressionPrompt[] | GdProblemSet,
  opts: GdBestStepOptions,
): GdBestStepResult {
  assertInteger(opts.loops, "loops", { min: 1 });
  const task = opts.task ?? "prediction";
  assertOneOf(task, "task", ["prediction", "vector"] as const);
  const maxEta = opts.maxEta ?? 2;
  assertPositive(maxEta, "maxEta");
  const gridPoints = opts.gridPoints ?? 41;
  assertInteger(gridPoints, "gridPoints", { min: 3 });
  const tol = opts.tolerance ?? 1e-6;
  assertPositive(tol, "tolerance");
  const set = prompts instanceof GdProblemSet ? prompts : new GdProblemSet(prompts);
  const mse = (eta: number): number => {
    const e = set.errors(opts.loops, eta, task);
    let s = 0;
    for (const v of e) s += v;
    const m = s / e.length;
    return Number.isFinite(m) ? m : Number.POSITIVE_INFINITY;
  };
  const h = maxEta / (gridPoints - 1);
  let bestI = 1;
  let bestV = Number.POSITIVE_INFINITY;
  for (let i = 1; i < gridPoints; i++) {
    const v = mse(i * h);
    if (v < bestV) {
      bestV = v;
      bestI = i;
    }
  }
  let lo = Math.max((bestI - 1) * h, 1e-12);
  let hi = Math.min((bestI + 1) * h, maxEta);
  const phi = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - phi * (hi - lo);
  let x2 = lo + phi * (hi - lo);
  let f1 = mse(x1);
  let f2 = mse(x2);
  while (hi - lo > tol * Math.max(1, hi)) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - phi * (hi - lo);
      f1 = mse(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + phi * (hi - lo);
      f2 = mse(x2);
    }
  }
  const eta = (lo + hi) / 2;
  const { mse: m, median } = summarizeErrors(set.errors(opts.loops, eta, task));
  return { eta, mse: m, median };
}
