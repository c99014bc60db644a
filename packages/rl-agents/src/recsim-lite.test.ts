import { describe, expect, it } from "vitest";
import { recsimLite } from "./recsim-lite.js";

describe("recsimLite (C-R2 task)", () => {
  it("has N unit-norm item embeddings and an observation (interest, mean of the last 3 items)", () => {
    const env = recsimLite({ items: 50, seed: 1 });
    expect(env.action.n).toBe(50);
    for (let i = 0; i < 50; i++) {
      let n = 0;
      for (let j = 0; j < 8; j++) n += (env.action.embeddings[i * 8 + j] as number) ** 2;
      expect(n).toBeCloseTo(1, 5);
    }
    const { obs } = env.reset({ seed: 2 });
    expect(obs.length).toBe(16);
    expect(Array.from(obs.subarray(8))).toEqual(new Array(8).fill(0));
    const r = env.step(7);
    expect(r.obs.subarray(8)[0]).toBeCloseTo(env.action.embeddings[7 * 8] as number, 6);
  });

  it("the click probability follows sigmoid(4⟨u,e⟩ + q − 2⟨e, e_last⟩₊) and repeating an item is penalised", () => {
    const env = recsimLite({ items: 30, seed: 3 });
    env.reset({ state: Float64Array.from(env.action.embeddings.subarray(0, 8)) });
    const p0 = env.clickProbability(0);
    expect(p0).toBeCloseTo(1 / (1 + Math.exp(-(4 + (env.quality[0] as number)))), 5);
    env.step(0);
    expect(env.clickProbability(0)).toBeLessThan(p0);
  });

  it("truncates after the horizon; rewards are clicks; seeded runs repeat", () => {
    const run = () => {
      const env = recsimLite({ items: 40, horizon: 5, seed: 9 });
      env.reset({ seed: 1 });
      const out: number[] = [];
      for (let t = 0; t < 5; t++) {
        const r = env.step(t);
        out.push(r.reward);
        expect(r.truncated).toBe(t === 4);
        expect(r.reward === 0 || r.reward === 1).toBe(true);
      }
      return out;
    };
    expect(run()).toEqual(run());
  });

  it("rejects an empty catalogue and an invalid item, naming the parameter", () => {
    expect(() => recsimLite({ items: 0 })).toThrow(/items/);
    const env = recsimLite({ items: 10 });
    env.reset();
    expect(() => env.step(10)).toThrow(/action/);
  });
});
