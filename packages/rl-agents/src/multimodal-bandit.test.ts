import { describe, expect, it } from "vitest";
import { multimodalBandit } from "./multimodal-bandit.js";

describe("multimodalBandit (C-R1 task)", () => {
  it("reaches its optimum 1 exactly at the global bump's centre and less elsewhere", () => {
    const env = multimodalBandit({ seed: 3 });
    const { obs } = env.reset();
    const c = env.bumpCentre(obs, env.bumps - 1);
    expect(env.trueReward(obs, c)).toBe(1);
    expect(env.optimalValue(obs)).toBe(1);
    for (let m = 0; m < env.bumps - 1; m++) {
      const v = env.trueReward(obs, env.bumpCentre(obs, m));
      expect(v).toBeGreaterThanOrEqual(0.6 - 1e-12);
      expect(v).toBeLessThan(1);
    }
  });

  it("one-step episodes: terminated after every step, the noiseless reward is trueReward", () => {
    const env = multimodalBandit({ seed: 1 });
    const { obs } = env.reset({ seed: 5 });
    const a = Float64Array.of(0.1, -0.2);
    const r = env.step(a);
    expect(r.terminated).toBe(true);
    expect(r.reward).toBe(env.trueReward(obs, a));
  });

  it("rewardGradient matches central finite differences of trueReward", () => {
    const env = multimodalBandit({ seed: 2, actionDim: 4 });
    const { obs } = env.reset();
    const a = Float64Array.of(0.05, 0.1, -0.3, 0.2);
    const g = new Float64Array(4);
    env.rewardGradient(obs, a, g);
    const h = 1e-6;
    for (let j = 0; j < 4; j++) {
      const p = Float64Array.from(a);
      const q = Float64Array.from(a);
      p[j] = (p[j] as number) + h;
      q[j] = (q[j] as number) - h;
      expect(g[j] as number).toBeCloseTo((env.trueReward(obs, p) - env.trueReward(obs, q)) / (2 * h), 5);
    }
  });

  it("the same seed reproduces states and noisy rewards; bad input names the parameter", () => {
    const a = multimodalBandit({ seed: 4, noise: 0.05 });
    const b = multimodalBandit({ seed: 4, noise: 0.05 });
    expect(Array.from(a.reset().obs)).toEqual(Array.from(b.reset().obs));
    expect(a.step(Float64Array.of(0, 0)).reward).toBe(b.step(Float64Array.of(0, 0)).reward);
    expect(() => a.step(Float64Array.of(0))).toThrow(/action/);
    expect(() => multimodalBandit({ bumps: 0 })).toThrow(/bumps/);
    expect(() => multimodalBandit({ globalWidth: -1 })).toThrow(/globalWidth/);
  });
});
