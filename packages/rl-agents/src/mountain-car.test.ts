import { describe, expect, it } from "vitest";
import { createMountainCar, MountainCarContinuousEnv, MountainCarEnv } from "./mountain-car.js";

describe("MountainCar-v0 and MountainCarContinuous-v0 (docs/method.md §A.2)", () => {
  it("one discrete step follows v ← v + (a−1)·0.001 − 0.0025·cos(3p), p ← p + v", () => {
    const env = new MountainCarEnv();
    env.reset({ state: Float64Array.of(-0.5, 0.01) });
    const { obs, reward } = env.step(2);
    const v = 0.01 + 0.001 - 0.0025 * Math.cos(-1.5);
    expect(obs[1]).toBeCloseTo(v, 15);
    expect(obs[0]).toBeCloseTo(-0.5 + v, 15);
    expect(reward).toBe(-1);
  });

  it("the left wall stops the car (v ← 0 at p = −1.2 with v < 0)", () => {
    const env = new MountainCarEnv();
    env.reset({ state: Float64Array.of(-1.19, -0.05) });
    const { obs } = env.step(0);
    expect(obs[0]).toBe(-1.2);
    expect(obs[1]).toBe(0);
  });

  it("reaching p ≥ 0.5 terminates; the continuous goal gives +100 − 0.1·u²", () => {
    const env = new MountainCarEnv();
    env.reset({ state: Float64Array.of(0.49, 0.05) });
    expect(env.step(2).terminated).toBe(true);
    const c = new MountainCarContinuousEnv();
    c.reset({ state: Float64Array.of(0.44, 0.05) });
    const r = c.step(Float64Array.of(0.5));
    expect(r.terminated).toBe(true);
    expect(r.reward).toBeCloseTo(100 - 0.1 * 0.25, 12);
  });

  it("starts in p ∈ [−0.6, −0.4], v = 0 and truncates at 200 steps", () => {
    const env = createMountainCar({ seed: 2 });
    const { obs } = env.reset({ seed: 2 });
    expect(obs[0]).toBeGreaterThanOrEqual(-0.6);
    expect(obs[0]).toBeLessThanOrEqual(-0.4);
    expect(obs[1]).toBe(0);
    let r = env.step(1);
    let t = 1;
    while (!r.truncated && !r.terminated) {
      r = env.step(1);
      t += 1;
    }
    expect(t).toBe(200);
  });

  it("rejects bad actions", () => {
    const env = new MountainCarEnv();
    env.reset();
    expect(() => env.step(-1)).toThrow(/action/);
    const c = new MountainCarContinuousEnv();
    c.reset();
    expect(() => c.step(Number.POSITIVE_INFINITY)).toThrow(/action/);
  });
});
