/**
 * The experiment runner (docs/method.md §A.9, A.1): steps an agent in an environment for a number of environment
 * steps, resets on `terminated || truncated`, keeps `RecordEpisodeStatistics`-style bookkeeping
 * (undiscounted return and length per episode, emitted as events) and runs periodic greedy evaluations.
 * Also the aggregation helpers of docs/method.md §A.9 (mean ± s.e., inter-quartile mean, area under curve).
 */
import { assertAllFinite, assertInteger, DescentError } from "@descent/core-tensor";
import type { LearningAgent } from "./agent.js";
import type { Env } from "./env.js";

/** One finished training episode. */
export interface EpisodeRecord {
  /** Environment step at which the episode ended (1-based count of steps so far). */
  step: number;
  return: number;
  length: number;
}

/** One evaluation point. */
export interface EvaluationRecord {
  step: number;
  meanReturn: number;
}

/** Options of {@link trainAgent}. */
export interface TrainAgentOptions<A> {
  env: Env<Float64Array, A>;
  agent: LearningAgent<A>;
  /** Environment steps to run. */
  totalSteps: number;
  /** Seed of the first `env.reset`; later resets continue the environment's stream. */
  seed?: number;
  /** Evaluation environment (a separate instance); evaluations run only when given with `evalEvery`. */
  evalEnv?: Env<Float64Array, A>;
  /** Evaluate every this many environment steps. */
  evalEvery?: number;
  /** Episodes per evaluation = 10 (docs/method.md §A.8). */
  evalEpisodes?: number;
  /** Called when a training episode ends. */
  onEpisode?: (e: EpisodeRecord) => void;
  /** Called every `progressEvery` steps with the number of steps done. */
  onProgress?: (stepsDone: number, totalSteps: number) => void;
  /** Default 1 000. */
  progressEvery?: number;
  signal?: AbortSignal;
}

/** What {@link trainAgent} returns. */
export interface TrainAgentResult {
  episodes: EpisodeRecord[];
  evaluations: EvaluationRecord[];
}

/** Runs `totalSteps` environment steps of training (docs/method.md §A.9). */
export function trainAgent<A>(opts: TrainAgentOptions<A>): TrainAgentResult {
  const { env, agent } = opts;
  if (env === null || typeof env?.step !== "function" || typeof env.reset !== "function") {
    throw new DescentError("env must be an environment with reset and step", { parameter: "env" });
  }
  if (agent === null || typeof agent?.act !== "function" || typeof agent.observe !== "function") {
    throw new DescentError("agent must be a learning agent with act and observe", { parameter: "agent" });
  }
  assertInteger(opts.totalSteps, "totalSteps", { min: 1 });
  if (opts.evalEvery !== undefined) assertInteger(opts.evalEvery, "evalEvery", { min: 1 });
  const evalEpisodes = opts.evalEpisodes ?? 10;
  assertInteger(evalEpisodes, "evalEpisodes", { min: 1 });
  const progressEvery = opts.progressEvery ?? 1000;
  assertInteger(progressEvery, "progressEvery", { min: 1 });
  const episodes: EpisodeRecord[] = [];
  const evaluations: EvaluationRecord[] = [];
  let obs = env.reset(opts.seed === undefined ? {} : { seed: opts.seed }).obs;
  let ret = 0;
  let len = 0;
  for (let t = 1; t <= opts.totalSteps; t++) {
    if (opts.signal?.aborted)
      throw new DescentError("training aborted", { parameter: "signal", code: "aborted" });
    const action = agent.act(obs);
    const r = env.step(action);
    agent.observe({
      obs,
      action,
      reward: r.reward,
      nextObs: r.obs,
      terminated: r.terminated,
      truncated: r.truncated,
    });
    ret += r.reward;
    len += 1;
    if (r.terminated || r.truncated) {
      const e = { step: t, return: ret, length: len };
      episodes.push(e);
      opts.onEpisode?.(e);
      ret = 0;
      len = 0;
      obs = env.reset().obs;
    } else {
      obs = r.obs;
    }
    if (opts.evalEnv !== undefined && opts.evalEvery !== undefined && t % opts.evalEvery === 0) {
      evaluations.push({ step: t, meanReturn: evaluateAgent(opts.evalEnv, agent, evalEpisodes) });
    }
    if (t % progressEvery === 0) opts.onProgress?.(t, opts.totalSteps);
  }
  return { episodes, evaluations };
}

/** Mean undiscounted return of `episodes` greedy episodes (`explore: false`). */
export function evaluateAgent<A>(
  env: Env<Float64Array, A>,
  agent: LearningAgent<A>,
  episodes: number,
  opts: { maxSteps?: number } = {},
): number {
  assertInteger(episodes, "episodes", { min: 1 });
  const maxSteps = opts.maxSteps ?? 100_000;
  assertInteger(maxSteps, "maxSteps", { min: 1 });
  let total = 0;
  for (let e = 0; e < episodes; e++) {
    let obs = env.reset().obs;
    for (let t = 0; t < maxSteps; t++) {
      const r = env.step(agent.act(obs, { explore: false }));
      total += r.reward;
      if (r.terminated || r.truncated) break;
      obs = r.obs;
    }
  }
  return total / episodes;
}

/** Mean and standard error of the mean (s.e. = sd/√n, 0 for n = 1). */
export function meanAndStandardError(values: readonly number[]): { mean: number; se: number } {
  if (values.length === 0) {
    throw new DescentError("values must not be empty", { parameter: "values", code: "empty" });
  }
  assertAllFinite(values, "values");
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, se: 0 };
  const v = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(v / n) };
}

/** Inter-quartile mean: the mean of the middle 50 % of the sorted values (docs/method.md §A.9). */
export function interquartileMean(values: readonly number[]): number {
  if (values.length === 0) {
    throw new DescentError("values must not be empty", { parameter: "values", code: "empty" });
  }
  assertAllFinite(values, "values");
  const s = [...values].sort((a, b) => a - b);
  const lo = Math.floor(s.length / 4);
  const hi = s.length - lo;
  const mid = s.slice(lo, hi);
  return mid.reduce((a, b) => a + b, 0) / mid.length;
}

/**
 * Episode returns binned on a step grid: the mean return of the episodes that ended in each bin of
 * `binSize` steps (carrying the previous value forward through empty bins; NaN before the first episode).
 */
export function binnedReturns(
  episodes: readonly EpisodeRecord[],
  totalSteps: number,
  binSize: number,
): { steps: number[]; returns: number[] } {
  assertInteger(totalSteps, "totalSteps", { min: 1 });
  assertInteger(binSize, "binSize", { min: 1 });
  const bins = Math.ceil(totalSteps / binSize);
  const sums = new Float64Array(bins);
  const counts = new Float64Array(bins);
  for (const e of episodes) {
    const b = Math.min(bins - 1, Math.floor((e.step - 1) / binSize));
    sums[b] = (sums[b] as number) + e.return;
    counts[b] = (counts[b] as number) + 1;
  }
  const steps: number[] = [];
  const returns: number[] = [];
  let last = Number.NaN;
  for (let b = 0; b < bins; b++) {
    if ((counts[b] as number) > 0) last = (sums[b] as number) / (counts[b] as number);
    steps.push((b + 1) * binSize);
    returns.push(last);
  }
  return { steps, returns };
}
