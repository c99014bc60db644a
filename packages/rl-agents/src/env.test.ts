import { describe, expect, it } from "vitest";
import { CartPoleEnv } from "./cartpole.js";
import { boxSpace, discreteSpace, spaceSize, withTimeLimit } from "./env.js";

describe("environment interface (docs/method.md §A.1)", () => {
  it("withTimeLimit truncates on the step that reaches maxSteps and restarts on reset", () => {
    const env = withTimeLimit(new CartPoleEnv(), 3);
    env.reset({ state: new Float64Array(4) });
    expect(env.step(0).truncated).toBe(false);
    expect(env.step(1).truncated).toBe(false);
    expect(env.step(0).truncated).toBe(true);
    env.reset({ state: new Float64Array(4) });
    expect(env.step(0).truncated).toBe(false);
  });

  it("withTimeLimit never marks a terminal step as truncated", () => {
    const env = withTimeLimit(new CartPoleEnv(), 9);
    env.reset({ state: new Float64Array(4) });
    let r = env.step(1);
    for (let t = 1; t < 9; t++) r = env.step(1);
    expect(r.terminated).toBe(true);
    expect(r.truncated).toBe(false);
  });

  it("spaces report their sizes; bad inputs are rejected", () => {
    expect(spaceSize(discreteSpace(3))).toBe(1);
    expect(spaceSize(boxSpace([0, 0], [1, 1]))).toBe(2);
    expect(() => discreteSpace(0)).toThrow(/n/);
    expect(() => boxSpace([0], [1, 2])).toThrow(/high/);
    expect(() => withTimeLimit(new CartPoleEnv(), 0)).toThrow(/maxSteps/);
  });
});
