/**
 * The scaffolding shared by the classic-control environments (docs/method.md §A.2): a seeded initial-state stream,
 * `reset({seed, state})` that re-seeds or starts from an exact state, and `getState()` copies. Each
 * environment supplies its dynamics (`step`), its initial-state distribution and its observation map.
 * Internal: the environments document their own spaces and constants.
 */
import { Rng } from "@descent/core-tensor";
import { assertStateVector, type Env, type ResetOptions, type Space, type StepResult } from "./env.js";

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

  constructor(seed = 0) {
    this.rng = new Rng(seed);
  }

  reset(opts: ResetOptions = {}): { obs: Float64Array } {
    if (opts.seed !== undefined) this.rng = new Rng(opts.seed);
    if (opts.state !== undefined) {
      assertStateVector(opts.state, this.s.length);
      this.s.set(opts.state);
    } else {
      this.sampleInitialState();
    }
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
