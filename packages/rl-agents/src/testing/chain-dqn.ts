/**
 * Test-only: the DQN setting that learns Q* of the 2-state chain (oracle B.f-8, {@link ChainEnv}) in a
 * few seconds — a small net, a short warm-up, one update per step and a high ε so both states are
 * visited. Not exported, not published.
 */
import { DqnAgent, type DqnOptions } from "../dqn.js";
import { trainAgent } from "../runner.js";
import { ChainEnv } from "./chain-env.js";

/** Trains a DQN on the chain for 6000 steps; `opts` adds to or overrides the chain setting. */
export function trainDqnOnChain(opts: DqnOptions): DqnAgent {
  const agent = new DqnAgent(2, 2, {
    hiddenSizes: [16],
    gamma: 0.9,
    minReplay: 100,
    updatePeriod: 1,
    targetUpdatePeriod: 50,
    batchSize: 32,
    epsilonTrain: 0.5,
    learningRate: 3e-3,
    ...opts,
  });
  trainAgent({ env: new ChainEnv(), agent, totalSteps: 6000 });
  return agent;
}
