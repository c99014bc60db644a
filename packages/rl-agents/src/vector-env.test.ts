import { describe, expect, it } from "vitest";
import { CartPoleEnv, createCartPole } from "./cartpole.js";
import { VectorEnv } from "./vector-env.js";

describe("VectorEnv (docs/method.md §A.1)", () => {
  it("copy i behaves like a single env reset with seed + i", () => {
    const venv = new VectorEnv(() => createCartPole(), 3);
    const obs = venv.reset({ seed: 10 });
    const single = createCartPole();
    const o1 = single.reset({ seed: 11 }).obs;
    expect(Array.from(obs.subarray(4, 8))).toEqual(Array.from(o1));
    const r = venv.step([1, 1, 1]);
    expect(Array.from(r.obs.subarray(4, 8))).toEqual(Array.from(single.step(1).obs));
    expect(Array.from(r.rewards)).toEqual([1, 1, 1]);
  });

  it("auto-resets an ended copy and keeps its final observation", () => {
    const venv = new VectorEnv(() => new CartPoleEnv(), 2);
    venv.reset({ seed: 1 });
    (venv.envs[0] as CartPoleEnv).reset({ state: Float64Array.of(2.39, 1, 0, 0) });
    const r = venv.step([1, 0]);
    expect(r.terminated[0]).toBe(1);
    expect((r.finalObs[0] as Float64Array)[0] as number).toBeGreaterThan(2.4);
    expect(Math.abs(r.obs[0] as number)).toBeLessThanOrEqual(0.05);
    expect(r.finalObs[1]).toBeNull();
  });

  it("rejects a wrong number of actions and n < 1", () => {
    const venv = new VectorEnv(() => new CartPoleEnv(), 2);
    venv.reset();
    expect(() => venv.step([0])).toThrow(/actions/);
    expect(() => new VectorEnv(() => new CartPoleEnv(), 0)).toThrow(/n/);
  });
});
