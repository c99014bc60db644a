import { describe, expect, it } from "vitest";
import { createCartPole } from "./cartpole.js";
import { CARTPOLE_DOPAMINE_INPUT_BOUNDS, DqnAgent } from "./dqn.js";
import { trainAgent } from "./runner.js";
import { trainDqnOnChain } from "./testing/chain-dqn.js";

describe("DqnAgent (docs/method.md §A.6)", () => {
  it("B.f-8: learns Q* of a 2-state chain within 1e-2", () => {
    const agent = trainDqnOnChain({ seed: 1 });
    const q0 = agent.qValues([1, 0]);
    const q1 = agent.qValues([0, 1]);
    expect(Math.abs((q0[0] as number) - 0.5)).toBeLessThan(1e-2);
    expect(Math.abs((q0[1] as number) - 0.9)).toBeLessThan(1e-2);
    expect(Math.abs((q1[0] as number) - 0.81)).toBeLessThan(1e-2);
    expect(Math.abs((q1[1] as number) - 1)).toBeLessThan(1e-2);
  });

  it("Double-DQN variant learns the same Q*", () => {
    const agent = trainDqnOnChain({ doubleDqn: true, seed: 2 });
    expect(Math.abs((agent.qValues([1, 0])[1] as number) - 0.9)).toBeLessThan(2e-2);
  });

  it("Dopamine's linearly decaying ε: 1 during warm-up, ε_train after the decay", () => {
    const agent = new DqnAgent(4, 2, {
      hiddenSizes: [8],
      minReplay: 100,
      epsilonDecaySteps: 200,
      epsilonTrain: 0.02,
    });
    expect(agent.epsilon()).toBe(1);
    const env = createCartPole({ seed: 1 });
    trainAgent({ env, agent, totalSteps: 200 });
    expect(agent.epsilon()).toBeCloseTo(0.02 + 0.98 * 0.5, 12);
    trainAgent({ env, agent, totalSteps: 200 });
    expect(agent.epsilon()).toBe(0.02);
    expect(new DqnAgent(4, 2, { hiddenSizes: [8] }).epsilon()).toBe(0.01);
  });

  it("same seed → same learning curve (bit for bit)", () => {
    const run = () => {
      const agent = new DqnAgent(4, 2, {
        hiddenSizes: [16, 16],
        minReplay: 100,
        batchSize: 16,
        updatePeriod: 1,
        seed: 3,
      });
      const res = trainAgent({ env: createCartPole({ seed: 3 }), agent, totalSteps: 1500, seed: 3 });
      return [res.episodes.map((e) => e.return), Array.from(agent.online.params.subarray(0, 20))];
    };
    expect(run()).toEqual(run());
  });

  it("rejects invalid options", () => {
    expect(() => new DqnAgent(0, 2)).toThrow(/obsDim/);
    expect(() => new DqnAgent(4, 0)).toThrow(/numActions/);
    expect(() => new DqnAgent(4, 2, { gamma: 1.5 })).toThrow(/gamma/);
    expect(() => new DqnAgent(4, 2, { learningRate: -1 })).toThrow(/learningRate/);
    expect(() => new DqnAgent(4, 2, { batchSize: 0 })).toThrow(/batchSize/);
    expect(() => new DqnAgent(4, 2, { updatePeriod: 0 })).toThrow(/updatePeriod/);
    expect(() => new DqnAgent(4, 2, { targetUpdatePeriod: 1.5 })).toThrow(/targetUpdatePeriod/);
    expect(() => new DqnAgent(4, 2, { epsilonTrain: 2 })).toThrow(/epsilonTrain/);
    expect(() => new DqnAgent(4, 2, { hiddenSizes: [] })).toThrow(/hiddenSizes/);
    expect(() => new DqnAgent(4, 2, { huberDelta: 0 })).toThrow(/huberDelta/);
    expect(() => new DqnAgent(4, 2, { optimizer: "lbfgs" as "adam" })).toThrow(/optimizer/);
    expect(() => new DqnAgent(4, 2, { inputBounds: { low: [0, 0], high: [1, 1] } })).toThrow(/obsDim = 4/);
    const nanLow = { low: [0, 0, Number.NaN, 0], high: [1, 1, 1, 1] };
    expect(() => new DqnAgent(4, 2, { inputBounds: nanLow })).toThrow(/inputBounds.low/);
    const flat = { low: [0, 0, 1, 0], high: [1, 1, 1, 1] };
    expect(() => new DqnAgent(4, 2, { inputBounds: flat })).toThrow(/inputBounds.high\[2\]/);
  });

  it("inputBounds scales inputs to [−1, 1]: Q equals the unscaled agent's at 2·(x − low)/(high − low) − 1", () => {
    // same seed → same initial weights, so the only difference is the input transform (Dopamine CartPole, docs/method.md §A.6)
    const b = CARTPOLE_DOPAMINE_INPUT_BOUNDS;
    const scaled = new DqnAgent(4, 2, { hiddenSizes: [8], seed: 3, inputBounds: b });
    const raw = new DqnAgent(4, 2, { hiddenSizes: [8], seed: 3 });
    const x = [0.3, -1, 0.1, 2];
    const z = x.map(
      (v, i) => (2 * (v - (b.low[i] as number))) / ((b.high[i] as number) - (b.low[i] as number)) - 1,
    );
    const qs = scaled.qValues(Float64Array.from(x));
    const qr = raw.qValues(Float64Array.from(z));
    for (let a = 0; a < 2; a++) expect(qs[a]).toBeCloseTo(qr[a] as number, 6);
    // bounds map to the corners: low → −1, high → +1
    const ql = scaled.qValues(Float64Array.from(b.low));
    const qm = raw.qValues(Float64Array.of(-1, -1, -1, -1));
    for (let a = 0; a < 2; a++) expect(ql[a]).toBeCloseTo(qm[a] as number, 6);
  });
});
