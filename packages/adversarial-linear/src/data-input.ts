/**
 * The inputs every entry point accepts (a float64 design matrix, a target vector, the attack norm) and
 * their validation at the boundary (docs/method.md §g: throw on NaN/Inf, on shape mismatch, on bad labels).
 */

import type { Matrix64 } from "@descent/core-tensor";
import {
  assertAllFinite,
  assertNonEmpty,
  assertOneOf,
  DescentError,
  describeValue,
} from "@descent/core-tensor";

/** A row-major float64 matrix (core-tensor's `Matrix64`) or an array of rows. */
export type MatrixInput = Matrix64 | readonly ArrayLike<number>[];

/** A vector of numbers. */
export type VectorInput = Float64Array | ArrayLike<number>;

/**
 * The norm bounding the perturbation, `‖Δx‖ ≤ δ`. The penalty on the coefficients is its dual norm
 * (docs/method.md §b): `'linf'` → ℓ1 penalty (Lasso-like), `'l2'` → ℓ2 penalty.
 */
export type AttackNorm = "linf" | "l2";

/** The two learning tasks of the paper. */
export type Task = "regression" | "classification";

/** @internal */
export const ATTACKS: readonly AttackNorm[] = ["linf", "l2"];

function isMatrix64(x: unknown): x is Matrix64 {
  return (
    typeof x === "object" &&
    x !== null &&
    "data" in x &&
    "rows" in x &&
    "cols" in x &&
    (x as Matrix64).data instanceof Float64Array
  );
}

/**
 * Converts and validates a design matrix (at least one row and one column, all finite).
 * A `Matrix64` is used as is (not copied); nested rows are copied into a new one.
 * @internal
 */
export function toMatrix(X: MatrixInput, parameter = "X"): Matrix64 {
  if (isMatrix64(X)) {
    if (!Number.isInteger(X.rows) || !Number.isInteger(X.cols) || X.data.length !== X.rows * X.cols) {
      throw new DescentError(
        `${parameter} must have data.length = rows·cols, received rows ${X.rows}, cols ${X.cols}, length ${X.data.length}`,
        { parameter, code: "shape" },
      );
    }
    if (X.rows === 0 || X.cols === 0) {
      throw new DescentError(`${parameter} must not be empty, received ${X.rows}×${X.cols}`, {
        parameter,
        code: "empty",
      });
    }
    assertAllFinite(X.data, parameter);
    return X;
  }
  if (!Array.isArray(X)) {
    throw new DescentError(
      `${parameter} must be a Matrix64 or an array of rows, received ${describeValue(X)}`,
      {
        parameter,
        code: "type",
      },
    );
  }
  assertNonEmpty(X, parameter);
  const rows = X.length;
  const cols = (X[0] as ArrayLike<number>).length;
  if (cols === 0)
    throw new DescentError(`${parameter} must have at least one column`, { parameter, code: "empty" });
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = X[i] as ArrayLike<number>;
    if (row.length !== cols) {
      throw new DescentError(`${parameter} row ${i} has length ${row.length}, expected ${cols}`, {
        parameter,
        code: "shape",
      });
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] = row[j] as number;
  }
  assertAllFinite(data, parameter);
  return { rows, cols, data };
}

/**
 * Converts and validates a vector of the given length (all finite). Always returns a fresh copy.
 * @internal
 */
export function toVector(v: VectorInput, parameter: string, length?: number): Float64Array {
  if (v === null || typeof v !== "object" || typeof (v as ArrayLike<number>).length !== "number") {
    throw new DescentError(`${parameter} must be an array of numbers, received ${describeValue(v)}`, {
      parameter,
      code: "type",
    });
  }
  const out = Float64Array.from(v as ArrayLike<number>);
  if (length !== undefined && out.length !== length) {
    throw new DescentError(`${parameter} must have length ${length}, received length ${out.length}`, {
      parameter,
      code: "shape",
    });
  }
  assertAllFinite(out, parameter);
  return out;
}

/** Validates the attack name. @internal */
export function checkAttack(attack: unknown, parameter = "attack"): asserts attack is AttackNorm {
  assertOneOf(attack, parameter, ATTACKS);
}

/**
 * Maps classification labels to ±1. Accepts {−1, +1} or {0, 1} (the code maps `y ↦ 2y − 1`,
 * docs/method.md §b); returns the signed labels and the pair of original label values `[negative, positive]`.
 * @internal
 */
export function toSignedLabels(
  y: VectorInput,
  n: number,
  parameter = "y",
): { y: Float64Array; labels: [number, number] } {
  const v = toVector(y, parameter, n);
  let hasZero = false;
  let hasMinus = false;
  for (let i = 0; i < n; i++) {
    const yi = v[i] as number;
    if (yi === 0) hasZero = true;
    else if (yi === -1) hasMinus = true;
    else if (yi !== 1) {
      throw new DescentError(
        `${parameter} must contain labels in {0, 1} or {-1, +1}, found ${yi} at index ${i}`,
        {
          parameter,
          code: "labels",
        },
      );
    }
  }
  if (hasZero && hasMinus) {
    throw new DescentError(`${parameter} mixes the label sets {0, 1} and {-1, +1}`, {
      parameter,
      code: "labels",
    });
  }
  if (hasZero) for (let i = 0; i < n; i++) v[i] = 2 * (v[i] as number) - 1;
  return { y: v, labels: hasZero ? [0, 1] : [-1, 1] };
}
