/**
 * What the solvers report after every iteration (regression and classification), and the hook type that
 * receives it (progress reporting and early stopping).
 */

/** What an iteration hook receives (regression and classification). */
export interface IterationInfo {
  /** Number of completed iterations (epochs for the stochastic solvers), starting at 1. */
  iteration: number;
  /** The current coefficients (a live buffer: copy it to keep it). */
  coef: Float64Array;
  /** The adversarial risk (closed form, docs/method.md §b) at `coef`. */
  risk: number;
  /** `‖z_{k+1} − z_k‖₂`, the quantity of the stopping test. */
  updateSize: number;
  /** The step size used, for the gradient methods. */
  step?: number;
}

/** Hook called after every iteration; return `true` to stop early. */
// biome-ignore lint/suspicious/noConfusingVoidType: a hook that returns nothing is the common case
export type IterationHook = (info: IterationInfo) => boolean | undefined | void;
