/**
 * Initial means and step sizes are given as a scalar (broadcast to every coordinate) or a vector of length
 * d; this resolves and validates both forms into a fresh `Float64Array`.
 */
import {
  assertAllFinite,
  assertFiniteNumber,
  assertLength,
  DescentError,
  describeValue,
} from "@descent/core-tensor";
import type { Vector } from "./ask-tell.js";

/** A scalar broadcast to all coordinates, or one value per coordinate. */
export type ScalarOrVector = number | ArrayLike<number>;

/**
 * Resolves `value` (or `fallback` when undefined) to a length-`dim` vector; with `positive`, every entry
 * must be > 0 (standard deviations).
 */
export function startVector(
  value: ScalarOrVector | undefined,
  dim: number,
  parameter: string,
  fallback: number,
  positive = false,
): Vector {
  const v = value ?? fallback;
  let out: Vector;
  if (typeof v === "number") {
    assertFiniteNumber(v, parameter);
    out = new Float64Array(dim).fill(v);
  } else {
    if (v === null || typeof v !== "object" || typeof v.length !== "number") {
      throw new DescentError(
        `${parameter} must be a number or an array of numbers, received ${describeValue(v)}`,
        {
          parameter,
          code: "type",
        },
      );
    }
    assertLength(v, parameter, dim);
    assertAllFinite(v, parameter);
    out = Float64Array.from(v);
  }
  if (positive) {
    for (let j = 0; j < dim; j++) {
      if (!((out[j] as number) > 0)) {
        throw new DescentError(
          `${parameter} must be > 0 in every coordinate, received ${out[j]} at index ${j}`,
          {
            parameter,
            code: "range",
          },
        );
      }
    }
  }
  return out;
}
