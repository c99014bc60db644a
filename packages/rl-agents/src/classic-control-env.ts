/**
 * The scaffolding shared by the classic-control environments (docs/method.md §A.2): a seeded initial-state stream,
 * `reset({seed, state})` that re-seeds or starts from an exact state, and `getState()` copies. Each
 * environment supplies its dynamics (`step`), its initial-state distribution and its observation map.
 * Internal: the environments document their own spaces and constants.
 */
import { Rng } from "@descent/core-tensor";
import {
  assertStateVector,
  type Env,
  needsResetError,
  type ResetOptions,
  type Space,
  type StepResult,
} from "./env.js";

/** `v` clipped to [lo, hi], as NumPy's `clip` in the Gymnasium sources (docs/method.md §A.2). */
export function clip(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}

/** A classic-control environment over a float64 physical state vector `s` (docs/method.md §A.1, A.2). */
export abstract class ClassicControlEnv<A> implements Env<Float64Array, A> {
  abstract readonly observationSpace: Space;
  abstract readonly actionSpace: Space;
  /** The physical state, updated in place by `step`. */
  protected abstract readonly s: Float64Array;
  protected rng: Rng;
  /** Why `step` must wait for a `reset` (never reset, or terminated), `null` while an episode runs. */
  private stepBlocked: string | null = "the environment was never reset";

  constructor(seed = 0) {
    this.rng = new Rng(seed);
    // Each environment implements only its dynamics in `step`; the episode bookkeeping (no step before
    // reset, none after termination) wraps it here once instead of in every subclass.
    const dynamics = this.step.bind(this);
    this.step = (action: A): StepResult => {
      if (this.stepBlocked !== null) throw needsResetError(this.stepBlocked);
      const result = dynamics(action);
      if (result.terminated) this.stepBlocked = "the episode terminated";
      return result;
    };
  }

  reset(opts: ResetOptions = {}): { obs: Float64Array } {
    if (opts.seed !== undefined) this.rng = new Rng(opts.seed);
    if (opts.state !== undefined) {
      assertStateVector(opts.state, this.s.length);
      this.s.set(opts.state);
    } else {
      this.sampleInitialState();
    }
    this.stepBlocked = null;
    return { obs: this.observation() };
  }

  getState(): Float64Array {
    return Float64Array.from(this.s);
  }

  abstract step(action: A): StepResult;

  /** Draws the initial state into `s` from `rng` (Gymnasium's `reset` distribution). */
  protected abstract sampleInitialState(): void;

  /** The observation of the current state; a copy of `s` unless the environment maps it. */
  protected observation(): Float64Array {
    return Float64Array.from(this.s);
  }
}
