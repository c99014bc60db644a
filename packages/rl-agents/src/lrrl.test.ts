import { describe, expect, it } from "vitest";
import { createCartPole } from "./cartpole.js";
import { DqnAgent, type DqnOptions } from "./dqn.js";
import { withLrrl } from "./lrrl.js";
import { trainAgent } from "./runner.js";

const small: DqnOptions = { hiddenSizes: [16, 16], minReplay: 100, batchSize: 16, updatePeriod: 2, seed: 4 };

describe("withLrrl (docs/method.md §B.c, B.g)", () => {
  it("B.f-5: one arm reproduces the fixed-rate run bit for bit", () => {
    const fixed = new DqnAgent(4, 2, { ...small, learningRate: 3e-3 });
    const a = trainAgent({ env: createCartPole({ seed: 1 }), agent: fixed, totalSteps: 1500, seed: 1 });
    const wrapped = withLrrl(new DqnAgent(4, 2, { ...small, learningRate: 1e-5 }), {
      arms: [3e-3],
      roundSteps: 200,
    });
    const b = trainAgent({ env: createCartPole({ seed: 1 }), agent: wrapped, totalSteps: 1500, seed: 1 });
    expect(b.episodes).toEqual(a.episodes);
    expect(Array.from((wrapped as DqnAgent).online.params)).toEqual(Array.from(fixed.online.params));
  });

  it("sets the sampled arm's rate on the optimizer each round and reports rounds", () => {
    const agent = withLrrl(new DqnAgent(4, 2, small), { arms: [1e-4, 1e-3, 1e-2], roundSteps: 100, seed: 2 });
    const rounds: { arm: number; lr: number; feedback: number; probs: number[] }[] = [];
    const lrsSeen: number[] = [];
    agent.onRound((r) => {
      rounds.push(r);
    });
    const env = createCartPole({ seed: 2 });
    trainAgent({
      env,
      agent,
      totalSteps: 1000,
      onEpisode: () => lrsSeen.push(agent.optimizers[0]?.learningRate as number),
    });
    expect(rounds).toHaveLength(10);
    for (const r of rounds) {
      expect(r.lr).toBe([1e-4, 1e-3, 1e-2][r.arm]);
      expect(r.probs.reduce((a, c) => a + c, 0)).toBeCloseTo(1, 12);
    }
    for (const lr of lrsSeen) expect([1e-4, 1e-3, 1e-2]).toContain(lr);
    // CartPole returns vary between rounds, so the weights leave zero and p leaves uniform
    expect(Math.max(...agent.bandit.probabilities) - 1 / 3).toBeGreaterThan(1e-3);
    expect(agent.bandit.state().round).toBe(10);
  });

  it("'windowRewardMean' feeds the round's mean reward; 'evalReturn' calls evaluate()", () => {
    const a = withLrrl(new DqnAgent(4, 2, small), {
      arms: [1e-3, 2e-3],
      roundSteps: 50,
      feedback: "windowRewardMean",
    });
    trainAgent({ env: createCartPole({ seed: 1 }), agent: a, totalSteps: 100 });
    expect(a.bandit.state().history).toEqual([1, 1]);
    let calls = 0;
    const b = withLrrl(new DqnAgent(4, 2, small), {
      arms: [1e-3, 2e-3],
      roundSteps: 50,
      feedback: "evalReturn",
      evaluate: () => {
        calls += 1;
        return calls;
      },
    });
    trainAgent({ env: createCartPole({ seed: 1 }), agent: b, totalSteps: 150 });
    expect(b.bandit.state().history).toEqual([1, 2, 3]);
  });

  it("'episodeReturn' reuses the previous feedback when no episode finished in a round", () => {
    const a = withLrrl(new DqnAgent(4, 2, small), { arms: [1e-3], roundSteps: 3 });
    trainAgent({ env: createCartPole({ seed: 1, maxSteps: 500 }), agent: a, totalSteps: 6 });
    // no CartPole episode ends within 6 steps from a near-upright start: f = 0 twice
    expect(a.bandit.state().history).toEqual([0, 0]);
  });

  it("the wrapper still looks like the agent (prototype members are the agent's)", () => {
    const inner = new DqnAgent(4, 2, small);
    const wrapped = withLrrl(inner, { arms: [1e-3] });
    expect(wrapped).toBeInstanceOf(DqnAgent);
    expect(wrapped.constructor).toBe(DqnAgent);
    expect(wrapped.numActions).toBe(2);
  });

  it("rejects bad options", () => {
    const agent = new DqnAgent(4, 2, small);
    expect(() => withLrrl(agent, { arms: [] })).toThrow(/arms/);
    expect(() => withLrrl(agent, { arms: [1e-3], roundSteps: 0 })).toThrow(/roundSteps/);
    expect(() => withLrrl(agent, { arms: [1e-3], feedback: "loss" as "evalReturn" })).toThrow(/feedback/);
    expect(() => withLrrl(agent, { arms: [1e-3], feedback: "evalReturn" })).toThrow(/evaluate/);
    expect(() => withLrrl(agent, { arms: [-1] })).toThrow(/arms\[0\]/);
    expect(() => withLrrl(agent, { arms: [1e-3, 0] })).toThrow(/arms\[1\]/);
  });
});
