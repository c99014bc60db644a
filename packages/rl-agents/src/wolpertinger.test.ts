import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { embeddedActionSpec, nearestNeighbors } from "./embedded-actions.js";
import { recsimLite } from "./recsim-lite.js";
import { trainAgent } from "./runner.js";
import type { ActionValueOracle } from "./savo.js";
import { createWolpertinger, wolpertingerNeighbours } from "./wolpertinger.js";

// a known value with many local optima over the items: Q(s, e) = sin(3⟨s, e⟩) + e₀
const oracle: ActionValueOracle = {
  value: (s, a) =>
    Math.sin(3 * ((s[0] as number) * (a[0] as number) + (s[1] as number) * (a[1] as number))) +
    (a[0] as number),
  gradient: () => {
    throw new Error("not used: no actor step in this test");
  },
};

function items(n: number, seed: number) {
  return embeddedActionSpec(Float32Array.from(new Rng(seed).uniformArray(n * 2, -1, 1)), 2);
}

describe("Wolpertinger (k-NN + Q-argmax)", () => {
  it("k = round(fraction · N), at least 1", () => {
    expect(wolpertingerNeighbours(2000, 0.05)).toBe(100);
    expect(wolpertingerNeighbours(2000, 0.01)).toBe(20);
    expect(wolpertingerNeighbours(10, 0.01)).toBe(1);
  });

  it("executes the Q-argmax among the k items nearest to the actor's proto-action (brute force check)", () => {
    const spec = items(200, 1);
    const agent = createWolpertinger(2, spec, {
      knnFraction: 0.05,
      hiddenSizes: [8],
      startSteps: 0,
      valueOracle: oracle,
      seed: 3,
    });
    const rng = new Rng(4);
    for (let t = 0; t < 20; t++) {
      const s = rng.uniformArray(2, -1, 1);
      const chosen = agent.act(s, { explore: false });
      const actor = agent.actors[0];
      if (!actor) throw new Error("no actor");
      const raw = actor.forward(Float32Array.from(s), new Float32Array(0), 1);
      const proto = Array.from(raw, (v, j) => v * (agent.maxAction[j] as number));
      const cand = nearestNeighbors(proto, spec, 10);
      let best = cand[0] as number;
      const q = (i: number) => oracle.value(Float32Array.from(s), spec.embeddings.subarray(2 * i, 2 * i + 2));
      for (const i of cand) if (q(i) > q(best)) best = i;
      expect(chosen).toBe(best);
    }
  });

  it("with every item a candidate (fraction 1) it executes the exhaustive argmax over the item set", () => {
    const spec = items(50, 5);
    const agent = createWolpertinger(2, spec, {
      knnFraction: 1,
      hiddenSizes: [8],
      startSteps: 0,
      valueOracle: oracle,
      seed: 6,
    });
    const rng = new Rng(7);
    for (let t = 0; t < 10; t++) {
      const s = rng.uniformArray(2, -1, 1);
      let best = 0;
      const q = (i: number) => oracle.value(Float32Array.from(s), spec.embeddings.subarray(2 * i, 2 * i + 2));
      for (let i = 1; i < 50; i++) if (q(i) > q(best)) best = i;
      expect(agent.act(s, { explore: false })).toBe(best);
    }
  });

  it("trains on RecSim-lite through the runner (learned critic, target k-NN with the target critics)", () => {
    const env = recsimLite({ items: 100, seed: 2 });
    const agent = createWolpertinger(env.observationSpace.shape[0] as number, env.action, {
      hiddenSizes: [16, 16],
      batchSize: 8,
      startSteps: 30,
      seed: 3,
    });
    trainAgent({ env, agent, totalSteps: 60 });
    expect(agent.gradientSteps).toBe(30);
    expect(Number.isFinite(agent.lastUpdate.criticLoss)).toBe(true);
  });

  it("rejects a fraction outside (0, 1] and an empty item set, naming the parameter", () => {
    const spec = items(20, 8);
    expect(() => createWolpertinger(2, spec, { knnFraction: 0 })).toThrow(/knnFraction/);
    expect(() => createWolpertinger(2, spec, { knnFraction: 1.5 })).toThrow(/knnFraction/);
    expect(() =>
      createWolpertinger(2, { kind: "embedded", embeddings: new Float32Array(0), n: 0, dim: 2 }),
    ).toThrow(/items/);
  });
});
