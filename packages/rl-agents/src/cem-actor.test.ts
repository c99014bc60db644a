import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { CemActor } from "./cem-actor.js";
import { multimodalBandit } from "./multimodal-bandit.js";

describe("CemActor", () => {
  it("finds the maximiser of a concave quadratic to within 0.05", () => {
    const cem = new CemActor({ iterations: 6 });
    const target = [0.3, -0.6];
    const a = cem.maximise(
      (pop) => pop.map((x) => -(((x[0] as number) - 0.3) ** 2) - ((x[1] as number) + 0.6) ** 2),
      [1, 1],
      new Rng(1),
    );
    expect(
      Math.hypot((a[0] as number) - (target[0] as number), (a[1] as number) - (target[1] as number)),
    ).toBeLessThan(0.05);
  });

  it("never returns an action worse than the best it evaluated, and stays within the bounds", () => {
    const env = multimodalBandit({ seed: 2 });
    const cem = new CemActor();
    const rng = new Rng(3);
    for (let t = 0; t < 10; t++) {
      const s = rng.uniformArray(2, -1, 1);
      let best = Number.NEGATIVE_INFINITY;
      const a = cem.maximise(
        (pop) =>
          pop.map((x) => {
            const v = env.trueReward(s, x);
            best = Math.max(best, v);
            return v;
          }),
        [1, 1],
        rng,
      );
      expect(env.trueReward(s, a)).toBe(best);
      for (const v of a) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    }
  });

  it("rejects elites > population, naming the parameter", () => {
    expect(() => new CemActor({ population: 4, elites: 5 })).toThrow(/elites/);
  });
});
