/**
 * The energy interface: `V : R^d → R` with analytic float64 gradient and Hessian (docs/method.md,
 * "Energies"). Second derivatives are written by hand rather than taken through tfjs, whose nested
 * gradients are wrong for several ops.
 */
import { DescentError } from "@descent/core-tensor";

/** An energy with analytic derivatives, evaluated in float64. */
export interface Energy {
  /** Dimension `d` of a configuration. */
  readonly dim: number;
  /** `V(x)`. */
  value(x: Float64Array): number;
  /** `∇V(x)`, written into `out` when given. */
  gradient(x: Float64Array, out?: Float64Array): Float64Array;
  /** `∇²V(x)`, row-major `d × d`, written into `out` when given. */
  hessian(x: Float64Array, out?: Float64Array): Float64Array;
}

/** A target whose normalised density is known and can be sampled exactly. */
export interface ExactDensity {
  /** `log q(x)`, normalised. */
  logDensity(x: Float64Array): number;
  /** `n` independent exact samples. */
  sample(n: number, rng: import("@descent/core-tensor").Rng): Float64Array[];
}

/** Throws a {@link DescentError} naming `parameter` when an energy value is NaN. */
export function assertEnergyValue(value: number, parameter: string): number {
  if (Number.isNaN(value)) {
    throw new DescentError(`${parameter} returned NaN`, { parameter, code: "finite" });
  }
  return value;
}

/** Throws unless `x` is a Float64Array of length `dim`. */
export function assertConfiguration(x: unknown, parameter: string, dim: number): asserts x is Float64Array {
  if (!(x instanceof Float64Array)) {
    throw new DescentError(`${parameter} must be a Float64Array`, { parameter, code: "type" });
  }
  if (x.length !== dim) {
    throw new DescentError(`${parameter} must have length ${dim}, received length ${x.length}`, {
      parameter,
      code: "shape",
    });
  }
}
