/**
 * The oracle-critic regime of the multimodal task (docs/savo.md, "C-R1 (a)"): the actors ascend the
 * true noiseless reward instead of a learned critic, which isolates the actor-optimisation problem that
 * SAVO addresses. Also the task's metrics: the normalised value V = mean r(s, μ_M(s)) / max r over fixed
 * test states, and the fraction of test states whose executed action lies within 2ρ of the global bump.
 */
import { assertInteger, DescentError, Rng } from "@descent/core-tensor";
import type { MultimodalBanditEnv } from "./multimodal-bandit.js";
import type { ActionValueOracle } from "./savo.js";

/** An agent whose actors can be trained on given states (SAVO and its baselines). */
export interface OracleTrainable {
  updateActors(obs: Float32Array, batch: number): unknown;
  act(obs: Float64Array, opts?: { explore?: boolean }): Float64Array;
}

/** The task's true reward and its action gradient as a {@link ActionValueOracle}. */
export function rewardOracle(env: MultimodalBanditEnv): ActionValueOracle {
  return { value: (s, a) => env.trueReward(s, a), gradient: (s, a, g) => env.rewardGradient(s, a, g) };
}

/** Options of {@link trainOnOracle}. */
export interface TrainOnOracleOptions {
  /** Gradient steps = 2 000. */
  steps?: number;
  /** States per step = 128. */
  batchSize?: number;
  /** Seed of the state stream = 0. */
  seed?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Runs `steps` actor(/surrogate) updates on fresh uniform states of the task. */
export function trainOnOracle(
  agent: OracleTrainable,
  env: MultimodalBanditEnv,
  opts: TrainOnOracleOptions = {},
): void {
  const steps = opts.steps ?? 2000;
  const B = opts.batchSize ?? 128;
  assertInteger(steps, "steps", { min: 0 });
  assertInteger(B, "batchSize", { min: 1 });
  const rng = new Rng(opts.seed ?? 0);
  const obs = new Float32Array(B * env.stateDim);
  for (let t = 0; t < steps; t++) {
    if (opts.signal?.aborted)
      throw new DescentError("trainOnOracle aborted", { parameter: "signal", code: "aborted" });
    for (let i = 0; i < obs.length; i++) obs[i] = rng.uniform(-1, 1);
    agent.updateActors(obs, B);
    if (opts.onProgress && (t + 1) % 100 === 0) opts.onProgress(t + 1, steps);
  }
}

/** Greedy-policy metrics on the multimodal task. */
export interface MultimodalEvaluation {
  /** V = mean r(s, μ(s)) / 1 over the test states. */
  value: number;
  /** Fraction of test states whose action lies within 2ρ_global of the global bump's centre. */
  globalFraction: number;
}

/** Evaluates the greedy action on `testStates` (default 1 000) fixed states drawn from `seed`. */
export function evaluateMultimodal(
  agent: { act(obs: Float64Array, opts?: { explore?: boolean }): Float64Array },
  env: MultimodalBanditEnv,
  opts: { testStates?: number; seed?: number } = {},
): MultimodalEvaluation {
  const n = opts.testStates ?? 1000;
  assertInteger(n, "testStates", { min: 1 });
  const rng = new Rng(opts.seed ?? 12345);
  const g = env.bumps - 1;
  const radius = 2 * env.bumpWidth(g);
  let value = 0;
  let hits = 0;
  for (let t = 0; t < n; t++) {
    const s = rng.uniformArray(env.stateDim, -1, 1);
    const a = agent.act(s, { explore: false });
    value += env.trueReward(s, a) / env.optimalValue(s) / n;
    const c = env.bumpCentre(s, g);
    let dist = 0;
    for (let j = 0; j < c.length; j++) dist += ((a[j] as number) - (c[j] as number)) ** 2;
    if (Math.sqrt(dist) <= radius) hits += 1;
  }
  return { value, globalFraction: hits / n };
}
