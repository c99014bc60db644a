/**
 * The page's experiment (rl-agents's docs/method.md §B.e, quick scale): DQN (4-64-64-2, Adam, the package's
 * CartPole settings) learns CartPole-v1 while LRRL's time-decayed Exp3 bandit picks its learning rate every
 * κ environment steps from the arm set.
 */
import {
  createCartPole,
  DqnAgent,
  type DqnOptions,
  type Env,
  type StepResult,
  trainAgent,
  withLrrl,
} from "@descent/rl-agents";
import type { EpisodeMessage, LrrlConfig, PoleMessage, RoundMessage } from "./config.js";

/** The DQN settings of the package's CartPole reproduction (rl-agents's docs/method.md §B.e). */
const DQN_SETTINGS: DqnOptions = {
  hiddenSizes: [64, 64],
  gamma: 0.99,
  batchSize: 64,
  replayCapacity: 50_000,
  minReplay: 500,
  updatePeriod: 2,
  targetUpdatePeriod: 200,
  epsilonTrain: 0.02,
  epsilonDecaySteps: 5000,
  optimizer: "adam",
  optimizerEpsilon: 3.125e-4,
};

/** Passes the environment through unchanged and shows every `every`-th state to `onState` (for drawing). */
function watched(
  env: Env<Float64Array, number>,
  every: number,
  onState: (step: number, s: Float64Array) => void,
) {
  let step = 0;
  const wrapper: Env<Float64Array, number> & { readonly steps: number } = {
    get steps() {
      return step;
    },
    observationSpace: env.observationSpace,
    actionSpace: env.actionSpace,
    reset: (opts) => env.reset(opts),
    step(action: number): StepResult<Float64Array> {
      const result = env.step(action);
      step++;
      if (step % every === 0) onState(step, result.obs);
      return result;
    },
  };
  return wrapper;
}

export function trainWithLrrl(
  config: LrrlConfig,
  report: (m: EpisodeMessage | RoundMessage | PoleMessage) => void,
): void {
  const base = new DqnAgent(4, 2, {
    ...DQN_SETTINGS,
    learningRate: config.arms[0] as number,
    seed: config.seed,
  });
  // the bandit's seed offset follows the package's reproduction
  const agent = withLrrl(base, {
    arms: config.arms,
    roundSteps: config.roundSteps,
    seed: config.seed + 7919,
  });
  const env = watched(createCartPole({ seed: config.seed }), 5, (step, s) =>
    report({ kind: "pole", step, state: Array.from(s) }),
  );
  agent.onRound((r) =>
    report({
      kind: "round",
      round: r.round,
      step: env.steps,
      lr: r.lr,
      feedback: r.feedback,
      probs: r.probs,
    }),
  );
  trainAgent({
    env,
    agent,
    totalSteps: config.totalSteps,
    seed: config.seed,
    onEpisode: (e) => report({ kind: "episode", step: e.step, return: e.return }),
  });
}
