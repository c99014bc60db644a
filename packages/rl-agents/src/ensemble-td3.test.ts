import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { createEnsembleTd3 } from "./ensemble-td3.js";

describe("createEnsembleTd3 (Ensemble-k baseline)", () => {
  it("has k unconditioned actors, no surrogates, and executes the Q-argmax of their proposals", () => {
    const agent = createEnsembleTd3(3, [1, 1], { hiddenSizes: [8], numActors: 4, seed: 1 });
    expect(agent.actors.length).toBe(4);
    for (const a of agent.actors) expect(a.phi).toBeNull();
    expect(agent.actors.map((a) => a.head.sizes[0])).toEqual([3, 3, 3, 3]);
    expect(agent.surrogateNetworks.every((n) => n === null)).toBe(true);
    const rng = new Rng(2);
    for (let t = 0; t < 5; t++) {
      const obs = rng.uniformArray(3, -1, 1);
      const p = agent.proposals(obs);
      expect(Math.max(...p.q)).toBe(p.q[p.chosen]);
    }
  });
});
