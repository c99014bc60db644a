/**
 * One cell of the `savo` demo (one method on one task seed of C-R1, C-R2 or C-R3, described in
 * rl-agents's docs/savo.md): a pure function of a plain input, so that full mode can run the cells in worker
 * threads (`runSavoCell` is the task the pool calls) and quick mode in the main thread, with the same
 * numbers either way.
 */
import { Rng } from "@descent/core-tensor";
import {
  CemActor,
  createContinuousCartPole,
  createEnsembleTd3,
  createWolpertinger,
  evaluateAgent,
  evaluateMultimodal,
  type MultimodalBanditEnv,
  multimodalBandit,
  type RecsimLiteEnv,
  recsimLite,
  restrictActions,
  rewardOracle,
  SavoAgent,
  type SavoOptions,
  trainAgent,
  trainOnOracle,
} from "@descent/rl-agents";

export const C_R1_METHODS = ["TD3", "Ensemble-3", "SAVO-3", "SAVO-3 − surrogates", "CEM"] as const;
export const C_R2_METHODS = [
  "TD3 + 1-NN",
  "Wolpertinger-1%",
  "Wolpertinger-5%",
  "Ensemble-3",
  "SAVO-3",
] as const;
export const C_R3_METHODS = ["TD3", "Ensemble-3", "SAVO-3"] as const;

export type SavoExperiment = "c-r1-oracle" | "c-r1-learned" | "c-r2" | "c-r3";

/** What one cell runs. */
export interface SavoCellInput {
  experiment: SavoExperiment;
  method: string;
  /** Task seed (the environment); the agent and the data streams derive their seeds from it. */
  seed: number;
  /** Oracle regime: actor steps; other regimes: environment steps. */
  steps: number;
  batchSize: number;
  /** C-R1 only: number of bumps (6 = the trap landscape, 1 = the unimodal sanity case). */
  bumps?: number;
  /** C-R1 only: width of the global bump (default 0.1). */
  globalWidth?: number;
  /** C-R2 only: number of items. */
  items?: number;
}

/** What one cell returns: its metrics and its CPU-thread wall time. */
export interface SavoCellOutput {
  metrics: Record<string, number>;
  seconds: number;
}

const NETS = [64, 64];

function agentFor(method: string, obsDim: number, action: number[], base: SavoOptions): SavoAgent {
  switch (method) {
    case "TD3":
      return new SavoAgent(obsDim, action, { ...base, numActors: 1, surrogates: false });
    case "Ensemble-3":
      return createEnsembleTd3(obsDim, action, { ...base, numActors: 3 });
    case "SAVO-3":
      return new SavoAgent(obsDim, action, { ...base, numActors: 3 });
    case "SAVO-3 − surrogates":
      return new SavoAgent(obsDim, action, { ...base, numActors: 3, surrogates: false });
    default:
      throw new Error(`unknown method ${JSON.stringify(method)}`);
  }
}

/** The C-R1 agent of `method` in the oracle or learned regime (also used for the landscape plots). */
export function multimodalAgent(
  method: string,
  env: MultimodalBanditEnv,
  seed: number,
  opts: { oracle: boolean; batchSize: number },
): SavoAgent {
  const base: SavoOptions = {
    hiddenSizes: NETS,
    batchSize: opts.batchSize,
    seed,
    ...(opts.oracle ? { valueOracle: rewardOracle(env) } : { gamma: 0, startSteps: 1000 }),
  };
  return agentFor(method, env.stateDim, new Array(env.actionDim).fill(1), base);
}

/** The C-R1 task of a seed. */
export function multimodalTask(input: Pick<SavoCellInput, "seed" | "bumps" | "globalWidth">, noise = 0) {
  return multimodalBandit({
    bumps: input.bumps ?? 6,
    seed: input.seed,
    noise,
    ...(input.globalWidth !== undefined ? { globalWidth: input.globalWidth } : {}),
  });
}

function runMultimodal(
  input: SavoCellInput,
  oracle: boolean,
  keep: { agent?: SavoAgent },
): Record<string, number> {
  const env = multimodalTask(input, oracle ? 0 : 0.05);
  let policy: { act(obs: Float64Array, o?: { explore?: boolean }): Float64Array };
  if (input.method === "CEM") {
    // population 64, 6 elites, 3 iterations on the true reward at every decision (no training)
    const cem = new CemActor();
    const rng = new Rng(input.seed + 7);
    const bound = new Array(env.actionDim).fill(1);
    policy = { act: (s) => cem.maximise((pop) => pop.map((a) => env.trueReward(s, a)), bound, rng) };
  } else {
    const agent = multimodalAgent(input.method, env, input.seed + 1, { oracle, batchSize: input.batchSize });
    if (oracle)
      trainOnOracle(agent, env, { steps: input.steps, batchSize: input.batchSize, seed: input.seed + 2 });
    else trainAgent({ env, agent, totalSteps: input.steps, seed: input.seed + 5 });
    policy = agent;
    keep.agent = agent;
  }
  const ev = evaluateMultimodal(policy, env, { testStates: 1000, seed: input.seed + 3 });
  return { value: ev.value, globalFraction: ev.globalFraction };
}

/**
 * Q-optimality on RecSim-lite (rl-agents's docs/savo.md, C-R2): mean over the states of `episodes` greedy
 * episodes of Q1(s, executed item) / max_i Q1(s, e_i), the maximum found exhaustively (one batched
 * forward over all N items); states whose best Q1 is not positive are skipped.
 */
function qOptimality(agent: SavoAgent<number>, env: RecsimLiteEnv, episodes: number): number {
  const spec = env.action;
  const N = spec.n;
  const d = spec.dim;
  const dO = env.observationSpace.shape[0] as number;
  const x = new Float32Array(N * (dO + d));
  for (let i = 0; i < N; i++) x.set(spec.embeddings.subarray(i * d, (i + 1) * d), i * (dO + d) + dO);
  let sum = 0;
  let count = 0;
  for (let e = 0; e < episodes; e++) {
    let obs = env.reset().obs;
    for (;;) {
      const item = agent.act(obs, { explore: false });
      for (let i = 0; i < N; i++) for (let j = 0; j < dO; j++) x[i * (dO + d) + j] = obs[j] as number;
      const q = agent.critic1.forward(x, N);
      let best = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < N; i++) best = Math.max(best, q[i] as number);
      if (best > 0) {
        sum += (q[item] as number) / best;
        count += 1;
      }
      const r = env.step(item);
      if (r.terminated || r.truncated) break;
      obs = r.obs;
    }
  }
  return count === 0 ? Number.NaN : sum / count;
}

function runRecsim(input: SavoCellInput): Record<string, number> {
  const items = input.items ?? 2000;
  const env = recsimLite({ items, seed: input.seed });
  const evalEnv = recsimLite({ items, seed: input.seed }); // same catalogue; its own user stream after reset
  const obsDim = env.observationSpace.shape[0] as number;
  // 1 000 uniform warm-up steps (our choice), TD3 defaults otherwise
  const base = { hiddenSizes: NETS, batchSize: input.batchSize, startSteps: 1000, seed: input.seed + 1 };
  let agent: SavoAgent<number>;
  if (input.method === "TD3 + 1-NN")
    agent = new SavoAgent<number>(obsDim, env.action, { ...base, numActors: 1, surrogates: false });
  else if (input.method === "Wolpertinger-1%")
    agent = createWolpertinger(obsDim, env.action, { ...base, knnFraction: 0.01 });
  else if (input.method === "Wolpertinger-5%")
    agent = createWolpertinger(obsDim, env.action, { ...base, knnFraction: 0.05 });
  else if (input.method === "Ensemble-3")
    agent = createEnsembleTd3<number>(obsDim, env.action, { ...base, numActors: 3 });
  else if (input.method === "SAVO-3")
    agent = new SavoAgent<number>(obsDim, env.action, { ...base, numActors: 3 });
  else throw new Error(`unknown C-R2 method ${JSON.stringify(input.method)}`);
  trainAgent({ env, agent, totalSteps: input.steps, seed: input.seed + 5 });
  evalEnv.reset({ seed: input.seed + 3 });
  const ret = evaluateAgent(evalEnv, agent, 20);
  return { return: ret, qOptimality: qOptimality(agent, evalEnv, 5) };
}

function runRestrictedPendulum(input: SavoCellInput): Record<string, number> {
  // three feasible intervals of width 0.3 (radius 0.15) in u ∈ [−1,1]; infeasible → zero force
  const make = (seed: number) =>
    restrictActions(createContinuousCartPole({ seed }), {
      balls: 3,
      radius: 0.15,
      infeasible: "zero",
      seed: input.seed,
    });
  const env = make(input.seed);
  const evalEnv = make(input.seed + 3);
  const agent = agentFor(input.method, 4, [1], {
    hiddenSizes: NETS,
    batchSize: input.batchSize,
    startSteps: 1000,
    seed: input.seed + 1,
  });
  trainAgent({ env, agent, totalSteps: input.steps, seed: input.seed + 5 });
  const ret = evaluateAgent(evalEnv, agent, 5);
  return { return: ret, balanced: ret >= 1000 ? 1 : 0 };
}

/** Runs one cell (the worker task of the full demo). */
export function runSavoCell(input: SavoCellInput): SavoCellOutput {
  return runSavoCellKeepingAgent(input).output;
}

/** {@link runSavoCell}, also returning the trained C-R1 agent (in-process runs keep it for the landscape plots). */
export function runSavoCellKeepingAgent(input: SavoCellInput): { output: SavoCellOutput; agent?: SavoAgent } {
  const t0 = Date.now();
  const keep: { agent?: SavoAgent } = {};
  let metrics: Record<string, number>;
  if (input.experiment === "c-r1-oracle") metrics = runMultimodal(input, true, keep);
  else if (input.experiment === "c-r1-learned") metrics = runMultimodal(input, false, keep);
  else if (input.experiment === "c-r2") metrics = runRecsim(input);
  else if (input.experiment === "c-r3") metrics = runRestrictedPendulum(input);
  else throw new Error(`unknown experiment ${JSON.stringify(input.experiment)}`);
  const output = { metrics, seconds: (Date.now() - t0) / 1000 };
  return keep.agent === undefined ? { output } : { output, agent: keep.agent };
}
