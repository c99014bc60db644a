/**
 * Box bounds for an unbounded search (docs/method.md §h.9): SABO and INGO sample from Gaussians on all of ℝ^d, while
 * BBT's CMA-ES keeps z in [−5, 5] (`bbt.py`, `bound = 5`). Following docs/method.md §h.9 (and the optunahub INGO
 * sampler), the objective is evaluated at the clipped point and the distance outside the box is penalised:
 *
 *   F_b(x) = F(clip(x, lower, upper)) + penaltyWeight · ‖x − clip(x)‖² / d.
 *
 * The optimiser keeps searching on ℝ^d; the penalty pulls its mean back inside the box, and inside the box
 * F_b = F. Clip the returned recommendation with {@link clipToBounds} before using it.
 *
 * @example
 * ```ts
 * const f = boundedObjective((x) => x.reduce((a, v) => a + (v - 9) ** 2, 0), { dim: 10, lower: -5, upper: 5 });
 * const result = await minimize(f, new Sabo({ dim: 10, rho: 1 }), { maxEvaluations: 4000 });
 * const z = clipToBounds(result.x, -5, 5); // every coordinate ends at the bound 5
 * ```
 */
import { assertInteger, assertNonNegative, DescentError, describeValue } from "@descent/core-tensor";
import type { Vector } from "./ask-tell.js";
import type { Objective } from "./minimize.js";
import { assertOptionsObject } from "./options-object.js";
import { type ScalarOrVector, startVector } from "./start-vector.js";

/** Options of {@link boundedObjective}. */
export interface BoundedObjectiveOptions {
  /** d, the length of the points the objective receives. */
  dim: number;
  /** Lower bound, scalar or per coordinate. Default −5 (BBT's bound, docs/method.md §h.9). */
  lower?: ScalarOrVector;
  /** Upper bound, scalar or per coordinate, ≥ lower. Default 5 (BBT's bound, docs/method.md §h.9). */
  upper?: ScalarOrVector;
  /** Weight of the penalty ‖x − clip(x)‖²/d (≥ 0). Default 1 (docs/method.md §h.9). */
  penaltyWeight?: number;
}

/** `x` clipped coordinate-wise into [lower, upper] (a new vector; `x` is not modified). */
export function clipToBounds(x: ArrayLike<number>, lower: ScalarOrVector, upper: ScalarOrVector): Vector {
  const dim = x.length;
  const lo = startVector(lower, dim, "lower", 0);
  const hi = startVector(upper, dim, "upper", 0);
  checkOrder(lo, hi);
  const out = new Float64Array(dim);
  for (let j = 0; j < dim; j++) out[j] = Math.min(Math.max(x[j] as number, lo[j] as number), hi[j] as number);
  return out;
}

function checkOrder(lo: Vector, hi: Vector): void {
  for (let j = 0; j < lo.length; j++) {
    if (!((lo[j] as number) <= (hi[j] as number))) {
      throw new DescentError(
        `upper must be >= lower in every coordinate, received ${hi[j]} < ${lo[j]} at index ${j}`,
        {
          parameter: "upper",
          code: "range",
        },
      );
    }
  }
}

/**
 * Wraps `f` (sync or async) so that it is evaluated at clip(x) plus `penaltyWeight · ‖x − clip(x)‖²/d`
 * (docs/method.md §h.9). Validates the options first; the wrapped objective rejects points of the wrong length.
 */
export function boundedObjective(f: Objective, options: BoundedObjectiveOptions): Objective {
  if (typeof f !== "function") {
    throw new DescentError(`f must be a function, received ${describeValue(f)}`, {
      parameter: "f",
      code: "type",
    });
  }
  assertOptionsObject(options, "options", ["dim", "lower", "upper", "penaltyWeight"]);
  const dim = options.dim;
  assertInteger(dim, "dim", { min: 1 });
  const lo = startVector(options.lower, dim, "lower", -5);
  const hi = startVector(options.upper, dim, "upper", 5);
  checkOrder(lo, hi);
  const weight = options.penaltyWeight ?? 1;
  assertNonNegative(weight, "penaltyWeight");
  return (x: Vector) => {
    if (x === null || typeof x !== "object" || x.length !== dim) {
      throw new DescentError(`x must have length ${dim}, received ${describeValue(x)}`, {
        parameter: "x",
        code: "shape",
      });
    }
    const clipped = new Float64Array(dim);
    let outside = 0;
    for (let j = 0; j < dim; j++) {
      const v = x[j] as number;
      const c = Math.min(Math.max(v, lo[j] as number), hi[j] as number);
      clipped[j] = c;
      outside += (v - c) * (v - c);
    }
    const penalty = (weight * outside) / dim;
    const value = f(clipped);
    return typeof value === "number" ? value + penalty : value.then((v) => v + penalty);
  };
}
