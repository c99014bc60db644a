/**
 * The learning-agent contract of the substrate (docs/method.md §B.g): `act`, `observe` (stores the transition and
 * runs the agent's own update schedule), and the agent's optimizers, so that a learning-rate controller
 * (a schedule or the LRRL bandit) can set their rate between updates.
 */
import { DescentError } from "@descent/core-tensor";
import type { Optimizer } from "./optimizers.js";

/** Throws unless `t` is a transition object (a JavaScript caller may pass anything). */
export function assertTransition(t: unknown): void {
  if (t === null || typeof t !== "object") {
    throw new DescentError(
      "transition must be an object { obs, action, reward, nextObs, terminated, truncated }",
      {
        parameter: "transition",
        code: "type",
      },
    );
  }
}

/**
 * Throws unless `obs` holds exactly `obsDim` finite numbers. A short observation would read past its
 * end (NaN Q-values, action 0) and a NaN one would enter the replay buffer and poison the network.
 */
export function assertObservation(obs: unknown, obsDim: number, parameter = "obs"): void {
  const values = obs as ArrayLike<unknown> | null | undefined;
  if (values === null || typeof values !== "object" || values.length !== obsDim) {
    throw new DescentError(
      `${parameter} must hold obsDim = ${obsDim} numbers, received length ${String(values?.length)}`,
      { parameter, code: "shape" },
    );
  }
  for (let i = 0; i < obsDim; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new DescentError(`${parameter} must be finite, received ${String(v)} at index ${i}`, {
        parameter,
        code: "finite",
      });
    }
  }
}

/** One environment transition as seen by an agent. */
export interface Transition<A = number | Float64Array> {
  readonly obs: Float64Array;
  readonly action: A;
  readonly reward: number;
  readonly nextObs: Float64Array;
  /** True terminal state: the learner bootstraps with 0 (docs/method.md §A.1). */
  readonly terminated: boolean;
  /** Time-limit cut: the episode ends but the transition bootstraps (docs/method.md §A.1). */
  readonly truncated: boolean;
}

/** An agent that acts, observes transitions and trains itself on its own schedule. */
export interface LearningAgent<A = number | Float64Array> {
  /** An action for `obs`; `explore` (default true) enables the training-time exploration. */
  act(obs: Float64Array, opts?: { explore?: boolean }): A;
  /** Stores the transition and performs the gradient updates due at this environment step. */
  observe(t: Transition<A>): void;
  /** The optimizers whose learning rate a controller may set (docs/method.md §A.5). */
  readonly optimizers: readonly Optimizer[];
  /** Gradient updates performed so far. */
  readonly gradientSteps: number;
  /** Environment steps observed so far. */
  readonly envSteps: number;
}
