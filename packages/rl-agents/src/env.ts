/**
 * The Gymnasium-shaped environment interface of the substrate (docs/method.md §A.1): `reset({seed, state})`,
 * `step(action)` returning observation, reward, `terminated` (a true terminal state: bootstrap with 0)
 * and `truncated` (time limit: the transition still bootstraps), and spaces with bounds.
 */
import { assertInteger, DescentError } from "@descent/core-tensor";

/** A finite action or observation set `{0, …, n−1}`. */
export interface DiscreteSpace {
  readonly kind: "discrete";
  readonly n: number;
}

/** A box `[low, high]` of the given shape (bounds may be ±Infinity). */
export interface BoxSpace {
  readonly kind: "box";
  readonly shape: readonly number[];
  readonly low: Float64Array;
  readonly high: Float64Array;
}

/** The space of observations or actions (docs/method.md §A.1). */
export type Space = DiscreteSpace | BoxSpace;

/** One environment transition (docs/method.md §A.1). */
export interface StepResult<O = Float64Array> {
  readonly obs: O;
  readonly reward: number;
  /** A true terminal state of the MDP: the learner bootstraps with 0. */
  readonly terminated: boolean;
  /** The episode was cut (time limit): the runner resets, but the transition bootstraps with V(s'). */
  readonly truncated: boolean;
  readonly info?: Record<string, unknown>;
}

/** Options of {@link Env.reset}. */
export interface ResetOptions {
  /** Re-seeds the environment's own random stream before drawing the initial state. */
  seed?: number;
  /** Starts from this exact physical state instead of a random one (classic-control envs). */
  state?: Float64Array;
}

/** A Gymnasium-shaped environment (docs/method.md §A.1). Observations are float64; networks convert at the boundary. */
export interface Env<O = Float64Array, A = number | Float64Array> {
  readonly observationSpace: Space;
  readonly actionSpace: Space;
  reset(opts?: ResetOptions): { obs: O; info?: Record<string, unknown> };
  /** The physical state vector (classic control); a copy. */
  getState?(): Float64Array;
  step(action: A): StepResult<O>;
  close?(): void;
}

/** Builds a box space from bounds; `shape` defaults to `[low.length]`. */
export function boxSpace(low: ArrayLike<number>, high: ArrayLike<number>): BoxSpace {
  if (low.length !== high.length) {
    throw new DescentError(`high must have the length of low (${low.length}), received ${high.length}`, {
      parameter: "high",
      code: "shape",
    });
  }
  return { kind: "box", shape: [low.length], low: Float64Array.from(low), high: Float64Array.from(high) };
}

/** Builds a discrete space with `n` elements. */
export function discreteSpace(n: number): DiscreteSpace {
  assertInteger(n, "n", { min: 1 });
  return { kind: "discrete", n };
}

/** Number of scalar components of a space (1 for discrete). */
export function spaceSize(space: Space): number {
  return space.kind === "discrete" ? 1 : space.low.length;
}

/**
 * Wraps an environment with a time limit (docs/method.md §A.1): the step that reaches `maxSteps` returns
 * `truncated = true` unless it is terminal. The counter restarts at every `reset`.
 */
export function withTimeLimit<O, A, E extends Env<O, A>>(env: E, maxSteps: number): E {
  assertInteger(maxSteps, "maxSteps", { min: 1 });
  let elapsed = 0;
  let truncated = false;
  const wrapped = Object.create(env) as E;
  wrapped.reset = (opts?: ResetOptions) => {
    elapsed = 0;
    truncated = false;
    return env.reset(opts);
  };
  wrapped.step = (action: A) => {
    if (truncated) throw needsResetError("the episode was truncated by the time limit");
    const r = env.step(action);
    elapsed += 1;
    if (elapsed >= maxSteps && !r.terminated) {
      truncated = true;
      return { ...r, truncated: true };
    }
    return r;
  };
  return wrapped;
}

/**
 * The error of a `step` that needs a `reset` first (before the first reset, or after the episode ended),
 * as Gymnasium's order enforcing raises instead of running on from a stale state.
 */
export function needsResetError(why: string): DescentError {
  return new DescentError(`call reset() before step(): ${why}`, { parameter: "reset", code: "needs-reset" });
}

/** Throws unless `action` is a valid integer action of a discrete space with `n` actions. */
export function assertDiscreteAction(action: unknown, n: number): asserts action is number {
  if (typeof action !== "number" || !Number.isInteger(action) || action < 0 || action >= n) {
    throw new DescentError(`action must be an integer in [0, ${n}), received ${String(action)}`, {
      parameter: "action",
      code: "range",
    });
  }
}

/** Throws unless `state` has the given length and is finite. */
export function assertStateVector(state: Float64Array, length: number): void {
  if (!(state instanceof Float64Array) || state.length !== length) {
    throw new DescentError(
      `state must be a Float64Array of length ${length}, received ${String(state?.length)}`,
      {
        parameter: "state",
        code: "shape",
      },
    );
  }
  for (let i = 0; i < length; i++) {
    if (!Number.isFinite(state[i] as number)) {
      throw new DescentError(`state must be finite, received ${state[i]} at index ${i}`, {
        parameter: "state",
        code: "finite",
      });
    }
  }
}

/** Throws unless `action` is a finite scalar or length-1+ Float64Array/number for a box action space. */
export function continuousActionValue(action: unknown, index = 0, length = 1): number {
  if (typeof action !== "number") {
    // an action vector longer than the action space would otherwise be read as its first entry
    const n = (action as ArrayLike<number> | null | undefined)?.length;
    if (n !== length) {
      throw new DescentError(`action must have length ${length}, received ${String(n)}`, {
        parameter: "action",
        code: "shape",
      });
    }
  }
  const v = typeof action === "number" ? action : (action as ArrayLike<number> | undefined)?.[index];
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new DescentError(`action must be a finite number or Float64Array, received ${String(v)}`, {
      parameter: "action",
      code: "finite",
    });
  }
  return v;
}
