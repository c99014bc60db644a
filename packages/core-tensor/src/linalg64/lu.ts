/**
 * LU factorisation with partial pivoting `P·A = L·U` (L unit lower, U upper, stored together in
 * one matrix as LAPACK does), the solves and the inverse built on it.
 */
import { DescentError, describeValue } from "../errors.js";
import { assertNonNegative } from "../validate.js";
import {
  assertFiniteMatrix,
  assertFiniteVector,
  assertSquare,
  assertVector64,
  type Matrix64,
  swapRowsInPlace,
} from "./matrix.js";
import { assertRhsMatrix, triangularSolveInPlace } from "./triangular-solve.js";
import { normInf } from "./vector.js";

/** The factors of {@link luFactor}. */
export interface LuFactorization {
  /** L (strictly below the diagonal, unit diagonal implied) and U (on and above) in one `n × n` matrix. */
  lu: Matrix64;
  /** Row i of `P·A` is row `pivots[i]` of A. */
  pivots: Int32Array;
  /** The determinant of P: `+1` or `-1`. */
  sign: number;
}

/** Options of {@link luFactor}, {@link solve} and {@link inverse}. */
export interface LuOptions {
  /**
   * A pivot with `|uₖₖ| ≤ singularTolerance · max|Aᵢⱼ|` marks the matrix singular. Default
   * `n·ε` (ε = 2.2e-16), i.e. singular to working precision (our choice; LAPACK flags only exact
   * zeros: pass `0` for that).
   */
  singularTolerance?: number;
}

/**
 * Gaussian elimination with partial pivoting of the row-major buffer `a` (`n × n`, overwritten by
 * L\U); fills `piv`. Returns the permutation sign and the first pivot index whose magnitude is
 * `≤ threshold` (or -1). No validation: internal kernel.
 */
export function luInPlace(
  n: number,
  a: Float64Array,
  piv: Int32Array,
  threshold: number,
): { sign: number; singularAt: number } {
  let sign = 1;
  let singularAt = -1;
  for (let i = 0; i < n; i++) piv[i] = i;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(a[k * n + k] as number);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k] as number);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (p !== k) {
      swapRowsInPlace(a, n, k, p);
      const t = piv[k] as number;
      piv[k] = piv[p] as number;
      piv[p] = t;
      sign = -sign;
    }
    if (best <= threshold) {
      if (singularAt < 0) singularAt = k;
      if (best === 0) continue; // nothing to eliminate below an exact zero pivot
    }
    const rk = k * n;
    const inv = 1 / (a[rk + k] as number);
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      const f = (a[ri + k] as number) * inv;
      a[ri + k] = f;
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) a[ri + j] = (a[ri + j] as number) - f * (a[rk + j] as number);
    }
  }
  return { sign, singularAt };
}

/**
 * Factors the square `A` as `P·A = L·U` with partial pivoting.
 *
 * @throws {DescentError} code `"singular"` naming the pivot when A is singular to the tolerance,
 * `"shape"` when A is not square, `"finite"` on NaN/±Infinity.
 */
export function luFactor(A: Matrix64, options: LuOptions = {}): LuFactorization {
  assertSquare(A, "A");
  assertFiniteMatrix(A, "A");
  const n = A.rows;
  const tol = options.singularTolerance ?? n * Number.EPSILON;
  assertNonNegative(tol, "singularTolerance");
  const a = A.data.slice();
  const piv = new Int32Array(n);
  const { sign, singularAt } = luInPlace(n, a, piv, tol * normInf(A.data));
  if (singularAt >= 0) {
    throw new DescentError(
      `A is singular: pivot ${singularAt} of its LU factorisation is ${describeValue(a[singularAt * n + singularAt] as number)} (tolerance ${describeValue(tol)}·max|A|)`,
      { parameter: "A", code: "singular" },
    );
  }
  return { lu: { rows: n, cols: n, data: a }, pivots: piv, sign };
}

/**
 * Solves `A·x = b` from the factors of {@link luFactor}; `b` is a vector or an `n × k` matrix.
 *
 * @throws {DescentError} code `"shape"` on mismatched shapes, `"finite"` on NaN.
 */
export function luSolve(factor: LuFactorization, b: Float64Array): Float64Array;
export function luSolve(factor: LuFactorization, b: Matrix64): Matrix64;
export function luSolve(factor: LuFactorization, b: Float64Array | Matrix64): Float64Array | Matrix64;
export function luSolve(factor: LuFactorization, b: Float64Array | Matrix64): Float64Array | Matrix64 {
  assertSquare(factor?.lu, "factor.lu");
  const n = factor.lu.rows;
  if (!(factor.pivots instanceof Int32Array) || factor.pivots.length !== n) {
    throw new DescentError(`factor.pivots must be an Int32Array of length ${n}`, {
      parameter: "factor.pivots",
      code: "shape",
    });
  }
  const k = b instanceof Float64Array ? 1 : b.cols;
  if (b instanceof Float64Array) {
    assertVector64(b, "b", n);
    assertFiniteVector(b, "b");
  } else {
    assertRhsMatrix(b, n);
  }
  const src = b instanceof Float64Array ? b : b.data;
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const from = (factor.pivots[i] as number) * k;
    for (let c = 0; c < k; c++) x[i * k + c] = src[from + c] as number;
  }
  triangularSolveInPlace(n, factor.lu.data, x, k, true, false, true);
  triangularSolveInPlace(n, factor.lu.data, x, k, false, false, false);
  return b instanceof Float64Array ? x : { rows: n, cols: k, data: x };
}

/**
 * Solves the square system `A·x = b` by LU with partial pivoting; `b` is a vector or a matrix of
 * right-hand sides.
 *
 * @throws {DescentError} code `"singular"`, `"shape"` or `"finite"` (see {@link luFactor}).
 */
export function solve(A: Matrix64, b: Float64Array, options?: LuOptions): Float64Array;
export function solve(A: Matrix64, b: Matrix64, options?: LuOptions): Matrix64;
export function solve(
  A: Matrix64,
  b: Float64Array | Matrix64,
  options: LuOptions = {},
): Float64Array | Matrix64 {
  assertSquare(A, "A");
  if (b instanceof Float64Array) assertVector64(b, "b", A.rows);
  else assertRhsMatrix(b, A.rows);
  return luSolve(luFactor(A, options), b);
}

/**
 * The inverse `A⁻¹` by LU with partial pivoting. Prefer {@link solve} when the inverse is only
 * multiplied by a vector.
 *
 * @throws {DescentError} code `"singular"`, `"shape"` or `"finite"` (see {@link luFactor}).
 */
export function inverse(A: Matrix64, options: LuOptions = {}): Matrix64 {
  const f = luFactor(A, options);
  const n = A.rows;
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  return luSolve(f, { rows: n, cols: n, data: I });
}
