/**
 * Acrobot-v1 with the "book" dynamics of Gymnasium's `acrobot.py` (docs/method.md §A.2): one RK4 step of
 * dt = 0.2 with the torque held constant, angles wrapped to [−π, π], velocities clipped to 4π and 9π.
 */
import { assertKnownOptions } from "@descent/core-tensor";
import { ClassicControlEnv, clip } from "./classic-control-env.js";
import { assertDiscreteAction, boxSpace, discreteSpace, type StepResult, withTimeLimit } from "./env.js";

const L1 = 1;
const M1 = 1;
const M2 = 1;
const LC1 = 0.5;
const LC2 = 0.5;
const I1 = 1;
const I2 = 1;
const G = 9.8;
const DT = 0.2;
const MAX_VEL_1 = 4 * Math.PI;
const MAX_VEL_2 = 9 * Math.PI;
const TORQUES = [-1, 0, 1] as const;

/** Time derivative of (θ1, θ2, θ̇1, θ̇2) under torque `tau` (docs/method.md §A.2, book dynamics). */
export function acrobotDerivative(s: ArrayLike<number>, tau: number, out: Float64Array): Float64Array {
  const theta1 = s[0] as number;
  const theta2 = s[1] as number;
  const dtheta1 = s[2] as number;
  const dtheta2 = s[3] as number;
  const d1 = M1 * LC1 ** 2 + M2 * (L1 ** 2 + LC2 ** 2 + 2 * L1 * LC2 * Math.cos(theta2)) + I1 + I2;
  const d2 = M2 * (LC2 ** 2 + L1 * LC2 * Math.cos(theta2)) + I2;
  const phi2 = M2 * LC2 * G * Math.cos(theta1 + theta2 - Math.PI / 2);
  const phi1 =
    -M2 * L1 * LC2 * dtheta2 ** 2 * Math.sin(theta2) -
    2 * M2 * L1 * LC2 * dtheta2 * dtheta1 * Math.sin(theta2) +
    (M1 * LC1 + M2 * L1) * G * Math.cos(theta1 - Math.PI / 2) +
    phi2;
  const ddtheta2 =
    (tau + (d2 / d1) * phi1 - M2 * L1 * LC2 * dtheta1 ** 2 * Math.sin(theta2) - phi2) /
    (M2 * LC2 ** 2 + I2 - (d2 * d2) / d1);
  const ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
  out[0] = dtheta1;
  out[1] = dtheta2;
  out[2] = ddtheta1;
  out[3] = ddtheta2;
  return out;
}

/** Wraps an angle into [−π, π] the way Gymnasium's `wrap` does. */
function wrap(x: number): number {
  const diff = 2 * Math.PI;
  let v = x;
  while (v > Math.PI) v -= diff;
  while (v < -Math.PI) v += diff;
  return v;
}

/** Acrobot-v1 without its time limit. Observation (cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2). */
export class AcrobotEnv extends ClassicControlEnv<number> {
  readonly observationSpace = boxSpace(
    [-1, -1, -1, -1, -MAX_VEL_1, -MAX_VEL_2],
    [1, 1, 1, 1, MAX_VEL_1, MAX_VEL_2],
  );
  readonly actionSpace = discreteSpace(3);
  protected readonly s = new Float64Array(4);
  private readonly k1 = new Float64Array(4);
  private readonly k2 = new Float64Array(4);
  private readonly k3 = new Float64Array(4);
  private readonly k4 = new Float64Array(4);
  private readonly tmp = new Float64Array(4);

  protected sampleInitialState(): void {
    for (let i = 0; i < 4; i++) this.s[i] = this.rng.uniform(-0.1, 0.1);
  }

  step(action: number): StepResult {
    assertDiscreteAction(action, 3);
    const tau = TORQUES[action] as number;
    const { s, k1, k2, k3, k4, tmp } = this;
    // docs/method.md §A.2: one classical RK4 step of length dt
    acrobotDerivative(s, tau, k1);
    for (let i = 0; i < 4; i++) tmp[i] = (s[i] as number) + (DT / 2) * (k1[i] as number);
    acrobotDerivative(tmp, tau, k2);
    for (let i = 0; i < 4; i++) tmp[i] = (s[i] as number) + (DT / 2) * (k2[i] as number);
    acrobotDerivative(tmp, tau, k3);
    for (let i = 0; i < 4; i++) tmp[i] = (s[i] as number) + DT * (k3[i] as number);
    acrobotDerivative(tmp, tau, k4);
    for (let i = 0; i < 4; i++) {
      s[i] =
        (s[i] as number) +
        (DT / 6) * ((k1[i] as number) + 2 * (k2[i] as number) + 2 * (k3[i] as number) + (k4[i] as number));
    }
    s[0] = wrap(s[0] as number);
    s[1] = wrap(s[1] as number);
    s[2] = clip(s[2] as number, -MAX_VEL_1, MAX_VEL_1);
    s[3] = clip(s[3] as number, -MAX_VEL_2, MAX_VEL_2);
    const terminated = -Math.cos(s[0] as number) - Math.cos((s[0] as number) + (s[1] as number)) > 1;
    return { obs: this.observation(), reward: terminated ? 0 : -1, terminated, truncated: false };
  }

  protected override observation(): Float64Array {
    const s = this.s;
    return Float64Array.of(
      Math.cos(s[0] as number),
      Math.sin(s[0] as number),
      Math.cos(s[1] as number),
      Math.sin(s[1] as number),
      s[2] as number,
      s[3] as number,
    );
  }
}

/** Acrobot-v1 with its 500-step time limit (docs/method.md §A.2). */
export function createAcrobot(opts: { seed?: number; maxSteps?: number } = {}): AcrobotEnv {
  assertKnownOptions(opts, ["seed", "maxSteps"]);
  return withTimeLimit(new AcrobotEnv(opts.seed ?? 0), opts.maxSteps ?? 500);
}
