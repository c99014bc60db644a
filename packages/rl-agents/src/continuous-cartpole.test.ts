import { describe, expect, it } from "vitest";
import { CartPoleEnv } from "./cartpole.js";
import { ContinuousCartPoleEnv, createContinuousCartPole } from "./continuous-cartpole.js";

describe("ContinuousCartPoleEnv", () => {
  it("with u = ±1 follows CartPole-v1's trajectory for actions 1 / 0 (force ±10)", () => {
    const a = new ContinuousCartPoleEnv(0);
    const b = new CartPoleEnv(0);
    const s0 = Float64Array.of(0.01, -0.02, 0.03, 0.01);
    a.reset({ state: s0 });
    b.reset({ state: s0 });
    for (let t = 0; t < 20; t++) {
      const u = t % 3 === 0 ? 1 : -1;
      const ra = a.step(Float64Array.of(u));
      const rb = b.step(u > 0 ? 1 : 0);
      expect(Array.from(ra.obs)).toEqual(Array.from(rb.obs));
      expect(ra.terminated).toBe(rb.terminated);
      // stepping a terminated episode throws (as Gymnasium does), so the comparison ends there
      if (ra.terminated) break;
    }
  });

  it("is cut after 1 000 steps by default", () => {
    const env = createContinuousCartPole({ maxSteps: 3 });
    env.reset({ state: new Float64Array(4) });
    env.step(0);
    env.step(0);
    expect(env.step(0).truncated).toBe(true);
  });
});
