import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { boxSpace, discreteSpace, type Env, type StepResult } from "./env.js";
import { IqnAgent } from "./iqn.js";
import { trainAgent } from "./runner.js";
import { ChainEnv } from "./testing/chain-env.js";

/** One state, one action, reward U{0, 1}: the quantiles of the return distribution are 0 below τ = ½ and 1 above. */
class CoinEnv implements Env<Float64Array, number> {
  readonly observationSpace = boxSpace([1], [1]);
  readonly actionSpace = discreteSpace(1);
  private readonly rng = new Rng(8);
  reset(): { obs: Float64Array } {
    return { obs: Float64Array.of(1) };
  }
  step(): StepResult {
    return {
      obs: Float64Array.of(1),
      reward: this.rng.bernoulli(0.5) ? 1 : 0,
      terminated: true,
      truncated: false,
    };
  }
}

const small = {
  hiddenSizes: [32],
  quantileEmbeddingSize: 16,
  numTauSamples: 8,
  numTauPrimeSamples: 8,
  numQuantileSamples: 8,
  minReplay: 100,
  updatePeriod: 1,
  targetUpdatePeriod: 50,
  batchSize: 16,
  learningRate: 3e-3,
};

describe("IqnAgent (docs/method.md §A.7)", () => {
  it("learns the quantiles of a fair-coin return (Z_0.1 ≈ 0, Z_0.9 ≈ 1)", () => {
    const agent = new IqnAgent(1, 1, { ...small, updateHorizon: 1, seed: 1 });
    trainAgent({ env: new CoinEnv(), agent, totalSteps: 2000 });
    const z = agent.quantiles([1], [0.1, 0.9]);
    expect(Math.abs(z[0] as number)).toBeLessThan(0.15);
    expect(Math.abs((z[1] as number) - 1)).toBeLessThan(0.15);
  });

  it("its mean quantile learns Q* of the 2-state chain (within 0.05) with 1-step targets", () => {
    // n-step targets would estimate the ε = 0.5 behaviour policy's values, not Q*
    const agent = new IqnAgent(2, 2, { ...small, gamma: 0.9, epsilonTrain: 0.5, updateHorizon: 1, seed: 2 });
    trainAgent({ env: new ChainEnv(), agent, totalSteps: 2500 });
    const taus = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);
    const mean = (obs: number[], a: number) => {
      const z = agent.quantiles(obs, taus);
      let s = 0;
      for (let k = 0; k < taus.length; k++) s += z[k * 2 + a] as number;
      return s / taus.length;
    };
    expect(Math.abs(mean([1, 0], 1) - 0.9)).toBeLessThan(0.05);
    expect(Math.abs(mean([0, 1], 1) - 1)).toBeLessThan(0.05);
    expect(Math.abs(mean([1, 0], 0) - 0.5)).toBeLessThan(0.05);
  });

  it("rejects invalid options", () => {
    expect(() => new IqnAgent(0, 2)).toThrow(/obsDim/);
    expect(() => new IqnAgent(2, 2, { kappa: 0 })).toThrow(/kappa/);
    expect(() => new IqnAgent(2, 2, { updateHorizon: 0 })).toThrow(/updateHorizon/);
    expect(() => new IqnAgent(2, 2, { numTauSamples: 0 })).toThrow(/numTauSamples/);
    expect(() => new IqnAgent(2, 2, { hiddenSizes: [] })).toThrow(/hiddenSizes/);
    expect(() => new IqnAgent(2, 2, { replayCapacity: 0 })).toThrow(/replayCapacity/);
    expect(() => new IqnAgent(2, 2, { epsilonTrain: 1.5 })).toThrow(/epsilonTrain/);
  });
});
