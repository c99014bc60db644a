import { describe, expect, it } from "vitest";
import { CARTPOLE_THETA_LIMIT, CartPoleEnv, createCartPole } from "./cartpole.js";

describe("CartPole-v1 (docs/method.md §A.2, oracle B.f-7)", () => {
  it("alternating actions from (0.01, −0.02, 0.03, 0.04) stay non-terminal for 20 steps", () => {
    const env = new CartPoleEnv();
    env.reset({ state: Float64Array.of(0.01, -0.02, 0.03, 0.04) });
    for (let t = 0; t < 20; t++) expect(env.step(t % 2).terminated).toBe(false);
  });

  it("pushing right from the zero state terminates at step 9 with θ beyond −12°", () => {
    const env = new CartPoleEnv();
    env.reset({ state: new Float64Array(4) });
    let steps = 0;
    let r = env.step(1);
    steps += 1;
    while (!r.terminated && steps < 50) {
      r = env.step(1);
      steps += 1;
    }
    expect(steps).toBe(9);
    expect(r.obs[2] as number).toBeLessThan(-CARTPOLE_THETA_LIMIT);
    expect(r.reward).toBe(1);
  });

  it("first Euler step matches the equations by hand (positions use the old velocities)", () => {
    const env = new CartPoleEnv();
    env.reset({ state: Float64Array.of(0, 0, 0, 0) });
    const { obs } = env.step(1);
    // θ = 0: temp = 10/1.1, θ̈ = −temp/(0.5·(4/3 − 0.1/1.1)), ẍ = temp − 0.05·θ̈/1.1
    const temp = 10 / 1.1;
    const thAcc = -temp / (0.5 * (4 / 3 - 0.1 / 1.1));
    const xAcc = temp - (0.05 * thAcc) / 1.1;
    expect(Array.from(obs)).toEqual([0, 0.02 * xAcc, 0, 0.02 * thAcc]);
  });

  it("reset with a seed draws each component in [−0.05, 0.05] and is reproducible", () => {
    const a = createCartPole().reset({ seed: 7 }).obs;
    const b = createCartPole().reset({ seed: 7 }).obs;
    expect(Array.from(a)).toEqual(Array.from(b));
    for (const v of a) expect(Math.abs(v)).toBeLessThanOrEqual(0.05);
  });

  it("the v1 time limit truncates at step 500", () => {
    const env = createCartPole({ maxSteps: 500 });
    env.reset({ state: new Float64Array(4) });
    // a balancing controller: push towards the side the pole falls to
    let r = env.step(0);
    let t = 1;
    while (!r.terminated && !r.truncated) {
      const th = r.obs[2] as number;
      const thd = r.obs[3] as number;
      r = env.step(th + 0.5 * thd > 0 ? 1 : 0);
      t += 1;
    }
    expect(r.truncated).toBe(true);
    expect(t).toBe(500);
  });

  it("rejects a non-integer action and a malformed state", () => {
    const env = new CartPoleEnv();
    env.reset();
    expect(() => env.step(2)).toThrow(/action/);
    expect(() => env.step(0.5)).toThrow(/action/);
    expect(() => env.reset({ state: Float64Array.of(0, 0) })).toThrow(/state/);
    expect(() => env.reset({ state: Float64Array.of(0, 0, Number.NaN, 0) })).toThrow(/state/);
  });
});
