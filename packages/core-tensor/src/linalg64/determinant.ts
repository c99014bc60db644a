/**
 * Log-determinants: `logdet` of a symmetric positive definite matrix from its Cholesky factor
 * (`2·Σ log Lᵢᵢ`, no overflow for large n) and the signed `slogdet` of any square matrix by LU.
 */
import { cholesky } from "./cholesky.js";
import { luInPlace } from "./lu.js";
import { assertFiniteMatrix, assertSquare, type Matrix64 } from "./matrix.js";

/**
 * `log det A` of the symmetric positive definite `A` (only its lower triangle is read).
 *
 * @throws {DescentError} code `"not-positive-definite"` (naming the pivot) when A is not SPD,
 * `"shape"`/`"finite"` for bad input.
 */
export function logdet(A: Matrix64): number {
  const L = cholesky(A);
  const n = L.rows;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(L.data[i * n + i] as number);
  return 2 * s;
}

/** The result of {@link slogdet}: `det A = sign · exp(logAbsDet)`. */
export interface SlogdetResult {
  /** `+1`, `-1`, or `0` for a singular matrix. */
  sign: number;
  /** `log |det A|` (`-Infinity` for a singular matrix). */
  logAbsDet: number;
}

/**
 * Sign and log-absolute-determinant of the square `A` by LU with partial pivoting (numpy's
 * `slogdet`). An exactly singular matrix gives `{ sign: 0, logAbsDet: -Infinity }` rather than an
 * error.
 *
 * @throws {DescentError} code `"shape"` for non-square input, `"finite"` for NaN.
 */
export function slogdet(A: Matrix64): SlogdetResult {
  assertSquare(A, "A");
  assertFiniteMatrix(A, "A");
  const n = A.rows;
  const a = A.data.slice();
  const piv = new Int32Array(n);
  let { sign } = luInPlace(n, a, piv, 0);
  let logAbsDet = 0;
  for (let i = 0; i < n; i++) {
    const u = a[i * n + i] as number;
    if (u === 0) return { sign: 0, logAbsDet: Number.NEGATIVE_INFINITY };
    if (u < 0) sign = -sign;
    logAbsDet += Math.log(Math.abs(u));
  }
  return { sign, logAbsDet };
}
