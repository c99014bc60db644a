/**
 * A continuous-force cart-pole for SAVO's restricted inverted-pendulum task (docs/savo.md, "C-R3"): the
 * CartPole-v1 equations, constants and termination (as CartPole-v1) with force = 10·u for
 * u ∈ [−1,1] (our pure-TS stand-in for the MuJoCo inverted pendulum), reward +1 per step and a
 * 1 000-step time limit.
 */
import { cartPoleEulerStep } from "./cartpole.js";
import { ClassicControlEnv } from "./classic-control-env.js";
import { boxSpace, continuousActionValue, type StepResult, withTimeLimit } from "./env.js";

const FORCE_SCALE = 10;

/** Cart-pole with a continuous force u ∈ [−1,1]; state and observation (x, ẋ, θ, θ̇). */
export class ContinuousCartPoleEnv extends ClassicControlEnv<Float64Array | number> {
  readonly observationSpace = boxSpace(
    [-4.8, Number.NEGATIVE_INFINITY, -0.41887902047863906, Number.NEGATIVE_INFINITY],
    [4.8, Number.POSITIVE_INFINITY, 0.41887902047863906, Number.POSITIVE_INFINITY],
  );
  readonly actionSpace = boxSpace([-1], [1]);
  protected readonly s = new Float64Array(4);

  protected sampleInitialState(): void {
    for (let i = 0; i < 4; i++) this.s[i] = this.rng.uniform(-0.05, 0.05);
  }

  step(action: Float64Array | number): StepResult {
    const u = Math.min(1, Math.max(-1, continuousActionValue(action)));
    const terminated = cartPoleEulerStep(this.s, FORCE_SCALE * u);
    return { obs: Float64Array.from(this.s), reward: 1, terminated, truncated: false };
  }
}

/** {@link ContinuousCartPoleEnv} with a 1 000-step limit (the inverted-pendulum episode length). */
export function createContinuousCartPole(
  opts: { seed?: number; maxSteps?: number } = {},
): ContinuousCartPoleEnv {
  return withTimeLimit(new ContinuousCartPoleEnv(opts.seed ?? 0), opts.maxSteps ?? 1000);
}
