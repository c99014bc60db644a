/**
 * MountainCar-v0 and MountainCarContinuous-v0 from Gymnasium's `mountain_car.py` and
 * `continuous_mountain_car.py` (docs/method.md §A.2).
 */
import { assertKnownOptions } from "@descent/core-tensor";
import { ClassicControlEnv, clip } from "./classic-control-env.js";
import {
  assertDiscreteAction,
  boxSpace,
  continuousActionValue,
  discreteSpace,
  type StepResult,
  withTimeLimit,
} from "./env.js";

const MIN_POSITION = -1.2;
const MAX_POSITION = 0.6;
const MAX_SPEED = 0.07;
const GRAVITY = 0.0025;

/** Shared state handling of both mountain cars (position, velocity). */
abstract class MountainCarBase<A> extends ClassicControlEnv<A> {
  readonly observationSpace = boxSpace([MIN_POSITION, -MAX_SPEED], [MAX_POSITION, MAX_SPEED]);
  protected readonly s = new Float64Array(2);

  protected sampleInitialState(): void {
    this.s[0] = this.rng.uniform(-0.6, -0.4);
    this.s[1] = 0;
  }

  /** docs/method.md §A.2: velocity update already done by the caller; position clip and left-wall stop. */
  protected move(velocity: number): void {
    let v = clip(velocity, -MAX_SPEED, MAX_SPEED);
    const p = clip((this.s[0] as number) + v, MIN_POSITION, MAX_POSITION);
    if (p === MIN_POSITION && v < 0) v = 0;
    this.s[0] = p;
    this.s[1] = v;
  }
}

/** MountainCar-v0 without its time limit (actions 0 push left, 1 no push, 2 push right; reward −1). */
export class MountainCarEnv extends MountainCarBase<number> {
  readonly actionSpace = discreteSpace(3);

  step(action: number): StepResult {
    assertDiscreteAction(action, 3);
    const p = this.s[0] as number;
    this.move((this.s[1] as number) + (action - 1) * 0.001 + Math.cos(3 * p) * -GRAVITY);
    const terminated = (this.s[0] as number) >= 0.5 && (this.s[1] as number) >= 0;
    return { obs: Float64Array.from(this.s), reward: -1, terminated, truncated: false };
  }
}

/** MountainCarContinuous-v0 without its time limit (u ∈ [−1, 1], reward 100·goal − 0.1·u²). */
export class MountainCarContinuousEnv extends MountainCarBase<Float64Array | number> {
  readonly actionSpace = boxSpace([-1], [1]);

  step(action: Float64Array | number): StepResult {
    const u = clip(continuousActionValue(action), -1, 1);
    const p = this.s[0] as number;
    this.move((this.s[1] as number) + u * 0.0015 - GRAVITY * Math.cos(3 * p));
    const terminated = (this.s[0] as number) >= 0.45 && (this.s[1] as number) >= 0;
    const reward = (terminated ? 100 : 0) - 0.1 * u * u;
    return { obs: Float64Array.from(this.s), reward, terminated, truncated: false };
  }
}

/** MountainCar-v0 with its 200-step time limit (docs/method.md §A.2). */
export function createMountainCar(opts: { seed?: number; maxSteps?: number } = {}): MountainCarEnv {
  assertKnownOptions(opts, ["seed", "maxSteps"]);
  return withTimeLimit(new MountainCarEnv(opts.seed ?? 0), opts.maxSteps ?? 200);
}

/** MountainCarContinuous-v0 with its 999-step time limit (docs/method.md §A.2). */
export function createMountainCarContinuous(
  opts: { seed?: number; maxSteps?: number } = {},
): MountainCarContinuousEnv {
  assertKnownOptions(opts, ["seed", "maxSteps"]);
  return withTimeLimit(new MountainCarContinuousEnv(opts.seed ?? 0), opts.maxSteps ?? 999);
}
