/**
 * The multimodal one-step task of SAVO's headline reproduction (docs/savo.md, "C-R1"): a state
 * s ~ U[−1,1]^stateDim, an action a ∈ [−1,1]^actionDim, one step per episode, and the reward
 *
 *   r(s,a) = max( b(a), max_m h_m·exp(−‖a − c_m(s)‖² / (2ρ_m²)) ) + ε,   b(a) = 0.2·(1 − ‖a‖²/d),
 *
 * with M − 1 broad low "trap" bumps (heights evenly spaced in [0.6, 0.8], width `trapWidth`) and one
 * narrow global bump (height 1, width `globalWidth`) whose centres c_m(s) = 0.8·tanh(W_m s + u_m) move
 * with the state. The optimum is exactly 1 at c_global(s), so the value of any policy is known.
 */
import { assertInteger, assertNonNegative, assertPositive, DescentError, Rng } from "@descent/core-tensor";
import { type BoxSpace, boxSpace, type Env, type ResetOptions, type StepResult } from "./env.js";

/** Options of {@link multimodalBandit}. */
export interface MultimodalBanditOptions {
  /** State dimension = 2. */
  stateDim?: number;
  /** Action dimension = 2 (the hard variant uses 4). */
  actionDim?: number;
  /** Number of bumps M = 6 (M − 1 traps and the global bump; M = 1 is the unimodal sanity case). */
  bumps?: number;
  /** Width ρ of the trap bumps = 0.2. */
  trapWidth?: number;
  /** Width ρ of the global bump = 0.1. */
  globalWidth?: number;
  /** Standard deviation of the reward noise ε = 0 (0.05 in the learned-critic regime). */
  noise?: number;
  /** Task seed: bump centre maps W_m, u_m and the state/noise stream. Default 0. */
  seed?: number;
}

/** The multimodal one-step environment with its known reward function. */
export interface MultimodalBanditEnv extends Env<Float64Array, Float64Array> {
  readonly actionSpace: BoxSpace;
  readonly observationSpace: BoxSpace;
  readonly stateDim: number;
  readonly actionDim: number;
  /** The noiseless reward r(s,a). */
  trueReward(s: ArrayLike<number>, a: ArrayLike<number>): number;
  /** r(s,a) and its gradient with respect to `a` (written into `grad`); the oracle critic. */
  rewardGradient(s: ArrayLike<number>, a: ArrayLike<number>, grad: Float64Array): number;
  /** max_a r(s,a) = 1 (the global bump's height). */
  optimalValue(s: ArrayLike<number>): number;
  /** Centre c_m(s) of bump `m` (the global bump is the last one, m = bumps − 1). */
  bumpCentre(s: ArrayLike<number>, m: number): Float64Array;
  /** Width ρ_m of bump `m`. */
  bumpWidth(m: number): number;
  /** Number of bumps M. */
  readonly bumps: number;
}

/** Builds the multimodal one-step task (seeded; episodes last one step and terminate). */
export function multimodalBandit(opts: MultimodalBanditOptions = {}): MultimodalBanditEnv {
  const ds = opts.stateDim ?? 2;
  const d = opts.actionDim ?? 2;
  const M = opts.bumps ?? 6;
  const trapWidth = opts.trapWidth ?? 0.2;
  const globalWidth = opts.globalWidth ?? 0.1;
  const noise = opts.noise ?? 0;
  const seed = opts.seed ?? 0;
  assertInteger(ds, "stateDim", { min: 1 });
  assertInteger(d, "actionDim", { min: 1 });
  assertInteger(M, "bumps", { min: 1 });
  assertPositive(trapWidth, "trapWidth");
  assertPositive(globalWidth, "globalWidth");
  assertNonNegative(noise, "noise");
  assertInteger(seed, "seed", { min: 0 });
  const taskRng = new Rng(seed);
  // W_m (d × ds) and u_m (d) ~ N(0, 1), fixed by the task seed
  const W = taskRng.normalArray(M * d * ds);
  const U = taskRng.normalArray(M * d);
  const heights = new Float64Array(M);
  const widths = new Float64Array(M);
  for (let m = 0; m < M - 1; m++) {
    heights[m] = M - 1 === 1 ? 0.8 : 0.6 + (0.2 * m) / (M - 2);
    widths[m] = trapWidth;
  }
  heights[M - 1] = 1;
  widths[M - 1] = globalWidth;
  let rng = new Rng(seed + 1);
  let state: Float64Array = new Float64Array(ds);
  const centre = new Float64Array(d);

  const centreInto = (s: ArrayLike<number>, m: number, out: Float64Array): void => {
    for (let i = 0; i < d; i++) {
      let z = U[m * d + i] as number;
      for (let j = 0; j < ds; j++) z += (W[(m * d + i) * ds + j] as number) * (s[j] as number);
      out[i] = 0.8 * Math.tanh(z);
    }
  };
  const checkAction = (a: ArrayLike<number>): void => {
    if (a === null || typeof a !== "object" || a.length !== d) {
      throw new DescentError(`action must have length actionDim = ${d}, received ${String(a?.length)}`, {
        parameter: "action",
        code: "shape",
      });
    }
  };
  const rewardGradient = (s: ArrayLike<number>, a: ArrayLike<number>, grad: Float64Array | null): number => {
    checkAction(a);
    // the max picks one component; its gradient is the (sub)gradient of the max
    let sq = 0;
    for (let i = 0; i < d; i++) sq += (a[i] as number) ** 2;
    let best = 0.2 * (1 - sq / d);
    let bestM = -1;
    let bestScale = 0;
    for (let m = 0; m < M; m++) {
      centreInto(s, m, centre);
      let dist = 0;
      for (let i = 0; i < d; i++) dist += ((a[i] as number) - (centre[i] as number)) ** 2;
      const rho = widths[m] as number;
      const v = (heights[m] as number) * Math.exp(-dist / (2 * rho * rho));
      if (v > best) {
        best = v;
        bestM = m;
        bestScale = -v / (rho * rho);
      }
    }
    if (grad !== null) {
      if (bestM < 0) {
        for (let i = 0; i < d; i++) grad[i] = (-0.4 * (a[i] as number)) / d;
      } else {
        centreInto(s, bestM, centre);
        for (let i = 0; i < d; i++) grad[i] = bestScale * ((a[i] as number) - (centre[i] as number));
      }
    }
    return best;
  };

  const env: MultimodalBanditEnv = {
    observationSpace: boxSpace(new Float64Array(ds).fill(-1), new Float64Array(ds).fill(1)),
    actionSpace: boxSpace(new Float64Array(d).fill(-1), new Float64Array(d).fill(1)),
    stateDim: ds,
    actionDim: d,
    bumps: M,
    reset(o: ResetOptions = {}) {
      if (o.seed !== undefined) rng = new Rng(o.seed);
      if (o.state !== undefined) {
        if (o.state.length !== ds) {
          throw new DescentError(`state must have length stateDim = ${ds}, received ${o.state.length}`, {
            parameter: "state",
            code: "shape",
          });
        }
        state = Float64Array.from(o.state);
      } else {
        state = rng.uniformArray(ds, -1, 1);
      }
      return { obs: Float64Array.from(state) };
    },
    getState: () => Float64Array.from(state),
    step(a: Float64Array): StepResult {
      checkAction(a);
      const clipped = new Float64Array(d);
      for (let i = 0; i < d; i++) clipped[i] = Math.min(1, Math.max(-1, a[i] as number));
      let r = rewardGradient(state, clipped, null);
      if (noise > 0) r += rng.normal(0, noise);
      return { obs: Float64Array.from(state), reward: r, terminated: true, truncated: false };
    },
    trueReward: (s, a) => rewardGradient(s, a, null),
    rewardGradient: (s, a, grad) => rewardGradient(s, a, grad),
    optimalValue: () => 1,
    bumpCentre(s, m) {
      assertInteger(m, "m", { min: 0, max: M - 1 });
      const out = new Float64Array(d);
      centreInto(s, m, out);
      return out;
    },
    bumpWidth(m) {
      assertInteger(m, "m", { min: 0, max: M - 1 });
      return widths[m] as number;
    },
  };
  return env;
}
