import { describe, expect, it } from "vitest";
import { boxSpace, type Env, type StepResult } from "./env.js";
import { trainAgent } from "./runner.js";
import { Td3Agent } from "./td3.js";

/** One-step task: obs s ∈ {−1, 1}, reward −(a − 0.5·s)², episode ends at once (γ irrelevant). */
class OneStepEnv implements Env<Float64Array, Float64Array> {
  readonly observationSpace = boxSpace([-1], [1]);
  readonly actionSpace = boxSpace([-1], [1]);
  private s = 1;
  private k = 0;
  reset(): { obs: Float64Array } {
    this.k += 1;
    this.s = this.k % 2 === 0 ? 1 : -1;
    return { obs: Float64Array.of(this.s) };
  }
  step(a: Float64Array): StepResult {
    const d = (a[0] as number) - 0.5 * this.s;
    return { obs: Float64Array.of(this.s), reward: -d * d, terminated: true, truncated: false };
  }
}

describe("Td3Agent (docs/method.md §A.8)", () => {
  it("learns the optimal action of a one-step continuous task (a* = 0.5·s)", () => {
    const agent = new Td3Agent(1, [1], {
      hiddenSizes: [32, 32],
      startSteps: 200,
      batchSize: 32,
      actorLearningRate: 1e-3,
      criticLearningRate: 1e-3,
      seed: 1,
    });
    trainAgent({ env: new OneStepEnv(), agent, totalSteps: 2500 });
    expect(Math.abs((agent.policy([1])[0] as number) - 0.5)).toBeLessThan(0.1);
    expect(Math.abs((agent.policy([-1])[0] as number) + 0.5)).toBeLessThan(0.1);
    expect(Math.abs(agent.qValue([1], [0.5]))).toBeLessThan(0.05);
  });

  it("acts uniformly within the bounds before startSteps and stays within them after", () => {
    const agent = new Td3Agent(1, [2], { hiddenSizes: [8], startSteps: 10, batchSize: 4, seed: 2 });
    for (let t = 0; t < 30; t++) {
      const a = agent.act(Float64Array.of(0.3));
      expect(Math.abs(a[0] as number)).toBeLessThanOrEqual(2);
      agent.observe({
        obs: Float64Array.of(0.3),
        action: a,
        reward: 0,
        nextObs: Float64Array.of(0.3),
        terminated: false,
        truncated: false,
      });
    }
    expect(agent.gradientSteps).toBe(20);
  });

  it("updates the actor and targets only every policyDelay critic updates", () => {
    const agent = new Td3Agent(1, [1], { hiddenSizes: [8], startSteps: 0, batchSize: 4, seed: 3 });
    const actor0 = Float32Array.from(agent.actor.params);
    agent.observe({
      obs: Float64Array.of(1),
      action: Float64Array.of(0.1),
      reward: 1,
      nextObs: Float64Array.of(1),
      terminated: true,
      truncated: false,
    });
    expect(Array.from(agent.actor.params)).toEqual(Array.from(actor0));
    agent.observe({
      obs: Float64Array.of(1),
      action: Float64Array.of(0.1),
      reward: 1,
      nextObs: Float64Array.of(1),
      terminated: true,
      truncated: false,
    });
    expect(Array.from(agent.actor.params)).not.toEqual(Array.from(actor0));
  });

  it("same seed → same parameters after training", () => {
    const run = () => {
      const agent = new Td3Agent(1, [1], { hiddenSizes: [8], startSteps: 20, batchSize: 8, seed: 4 });
      trainAgent({ env: new OneStepEnv(), agent, totalSteps: 100 });
      return Array.from(agent.actor.params);
    };
    expect(run()).toEqual(run());
  });

  it("rejects invalid options", () => {
    expect(() => new Td3Agent(0, [1])).toThrow(/obsDim/);
    expect(() => new Td3Agent(1, [])).toThrow(/maxAction/);
    expect(() => new Td3Agent(1, [0])).toThrow(/maxAction/);
    expect(() => new Td3Agent(1, [1], { tau: 0 })).toThrow(/tau/);
    expect(() => new Td3Agent(1, [1], { policyDelay: 0 })).toThrow(/policyDelay/);
    expect(() => new Td3Agent(1, [1], { actorLearningRate: 0 })).toThrow(/actorLearningRate/);
    expect(() => new Td3Agent(1, [1], { hiddenSizes: [] })).toThrow(/hiddenSizes/);
  });
});
