/**
 * The page's experiment (rl-agents's docs/savo.md, C-R1 (a), at a small scale): the multimodal one-step task
 * whose reward has broad trap bumps and one narrow global bump; SAVO's successive actors and TD3's single actor
 * ascend the true reward (the oracle critic), so what differs is only how the actors search. The landscape
 * Q(s, ·) = r(s, ·) is drawn at one fixed state with every actor's proposal on it.
 */
import {
  evaluateMultimodal,
  type MultimodalBanditEnv,
  multimodalBandit,
  rewardOracle,
  SavoAgent,
  trainOnOracle,
} from "@descent/rl-agents";
import type { EvaluationMessage, LandscapeMessage, ProposalMessage, SavoConfig } from "./config.js";

/** The shown state: fixed, so that the landscape does not move between snapshots. */
const SHOWN_STATE = [0.3, -0.5];

export function buildTask(config: SavoConfig): MultimodalBanditEnv {
  return multimodalBandit({ actionDim: config.actionDim, seed: config.seed });
}

export function landscape(config: SavoConfig, env: MultimodalBanditEnv): LandscapeMessage {
  const cells: LandscapeMessage["cells"] = [];
  const n = config.grid;
  const at = (i: number) => -1 + (2 * i) / (n - 1);
  if (env.actionDim === 1)
    for (let i = 0; i < n; i++) cells.push({ a1: at(i), a2: 0, q: env.trueReward(SHOWN_STATE, [at(i)]) });
  else
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        cells.push({ a1: at(i), a2: at(j), q: env.trueReward(SHOWN_STATE, [at(i), at(j)]) });
  return {
    kind: "landscape",
    state: SHOWN_STATE,
    cells,
    globalCentre: [...env.bumpCentre(SHOWN_STATE, env.bumps - 1)],
  };
}

/** The agents of the page: SAVO with k actors, and TD3 (SAVO's code with one actor). */
export function buildAgents(
  config: SavoConfig,
  env: MultimodalBanditEnv,
): { label: string; agent: SavoAgent }[] {
  const make = (numActors: number) =>
    new SavoAgent(env.stateDim, new Array(env.actionDim).fill(1), {
      hiddenSizes: config.hiddenSizes,
      numActors,
      valueOracle: rewardOracle(env),
      backend: "ts",
      seed: config.seed,
    });
  return [
    { label: `SAVO-${config.numActors}`, agent: make(config.numActors) },
    { label: "TD3 (one actor)", agent: make(1) },
  ];
}

export function proposalsOf(label: string, agent: SavoAgent, step: number): ProposalMessage {
  const p = agent.proposals(SHOWN_STATE);
  return {
    kind: "proposals",
    step,
    agent: label,
    proposals: p.actions.map((a, actor) => ({
      actor,
      a1: a[0] as number,
      a2: (a[1] ?? 0) as number,
      q: p.q[actor] as number,
      chosen: actor === p.chosen,
    })),
  };
}

/** Trains `agent` for `config.steps` oracle updates, calling `onSnapshot` at step 0 and every `snapshotEvery`. */
export function* trainInChunks(
  config: SavoConfig,
  env: MultimodalBanditEnv,
  agent: SavoAgent,
): Generator<number> {
  yield 0;
  for (let done = 0; done < config.steps; ) {
    const chunk = Math.min(config.snapshotEvery, config.steps - done);
    // one state stream per chunk, seeded by the run's seed and the chunk's position
    trainOnOracle(agent, env, {
      steps: chunk,
      batchSize: config.batchSize,
      seed: config.seed * 100_003 + done,
    });
    done += chunk;
    yield done;
  }
}

export function evaluation(
  config: SavoConfig,
  label: string,
  agent: SavoAgent,
  env: MultimodalBanditEnv,
): EvaluationMessage {
  const e = evaluateMultimodal(agent, env, { testStates: config.testStates });
  return { kind: "evaluation", agent: label, value: e.value, globalFraction: e.globalFraction };
}
