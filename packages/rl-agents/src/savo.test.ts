import { initBackend, Rng, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { embeddedActionSpec } from "./embedded-actions.js";
import { multimodalBandit } from "./multimodal-bandit.js";
import { evaluateMultimodal, rewardOracle, trainOnOracle } from "./oracle-regime.js";
import { trainAgent } from "./runner.js";
import { SavoAgent } from "./savo.js";
import { Td3Agent } from "./td3.js";

function randomTransition(rng: Rng, obsDim: number, actDim: number) {
  return {
    obs: rng.uniformArray(obsDim, -1, 1),
    action: rng.uniformArray(actDim, -1, 1),
    reward: rng.normal(),
    nextObs: rng.uniformArray(obsDim, -1, 1),
    terminated: rng.float() < 0.2,
    truncated: false,
  };
}

function fillReplay(agent: SavoAgent, n: number, seed: number, obsDim = 3, actDim = 2): void {
  const rng = new Rng(seed);
  for (let t = 0; t < n; t++) {
    const tr = randomTransition(rng, obsDim, actDim);
    agent.replay.add(tr.obs, tr.action, tr.reward, tr.nextObs, tr.terminated);
  }
}

const small = { hiddenSizes: [16, 16], batchSize: 8, startSteps: 0, summaryWidth: 8 } as const;

describe("SavoAgent (SAVO-TD3)", () => {
  it("with one actor and no surrogates performs TD3's updates bit for bit (same seed, same transitions)", () => {
    const opts = { hiddenSizes: [16, 16], batchSize: 16, startSteps: 20, seed: 7 };
    const td3 = new Td3Agent(3, [1, 2], opts);
    const savo = new SavoAgent(3, [1, 2], { ...opts, numActors: 1, surrogates: false });
    expect(Array.from(savo.actors[0]?.head.params ?? [])).toEqual(Array.from(td3.actor.params));
    const env = new Rng(3);
    let obs = env.uniformArray(3, -1, 1);
    for (let t = 0; t < 80; t++) {
      const a1 = td3.act(obs);
      const a2 = savo.act(obs);
      expect(Array.from(a2)).toEqual(Array.from(a1));
      const next = env.uniformArray(3, -1, 1);
      const tr = {
        obs,
        action: a1,
        reward: env.normal(),
        nextObs: next,
        terminated: t % 9 === 0,
        truncated: false,
      };
      td3.observe(tr);
      savo.observe(tr);
      obs = next;
    }
    expect(savo.gradientSteps).toBe(td3.gradientSteps);
    expect(Array.from(savo.actors[0]?.head.params ?? [])).toEqual(Array.from(td3.actor.params));
    expect(Array.from(savo.critic1.params)).toEqual(Array.from(td3.critic1.params));
    expect(Array.from(savo.critic2Target.params)).toEqual(Array.from(td3.critic2Target.params));
    expect(savo.lastUpdate.actorLoss).toBe(td3.lastUpdate.actorLoss);
  });

  it("the maximiser's Q-value is ≥ every proposal's (random states and networks, every conditioning)", () => {
    for (const conditioning of ["deepset", "lstm", "concat", "none"] as const) {
      for (let seed = 0; seed < 4; seed++) {
        const agent = new SavoAgent(3, [1, 1], { ...small, conditioning, seed });
        const rng = new Rng(100 + seed);
        for (let t = 0; t < 10; t++) {
          const obs = rng.uniformArray(3, -1, 1);
          const p = agent.proposals(obs);
          expect(p.actions.length).toBe(3);
          for (const q of p.q) expect(p.q[p.chosen] as number).toBeGreaterThanOrEqual(q);
          const a = agent.act(obs, { explore: false });
          const qa = agent.qValue(obs, a);
          for (let i = 0; i < 3; i++)
            expect(qa).toBeGreaterThanOrEqual(agent.qValue(obs, p.actions[i] as Float64Array));
        }
      }
    }
  });

  it("stop-gradient: training actor i leaves every other actor's parameters unchanged", () => {
    const agent = new SavoAgent(3, [1, 1], { ...small, seed: 5 });
    fillReplay(agent, 50, 1);
    const before = agent.actors.map((a) => a.networks.map((n) => Float32Array.from(n.params)));
    // one step of ν_1 alone: the other actors' optimizers take no step size
    agent.actors.forEach((_, i) => {
      if (i !== 1)
        for (const o of (agent as unknown as { actorOptimizers: { learningRate: number }[][] })
          .actorOptimizers[i] ?? [])
          o.learningRate = 1e-30;
    });
    const obs = Float32Array.from(new Rng(2).uniformArray(8 * 3, -1, 1));
    agent.updateActors(obs, 8);
    agent.actors.forEach((a, i) => {
      const changed = a.networks.some((n, j) =>
        n.params.some((v, l) => v !== (before[i]?.[j]?.[l] as number)),
      );
      expect(changed).toBe(i === 1);
    });
  });

  it("stop-gradient: actor 1's objective gradient does not depend on actor 0's parameters' gradient path", () => {
    // a_0 enters actor 1 as an input: its gradient is computed with actor 0 untouched (zero grads)
    const agent = new SavoAgent(3, [1, 1], { ...small, seed: 6 });
    const obs = Float32Array.from(new Rng(4).uniformArray(4 * 3, -1, 1));
    agent.actors[0]?.zeroGrad();
    agent.actorObjective(1, obs, 4);
    for (const n of agent.actors[0]?.networks ?? []) expect(n.grads.every((g) => g === 0)).toBe(true);
  });

  it("gradient of the surrogate objective mean Ψ̂_1(s, ν_1(s, a_0); a_0) w.r.t. ν_1's parameters matches central differences", () => {
    const agent = new SavoAgent(2, [1, 1], {
      hiddenSizes: [12],
      batchSize: 4,
      startSteps: 0,
      summaryWidth: 6,
      seed: 9,
    });
    const obs = Float32Array.from(new Rng(8).uniformArray(4 * 2, -1, 1));
    const { grads } = agent.actorObjective(1, obs, 4);
    const actor = agent.actors[1];
    if (!actor) throw new Error("actor 1 missing");
    const rng = new Rng(10);
    let checked = 0;
    actor.networks.forEach((net, b) => {
      for (let s = 0; s < 6; s++) {
        const idx = rng.int(0, net.params.length);
        const g = (grads[b] as Float32Array)[idx] as number;
        const old = net.params[idx] as number;
        const h = 1e-2;
        net.params[idx] = old + h;
        const up = agent.actorObjective(1, obs, 4).value;
        net.params[idx] = old - h;
        const down = agent.actorObjective(1, obs, 4).value;
        net.params[idx] = old;
        const fd = (up - down) / (2 * h);
        // float32 networks: agreement to ~1e-3 relative is what float32 central differences allow
        expect(Math.abs(fd - g)).toBeLessThanOrEqual(2e-3 * Math.max(1, Math.abs(g)) + 5e-4);
        checked += 1;
      }
    });
    expect(checked).toBe(18); // head, φ and ρ of the deep-set actor
  });

  it("'lstm' conditioning: gradient of actor 2's surrogate objective (two LSTM steps, backpropagation through time) matches central differences", () => {
    const agent = new SavoAgent(2, [1, 1], {
      hiddenSizes: [12],
      batchSize: 4,
      startSteps: 0,
      summaryWidth: 5,
      conditioning: "lstm",
      seed: 19,
    });
    const obs = Float32Array.from(new Rng(18).uniformArray(4 * 2, -1, 1));
    const { grads } = agent.actorObjective(2, obs, 4);
    const actor = agent.actors[2];
    if (!actor?.lstm) throw new Error("actor 2 has no LSTM");
    expect(actor.networks.length).toBe(2); // head and the LSTM's gates
    const rng = new Rng(20);
    let checked = 0;
    actor.networks.forEach((net, b) => {
      for (let s = 0; s < 8; s++) {
        const idx = rng.int(0, net.params.length);
        const g = (grads[b] as Float32Array)[idx] as number;
        const old = net.params[idx] as number;
        const h = 1e-2;
        net.params[idx] = old + h;
        const up = agent.actorObjective(2, obs, 4).value;
        net.params[idx] = old - h;
        const down = agent.actorObjective(2, obs, 4).value;
        net.params[idx] = old;
        const fd = (up - down) / (2 * h);
        expect(Math.abs(fd - g)).toBeLessThanOrEqual(2e-3 * Math.max(1, Math.abs(g)) + 5e-4);
        checked += 1;
      }
    });
    expect(checked).toBe(16);
    // the LSTM's gradient is not identically zero: the summary reaches the objective
    expect((grads[1] as Float32Array).some((g) => g !== 0)).toBe(true);
  });

  it("surrogateTarget is max(Q1(s,a), max_{j<i} Q1(s,a_j)) and surrogateValue(0) is Q1", () => {
    const agent = new SavoAgent(3, [1, 1], { ...small, seed: 11 });
    const rng = new Rng(12);
    for (let t = 0; t < 5; t++) {
      const obs = rng.uniformArray(3, -1, 1);
      const a = rng.uniformArray(2, -1, 1);
      const p = agent.proposals(obs);
      const expected = Math.max(agent.qValue(obs, a), p.q[0] as number, p.q[1] as number);
      expect(agent.surrogateTarget(2, obs, a)).toBeCloseTo(expected, 6);
      expect(agent.surrogateValue(0, obs, a)).toBe(agent.qValue(obs, a));
      expect(Number.isFinite(agent.surrogateValue(2, obs, a))).toBe(true);
    }
  });

  it("fitting Ψ̂_1 lowers its error to the truncated target on a fixed batch", () => {
    const agent = new SavoAgent(3, [1, 1], { ...small, numActors: 2, seed: 13, surrogateLearningRate: 3e-3 });
    fillReplay(agent, 40, 2);
    const obs = Float32Array.from(new Rng(3).uniformArray(8 * 3, -1, 1));
    const first = agent.updateActors(obs, 8).surrogateLosses[0] as number;
    let last = first;
    for (let t = 0; t < 200; t++) last = agent.updateActors(obs, 8).surrogateLosses[0] as number;
    expect(last).toBeLessThan(first / 2);
  });

  it("unimodal oracle task (one bump): TD3 (one actor) and SAVO-3 both reach V > 0.99", () => {
    const env = multimodalBandit({ bumps: 1, globalWidth: 0.5, seed: 1 });
    for (const numActors of [1, 3]) {
      const agent = new SavoAgent(2, [1, 1], {
        hiddenSizes: [32, 32],
        numActors,
        surrogates: numActors > 1,
        actorLearningRate: 3e-3,
        surrogateLearningRate: 3e-3,
        valueOracle: rewardOracle(env),
        summaryWidth: 16,
        seed: 2,
      });
      trainOnOracle(agent, env, { steps: 600, batchSize: 64, seed: 3 });
      const { value } = evaluateMultimodal(agent, env, { testStates: 300 });
      expect(value).toBeGreaterThan(0.99);
    }
  }, 120_000);

  it("successors stay out of tanh saturation and are selected on the trap task with the successor penalty; without it ν_2 sticks at the bounds", () => {
    // regression: with successorPenalty 0 a successor ascending the flat plateau of Ψ̂_i drifts to the
    // action bounds, tanh saturates, its gradient vanishes and the argmax keeps picking actor 0
    const run = (successorPenalty: number) => {
      const env = multimodalBandit({ bumps: 6, seed: 0 });
      const agent = new SavoAgent(2, [1, 1], {
        hiddenSizes: [32, 32],
        batchSize: 32,
        summaryWidth: 16,
        numActors: 3,
        valueOracle: rewardOracle(env),
        successorPenalty,
        seed: 1,
      });
      trainOnOracle(agent, env, { steps: 300, batchSize: 32, seed: 2 });
      const rng = new Rng(3);
      const chosen = [0, 0, 0];
      let maxAbs2 = 0;
      let same = 0;
      for (let t = 0; t < 200; t++) {
        const p = agent.proposals(rng.uniformArray(2, -1, 1));
        chosen[p.chosen] = (chosen[p.chosen] as number) + 1;
        const [a0, a1, a2] = p.actions as [Float64Array, Float64Array, Float64Array];
        maxAbs2 = Math.max(maxAbs2, Math.abs(a2[0] as number), Math.abs(a2[1] as number));
        if (Math.hypot((a1[0] as number) - (a0[0] as number), (a1[1] as number) - (a0[1] as number)) < 1e-3)
          same += 1;
        if (Math.hypot((a2[0] as number) - (a0[0] as number), (a2[1] as number) - (a0[1] as number)) < 1e-3)
          same += 1;
      }
      return { chosen, maxAbs2, same };
    };
    const fixed = run(1e-2);
    expect(fixed.same).toBe(0);
    expect(fixed.maxAbs2).toBeLessThan(0.98);
    // each successor executes on at least 10 % of the test states
    expect(fixed.chosen[1] as number).toBeGreaterThanOrEqual(20);
    expect(fixed.chosen[2] as number).toBeGreaterThanOrEqual(20);
    const old = run(0);
    expect(old.maxAbs2).toBeGreaterThan(0.98);
    expect(old.chosen[2] as number).toBeLessThan(20);
  }, 180_000);

  it("discrete items: acts with item indices, stores embeddings and learns without error", () => {
    const rng = new Rng(1);
    const spec = embeddedActionSpec(Float32Array.from(rng.uniformArray(30 * 2, -1, 1)), 2);
    const agent = new SavoAgent<number>(3, spec, { ...small, startSteps: 10, seed: 2 });
    for (let t = 0; t < 40; t++) {
      const obs = rng.uniformArray(3, -1, 1);
      const a = agent.act(obs);
      expect(Number.isInteger(a) && a >= 0 && a < 30).toBe(true);
      agent.observe({
        obs,
        action: a,
        reward: rng.normal(),
        nextObs: obs,
        terminated: true,
        truncated: false,
      });
    }
    const p = agent.proposals(Float64Array.of(0, 0, 0));
    expect(p.items?.length).toBe(3);
    p.items?.forEach((item, i) => {
      expect(Array.from(p.actions[i] as Float64Array)).toEqual(
        Array.from(spec.embeddings.subarray(item * 2, item * 2 + 2)),
      );
    });
    expect(Number.isFinite(agent.lastUpdate.criticLoss)).toBe(true);
  });

  it("rejects k < 1, a wrong action dimension, an empty item set and a bad conditioning, naming the parameter", () => {
    expect(() => new SavoAgent(3, [1], { numActors: 0 })).toThrow(/numActors/);
    expect(() => new SavoAgent(3, [])).toThrow(/action/);
    expect(
      () => new SavoAgent(3, { kind: "embedded", embeddings: new Float32Array(0), n: 0, dim: 2 }),
    ).toThrow(/action\.n/);
    expect(() => new SavoAgent(3, [1], { conditioning: "gru" as "none" })).toThrow(/conditioning/);
    const agent = new SavoAgent(3, [1, 1], small);
    expect(() => agent.surrogateValue(0, [0, 0, 0], [0])).toThrow(/action/);
    expect(() => agent.surrogateValue(3, [0, 0, 0], [0, 0])).toThrow(/\bi\b/);
    expect(() => agent.proposals([0, 0])).toThrow(/obs/);
    expect(() =>
      agent.observe({
        obs: Float64Array.of(0, 0, 0),
        action: Float64Array.of(0),
        reward: 0,
        nextObs: Float64Array.of(0, 0, 0),
        terminated: false,
        truncated: false,
      }),
    ).toThrow(/action/);
  });

  it("trains end to end through the runner on the noisy multimodal task (learned-critic regime)", () => {
    const env = multimodalBandit({ noise: 0.05, seed: 3 });
    const agent = new SavoAgent(2, [1, 1], { ...small, startSteps: 50, batchSize: 16, seed: 4 });
    trainAgent({ env, agent, totalSteps: 150 });
    expect(agent.gradientSteps).toBe(100);
    expect(agent.lastUpdate.surrogateLosses.length).toBe(2);
  });
});

describe("SavoAgent tfjs memory (house rule)", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("updates on the tfjs backend leave tf.memory().numTensors unchanged", () => {
    const agent = new SavoAgent(3, [1, 1], { ...small, backend: "tfjs", seed: 1 });
    fillReplay(agent, 30, 5);
    agent.update();
    agent.update();
    const before = tf.memory().numTensors;
    for (let t = 0; t < 4; t++) {
      agent.update();
      agent.proposals(Float64Array.of(0.1, 0.2, 0.3));
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("LstmSummariser", () => {
  it("rejects a non-positive action dimension, width or number of steps, naming the parameter", async () => {
    const { LstmSummariser } = await import("./lstm-summariser.js");
    const rng = new Rng(1);
    expect(() => new LstmSummariser({ actionDim: 0, width: 4, steps: 1, init: "torch", rng })).toThrow(
      /actionDim/,
    );
    expect(() => new LstmSummariser({ actionDim: 2, width: 0, steps: 1, init: "torch", rng })).toThrow(
      /width/,
    );
    expect(() => new LstmSummariser({ actionDim: 2, width: 4, steps: 0, init: "torch", rng })).toThrow(
      /steps/,
    );
  });

  it("the summary depends on the order of the earlier actions (unlike the deep set)", async () => {
    const { LstmSummariser } = await import("./lstm-summariser.js");
    const lstm = new LstmSummariser({ actionDim: 2, width: 4, steps: 2, init: "torch", rng: new Rng(2) });
    const ab = Array.from(lstm.forward([0.3, -0.5, -0.7, 0.2], 1));
    const ba = Array.from(lstm.forward([-0.7, 0.2, 0.3, -0.5], 1));
    expect(ab).not.toEqual(ba);
  });
});
