/**
 * Float64 likelihoods of analytic (non-network) vector fields by the CNF change of variables
 * (docs/method.md, "Likelihood"): integrate `dx/dt = v`, `dℓ/dt = ∇·v` backwards from t = 1 to 0 with
 * RK4 on a time grid, then `log p_1(x) = log p_0(x(0)) + ℓ(0)`. Used for the exact marginal fields of
 * the paths and as the oracle of the tfjs likelihood.
 */
import {
  assertInRange,
  assertInteger,
  assertKnownOptions,
  assertOneOf,
  DescentError,
} from "@descent/core-tensor";
import { assertObjectWith, assertPoint } from "./argument-types.js";
import { assertPrior, type Prior, priorLogDensity } from "./prior.js";

/** A vector field given in closed form, with its divergence. */
export interface AnalyticField {
  readonly dim: number;
  value(x: ArrayLike<number>, t: number, out?: Float64Array): Float64Array;
  divergence(x: ArrayLike<number>, t: number): number;
}

/** Grid of an ODE solve. */
export interface OdeGridOptions {
  /** Number of RK4 steps K. Default `100`. */
  steps?: number;
  /**
   * `'cosine'` (default, our choice): `t_k = ½(1 + cos(πk/K))`, dense at both ends where HI-FM fields
   * change fastest; `'uniform'`.
   */
  grid?: "cosine" | "uniform";
  /** Largest time fed to the field. Default `1 − 1e-6`. */
  tMax?: number;
}

/** The time grid from 1 down to 0 (`K + 1` values), clamped to `[0, tMax]`. */
export function timeGrid(options: OdeGridOptions = {}): Float64Array {
  assertKnownOptions(options, ["steps", "grid", "tMax"]);
  const { steps = 100, grid = "cosine", tMax = 1 - 1e-6 } = options;
  assertInteger(steps, "steps", { min: 1 });
  assertInRange(tMax, "tMax", { min: 0, max: 1 });
  assertOneOf(grid, "grid", ["cosine", "uniform"]);
  const out = new Float64Array(steps + 1);
  for (let k = 0; k <= steps; k++) {
    const t = grid === "cosine" ? 0.5 * (1 + Math.cos((Math.PI * k) / steps)) : 1 - k / steps;
    out[k] = Math.min(tMax, t);
  }
  out[steps] = 0;
  return out;
}

/** `log p_1(x)` of the flow defined by `field` and `prior`, by backward RK4 in float64. */
export function analyticLogLikelihood(
  field: AnalyticField,
  x: ArrayLike<number>,
  prior: Prior,
  options: OdeGridOptions = {},
): number {
  assertObjectWith(field, "field", "an analytic field", ["value", "divergence"]);
  assertPrior(prior);
  assertPoint(x, "x", field.dim);
  if (x.length !== field.dim) {
    throw new DescentError(`x must have length ${field.dim}, received ${x.length}`, {
      parameter: "x",
      code: "shape",
    });
  }
  const d = field.dim;
  const ts = timeGrid(options);
  let y = Float64Array.from(x);
  let ell = 0;
  const tmp = new Float64Array(d);
  for (let k = 0; k + 1 < ts.length; k++) {
    const t0 = ts[k] as number;
    const h = (ts[k + 1] as number) - t0;
    const k1 = field.value(y, t0);
    const l1 = field.divergence(y, t0);
    for (let i = 0; i < d; i++) tmp[i] = (y[i] as number) + 0.5 * h * (k1[i] as number);
    const k2 = field.value(tmp, t0 + 0.5 * h);
    const l2 = field.divergence(tmp, t0 + 0.5 * h);
    for (let i = 0; i < d; i++) tmp[i] = (y[i] as number) + 0.5 * h * (k2[i] as number);
    const k3 = field.value(tmp, t0 + 0.5 * h);
    const l3 = field.divergence(tmp, t0 + 0.5 * h);
    for (let i = 0; i < d; i++) tmp[i] = (y[i] as number) + h * (k3[i] as number);
    const k4 = field.value(tmp, t0 + h);
    const l4 = field.divergence(tmp, t0 + h);
    const next = new Float64Array(d);
    for (let i = 0; i < d; i++)
      next[i] =
        (y[i] as number) +
        (h / 6) * ((k1[i] as number) + 2 * (k2[i] as number) + 2 * (k3[i] as number) + (k4[i] as number));
    ell += (h / 6) * (l1 + 2 * l2 + 2 * l3 + l4);
    y = next;
  }
  return priorLogDensity(prior, y) + ell;
}
