/**
 * Pendulum-v1 from Gymnasium's `pendulum.py` (docs/method.md §A.2): semi-implicit Euler with dt = 0.05, torque
 * clipped to ±2, speed clipped to ±8, reward −(θ̂² + 0.1·θ̇² + 0.001·u²), never terminates, 200 steps.
 */
import { assertKnownOptions } from "@descent/core-tensor";
import { ClassicControlEnv, clip } from "./classic-control-env.js";
import { boxSpace, continuousActionValue, type StepResult, withTimeLimit } from "./env.js";

const MAX_SPEED = 8;
const MAX_TORQUE = 2;
const DT = 0.05;
const G = 10;
const M = 1;
const L = 1;

/** θ mapped into [−π, π) as Gymnasium's `angle_normalize` (Python's floored modulo). */
export function angleNormalize(x: number): number {
  const twoPi = 2 * Math.PI;
  const y = x + Math.PI;
  return y - twoPi * Math.floor(y / twoPi) - Math.PI;
}

/** Pendulum-v1 without its time limit. State (θ, θ̇), observation (cos θ, sin θ, θ̇). */
export class PendulumEnv extends ClassicControlEnv<Float64Array | number> {
  readonly observationSpace = boxSpace([-1, -1, -MAX_SPEED], [1, 1, MAX_SPEED]);
  readonly actionSpace = boxSpace([-MAX_TORQUE], [MAX_TORQUE]);
  protected readonly s = new Float64Array(2);

  protected sampleInitialState(): void {
    this.s[0] = this.rng.uniform(-Math.PI, Math.PI);
    this.s[1] = this.rng.uniform(-1, 1);
  }

  step(action: Float64Array | number): StepResult {
    const u = clip(continuousActionValue(action), -MAX_TORQUE, MAX_TORQUE);
    const th = this.s[0] as number;
    const thdot = this.s[1] as number;
    const norm = angleNormalize(th);
    // docs/method.md §A.2: the cost uses the state before the update
    const cost = norm * norm + 0.1 * thdot * thdot + 0.001 * u * u;
    const newThdot = clip(
      thdot + (((3 * G) / (2 * L)) * Math.sin(th) + (3 / (M * L * L)) * u) * DT,
      -MAX_SPEED,
      MAX_SPEED,
    );
    this.s[0] = th + newThdot * DT; // θ is not wrapped (docs/method.md §A.2)
    this.s[1] = newThdot;
    return { obs: this.observation(), reward: -cost, terminated: false, truncated: false };
  }

  protected override observation(): Float64Array {
    const th = this.s[0] as number;
    return Float64Array.of(Math.cos(th), Math.sin(th), this.s[1] as number);
  }
}

/** Pendulum-v1 with its 200-step time limit (docs/method.md §A.2). */
export function createPendulum(opts: { seed?: number; maxSteps?: number } = {}): PendulumEnv {
  assertKnownOptions(opts, ["seed", "maxSteps"]);
  return withTimeLimit(new PendulumEnv(opts.seed ?? 0), opts.maxSteps ?? 200);
}
