import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { createContinuousCartPole } from "./continuous-cartpole.js";
import { boxSpace, type Env, type StepResult } from "./env.js";
import { restrictActions } from "./restrict-actions.js";

/** Records the action it receives; box [−2, 2]². */
class EchoEnv implements Env<Float64Array, Float64Array> {
  readonly observationSpace = boxSpace([0], [1]);
  readonly actionSpace = boxSpace([-2, -2], [2, 2]);
  last = new Float64Array(2);
  reset() {
    return { obs: Float64Array.of(0) };
  }
  step(a: Float64Array): StepResult {
    this.last = Float64Array.from(a);
    return { obs: Float64Array.of(0), reward: 0, terminated: false, truncated: false };
  }
}

describe("restrictActions (restricted-action wrapper)", () => {
  it("passes feasible actions unchanged and turns infeasible ones into 0", () => {
    const inner = new EchoEnv();
    const env = restrictActions(inner, { balls: 3, radius: 0.3, seed: 1 });
    // a ball centre (normalised) mapped to action units is feasible
    const c = Float64Array.of(2 * (env.ballCentres[0] as number), 2 * (env.ballCentres[1] as number));
    expect(env.isFeasible(c)).toBe(true);
    env.step(c);
    expect(Array.from(inner.last)).toEqual(Array.from(c));
    const rng = new Rng(0);
    let infeasible = 0;
    for (let t = 0; t < 200; t++) {
      const a = Float64Array.of(rng.uniform(-2, 2), rng.uniform(-2, 2));
      env.step(a);
      if (env.isFeasible(a)) expect(Array.from(inner.last)).toEqual(Array.from(a));
      else {
        infeasible += 1;
        expect(Array.from(inner.last)).toEqual([0, 0]);
      }
    }
    expect(infeasible).toBeGreaterThan(0);
  });

  it("'project' moves an infeasible action onto the feasible set, no farther than a sampled feasible point", () => {
    const env = restrictActions(new EchoEnv(), { balls: 2, radius: 0.4, infeasible: "project", seed: 2 });
    const rng = new Rng(3);
    for (let t = 0; t < 50; t++) {
      const a = Float64Array.of(rng.uniform(-2, 2), rng.uniform(-2, 2));
      const p = env.restrictAction(a);
      expect(env.isFeasible(Float64Array.from(p, (v) => v * (1 - 1e-9)))).toBe(true);
      const dp = Math.hypot((p[0] as number) - (a[0] as number), (p[1] as number) - (a[1] as number));
      for (let s = 0; s < 40; s++) {
        const q = Float64Array.of(rng.uniform(-2, 2), rng.uniform(-2, 2));
        if (env.isFeasible(q)) {
          expect(dp).toBeLessThanOrEqual(
            Math.hypot((q[0] as number) - (a[0] as number), (q[1] as number) - (a[1] as number)) + 1e-9,
          );
        }
      }
    }
  });

  it("wraps the continuous cart-pole (1-D action); bad options name the parameter", () => {
    const env = restrictActions(createContinuousCartPole({ seed: 1 }), { balls: 3, radius: 0.3, seed: 4 });
    env.reset();
    expect(env.step(Float64Array.of(0.9)).reward).toBe(1);
    expect(() => restrictActions(new EchoEnv(), { balls: 0, radius: 0.3 })).toThrow(/balls/);
    expect(() => restrictActions(new EchoEnv(), { balls: 1, radius: -1 })).toThrow(/radius/);
    expect(() => env.step(Float64Array.of(0, 1))).toThrow(/action/);
  });
});
