/**
 * Test-only: a deterministic 2-state chain (oracle B.f-8). s0: action 0 ends with r = 0.5, action 1 → s1
 * (r = 0); s1: action 1 ends with r = 1, action 0 → s0 (r = 0). With γ = 0.9: Q*(s1,1) = 1,
 * Q*(s0,1) = 0.9, Q*(s1,0) = 0.81, Q*(s0,0) = 0.5. Not exported, not published.
 */
import { boxSpace, discreteSpace, type Env, type StepResult } from "../env.js";

export class ChainEnv implements Env<Float64Array, number> {
  readonly observationSpace = boxSpace([0, 0], [1, 1]);
  readonly actionSpace = discreteSpace(2);
  private s = 0;
  reset(): { obs: Float64Array } {
    this.s = 0;
    return { obs: Float64Array.of(1, 0) };
  }
  step(a: number): StepResult {
    if (this.s === 0) {
      if (a === 0) return { obs: Float64Array.of(1, 0), reward: 0.5, terminated: true, truncated: false };
      this.s = 1;
      return { obs: Float64Array.of(0, 1), reward: 0, terminated: false, truncated: false };
    }
    if (a === 1) return { obs: Float64Array.of(0, 1), reward: 1, terminated: true, truncated: false };
    this.s = 0;
    return { obs: Float64Array.of(1, 0), reward: 0, terminated: false, truncated: false };
  }
}
