/**
 * The learning-agent contract of the substrate (docs/method.md §B.g): `act`, `observe` (stores the transition and
 * runs the agent's own update schedule), and the agent's optimizers, so that a learning-rate controller
 * (a schedule or the LRRL bandit) can set their rate between updates.
 */
import type { Optimizer } from "./optimizers.js";

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
