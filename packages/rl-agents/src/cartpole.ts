/**
 * CartPole-v1 written from the equations of Gymnasium's `cartpole.py` (docs/method.md §A.2): explicit Euler with
 * τ = 0.02, force ±10, termination at |x| > 2.4 or |θ| > 12°, reward +1 per step, time limit 500.
 */
import { assertKnownOptions } from "@descent/core-tensor";
import { ClassicControlEnv } from "./classic-control-env.js";
import { assertDiscreteAction, boxSpace, discreteSpace, type StepResult, withTimeLimit } from "./env.js";

const GRAVITY = 9.8;
const MASS_CART = 1.0;
const MASS_POLE = 0.1;
const TOTAL_MASS = MASS_CART + MASS_POLE;
const HALF_LENGTH = 0.5;
const POLE_MASS_LENGTH = MASS_POLE * HALF_LENGTH;
const FORCE_MAG = 10;
const TAU = 0.02;
/** 12 degrees in radians (docs/method.md §A.2). */
export const CARTPOLE_THETA_LIMIT = (12 * 2 * Math.PI) / 360;
/** Cart position limit (docs/method.md §A.2). */
export const CARTPOLE_X_LIMIT = 2.4;

/** The CartPole dynamics without a time limit; `createCartPole` adds Gymnasium's 500-step limit. */
export class CartPoleEnv extends ClassicControlEnv<number> {
  readonly observationSpace = boxSpace(
    [-4.8, Number.NEGATIVE_INFINITY, -0.41887902047863906, Number.NEGATIVE_INFINITY],
    [4.8, Number.POSITIVE_INFINITY, 0.41887902047863906, Number.POSITIVE_INFINITY],
  );
  readonly actionSpace = discreteSpace(2);
  protected readonly s = new Float64Array(4);

  protected sampleInitialState(): void {
    for (let i = 0; i < 4; i++) this.s[i] = this.rng.uniform(-0.05, 0.05);
  }

  step(action: number): StepResult {
    assertDiscreteAction(action, 2);
    const terminated = cartPoleEulerStep(this.s, action === 1 ? FORCE_MAG : -FORCE_MAG);
    return { obs: Float64Array.from(this.s), reward: 1, terminated, truncated: false };
  }
}

/**
 * One explicit-Euler step of the cart-pole equations of Gymnasium's `cartpole.py` (docs/method.md §A.2)
 * under `force`, in place on `s` = (x, ẋ, θ, θ̇); returns whether the episode terminated (|x| > 2.4 or
 * |θ| > 12°). Shared by CartPole-v1 (force ±10) and the continuous-force variant.
 */
export function cartPoleEulerStep(s: Float64Array, force: number): boolean {
  const x = s[0] as number;
  const xDot = s[1] as number;
  const theta = s[2] as number;
  const thetaDot = s[3] as number;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  // docs/method.md §A.2: temp, θ̈, ẍ as in cartpole.py
  const temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sin) / TOTAL_MASS;
  const thetaAcc =
    (GRAVITY * sin - cos * temp) / (HALF_LENGTH * (4 / 3 - (MASS_POLE * cos * cos) / TOTAL_MASS));
  const xAcc = temp - (POLE_MASS_LENGTH * thetaAcc * cos) / TOTAL_MASS;
  // explicit Euler: positions first, with the old velocities
  s[0] = x + TAU * xDot;
  s[1] = xDot + TAU * xAcc;
  s[2] = theta + TAU * thetaDot;
  s[3] = thetaDot + TAU * thetaAcc;
  return (
    (s[0] as number) < -CARTPOLE_X_LIMIT ||
    (s[0] as number) > CARTPOLE_X_LIMIT ||
    (s[2] as number) < -CARTPOLE_THETA_LIMIT ||
    (s[2] as number) > CARTPOLE_THETA_LIMIT
  );
}

/** CartPole-v1: {@link CartPoleEnv} with the 500-step time limit of v1 (docs/method.md §A.2). */
export function createCartPole(opts: { seed?: number; maxSteps?: number } = {}): CartPoleEnv {
  assertKnownOptions(opts, ["seed", "maxSteps"]);
  return withTimeLimit(new CartPoleEnv(opts.seed ?? 0), opts.maxSteps ?? 500);
}
