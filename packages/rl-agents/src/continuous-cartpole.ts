/**
 * A continuous-force cart-pole for SAVO's restricted inverted-pendulum task (docs/savo.md, "C-R3"): the
 * CartPole-v1 equations, constants and termination (as CartPole-v1) with force = 10·u for
 * u ∈ [−1,1] (our pure-TS stand-in for the MuJoCo inverted pendulum), reward +1 per step and a
 * 1 000-step time limit.
 */
import { CARTPOLE_THETA_LIMIT, CARTPOLE_X_LIMIT } from "./cartpole.js";
import { ClassicControlEnv } from "./classic-control-env.js";
import { boxSpace, continuousActionValue, type StepResult, withTimeLimit } from "./env.js";

const GRAVITY = 9.8;
const MASS_POLE = 0.1;
const TOTAL_MASS = 1.1;
const HALF_LENGTH = 0.5;
const POLE_MASS_LENGTH = MASS_POLE * HALF_LENGTH;
const FORCE_SCALE = 10;
const TAU = 0.02;

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
    const force = FORCE_SCALE * u;
    const s = this.s;
    const x = s[0] as number;
    const xDot = s[1] as number;
    const theta = s[2] as number;
    const thetaDot = s[3] as number;
    const cos = Math.cos(theta);
    const sin = Math.sin(theta);
    const temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sin) / TOTAL_MASS;
    const thetaAcc =
      (GRAVITY * sin - cos * temp) / (HALF_LENGTH * (4 / 3 - (MASS_POLE * cos * cos) / TOTAL_MASS));
    const xAcc = temp - (POLE_MASS_LENGTH * thetaAcc * cos) / TOTAL_MASS;
    s[0] = x + TAU * xDot;
    s[1] = xDot + TAU * xAcc;
    s[2] = theta + TAU * thetaDot;
    s[3] = thetaDot + TAU * thetaAcc;
    const terminated =
      Math.abs(s[0] as number) > CARTPOLE_X_LIMIT || Math.abs(s[2] as number) > CARTPOLE_THETA_LIMIT;
    return { obs: Float64Array.from(s), reward: 1, terminated, truncated: false };
  }
}

/** {@link ContinuousCartPoleEnv} with a 1 000-step limit (the inverted-pendulum episode length). */
export function createContinuousCartPole(
  opts: { seed?: number; maxSteps?: number } = {},
): ContinuousCartPoleEnv {
  return withTimeLimit(new ContinuousCartPoleEnv(opts.seed ?? 0), opts.maxSteps ?? 1000);
}
