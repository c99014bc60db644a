/**
 * Explicit gradient descent on the in-context least-squares loss `L(w) = (1/(2n))‖Xw − y‖²` (docs/method.md §b):
 * the reference every Transformer construction must reproduce, plain or preconditioned.
 */
import {
  assertAllFinite,
  assertInteger,
  assertLength,
  assertPositive,
  assertShape,
  DescentError,
  type Matrix64,
} from "@descent/core-tensor";
import { crossMoment, secondMoment } from "./condition-number.js";
import { assertPrompt, type RegressionPrompt } from "./prompt.js";

/** Options of {@link gd}. */
export interface GdOptions {
  /** Number of steps T (integer ≥ 0). */
  steps: number;
  /** Step size η (> 0). Ignored when `precond` is given. */
  eta?: number;
  /** Preconditioner `A` (d × d): `w ← w − A ∇L(w)` (docs/method.md §b, preconditioned GD). */
  precond?: Matrix64;
  /** Start point `w_0`. Default: zeros (docs/method.md §b). */
  w0?: Float64Array;
}

/**
 * Runs T steps of (preconditioned) GD from `w_0` and returns the whole trajectory `[w_0, …, w_T]`.
 * `∇L(w) = (1/n) Xᵀ(Xw − y)` (docs/method.md §b).
 *
 * @example gd(prompt, { steps: 10, eta: 1 / conditionNumber(prompt.X).lambdaMax }).at(-1)
 */
export function gd(prompt: RegressionPrompt, opts: GdOptions): Float64Array[] {
  assertPrompt(prompt);
  const { rows: n, cols: d } = prompt.X;
  assertInteger(opts.steps, "steps", { min: 0 });
  if (opts.precond === undefined) assertPositive(opts.eta, "eta");
  else {
    assertShape([opts.precond.rows, opts.precond.cols], "precond", [d, d]);
    for (const v of opts.precond.data) {
      if (!Number.isFinite(v))
        throw new DescentError("precond must be finite", { parameter: "precond", code: "finite" });
    }
  }
  if (opts.w0 !== undefined) assertLength(opts.w0, "w0", d);
  const X = prompt.X.data;
  const w = opts.w0 === undefined ? new Float64Array(d) : Float64Array.from(opts.w0);
  const out = [Float64Array.from(w)];
  const grad = new Float64Array(d);
  for (let t = 0; t < opts.steps; t++) {
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      let r = -(prompt.y[i] as number);
      for (let j = 0; j < d; j++) r += (X[i * d + j] as number) * (w[j] as number);
      for (let j = 0; j < d; j++) grad[j] = (grad[j] as number) + ((X[i * d + j] as number) * r) / n;
    }
    if (opts.precond === undefined) {
      const eta = opts.eta as number;
      for (let j = 0; j < d; j++) w[j] = (w[j] as number) - eta * (grad[j] as number);
    } else {
      const A = opts.precond.data;
      const step = new Float64Array(d);
      for (let a = 0; a < d; a++) {
        let s = 0;
        for (let b = 0; b < d; b++) s += (A[a * d + b] as number) * (grad[b] as number);
        step[a] = s;
      }
      for (let j = 0; j < d; j++) w[j] = (w[j] as number) - (step[j] as number);
    }
    out.push(Float64Array.from(w));
  }
  return out;
}

/** `x_qᵀ w` for the prompt's query: the prediction of a weight vector. */
export function predictQuery(prompt: RegressionPrompt, w: Float64Array): number {
  assertPrompt(prompt);
  assertLength(w, "w", prompt.xq.length);
  assertAllFinite(w, "w");
  let s = 0;
  for (let j = 0; j < w.length; j++) s += (prompt.xq[j] as number) * (w[j] as number);
  return s;
}

/** Options of {@link gdStepsToTolerance}. */
export interface GdStepsToToleranceOptions {
  /** Step size η (> 0), e.g. `1/λ_max(Ŝ)` (docs/method.md §e.3). */
  eta: number;
  /** Target relative weight error `‖w_T − w*‖/‖w_0 − w*‖`. Default `1e-3` (docs/method.md §e.3). */
  tolerance?: number;
  /** Give up after this many steps and return `Infinity`. Default `100000`, our choice. */
  maxSteps?: number;
}

/**
 * The smallest T with `‖w_T − w*‖ ≤ tolerance·‖w*‖` for GD from `w_0 = 0` on a noiseless prompt
 * (docs/method.md §e.3: the loops a looped Transformer needs). Costs `O(d²)` per step after forming `Ŝ`.
 */
export function gdStepsToTolerance(prompt: RegressionPrompt, opts: GdStepsToToleranceOptions): number {
  assertPrompt(prompt);
  assertPositive(opts.eta, "eta");
  const tol = opts.tolerance ?? 1e-3;
  assertPositive(tol, "tolerance");
  const maxSteps = opts.maxSteps ?? 100_000;
  assertInteger(maxSteps, "maxSteps", { min: 0 });
  const d = prompt.X.cols;
  const S = secondMoment(prompt.X).data;
  const b = crossMoment(prompt.X, prompt.y);
  let ws2 = 0;
  for (const v of prompt.wStar) ws2 += v * v;
  const target = tol * tol * ws2;
  const w = new Float64Array(d);
  const g = new Float64Array(d);
  for (let t = 1; t <= maxSteps; t++) {
    for (let a = 0; a < d; a++) {
      let s = -(b[a] as number);
      for (let c = 0; c < d; c++) s += (S[a * d + c] as number) * (w[c] as number);
      g[a] = s;
    }
    let e2 = 0;
    for (let a = 0; a < d; a++) {
      w[a] = (w[a] as number) - opts.eta * (g[a] as number);
      e2 += ((w[a] as number) - (prompt.wStar[a] as number)) ** 2;
    }
    if (e2 <= target) return t;
  }
  return Number.POSITIVE_INFINITY;
}
