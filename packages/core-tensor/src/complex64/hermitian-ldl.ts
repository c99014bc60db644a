/**
 * Hermitian LDLᴴ factorisation without pivoting, `A = L·D·Lᴴ` with unit lower-triangular L and a
 * real diagonal D — for small Hermitian matrices whose pivots must be inspected rather than trusted
 * (the 4×4 Gram matrix Γ of kahler-grassmannian's method §5: its pivots are positive iff the metric is
 * positive definite, and det Γ = Π dᵢ).
 */
import { DescentError, describeValue } from "../errors.js";
import { assertSquareFiniteCMatrix, type CMatrix } from "./cmatrix.js";

/** The factors of {@link hermitianLdl}. */
export interface HermitianLdlResult {
  /** Unit lower-triangular factor (ones on the diagonal, zeros above). */
  L: CMatrix;
  /** The real pivots: `A = L·diag(d)·Lᴴ`; all > 0 iff A is positive definite. */
  d: Float64Array;
}

/**
 * Factors the Hermitian `A` (lower triangle read) as `L·diag(d)·Lᴴ` without pivoting. Negative
 * pivots are returned, not rejected (A may be indefinite).
 *
 * @throws {DescentError} code `"singular"` when a pivot is exactly zero (the factorisation does not
 * exist without pivoting), `"shape"`/`"finite"` for bad input.
 */
export function hermitianLdl(A: CMatrix): HermitianLdlResult {
  assertSquareFiniteCMatrix(A, "A");
  const n = A.rows;
  const lr = new Float64Array(n * n);
  const li = new Float64Array(n * n);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < i; j++) {
      const rj = j * n;
      // L_ij·d_j = A_ij − Σ_{k<j} L_ik·d_k·conj(L_jk)
      let sr = A.re[ri + j] as number;
      let si = A.im[ri + j] as number;
      for (let k = 0; k < j; k++) {
        const dk = d[k] as number;
        const ar = (lr[ri + k] as number) * dk;
        const ai = (li[ri + k] as number) * dk;
        const br = lr[rj + k] as number;
        const bi = li[rj + k] as number;
        sr -= ar * br + ai * bi;
        si -= ai * br - ar * bi;
      }
      const dj = d[j] as number;
      lr[ri + j] = sr / dj;
      li[ri + j] = si / dj;
    }
    let s = A.re[ri + i] as number;
    for (let k = 0; k < i; k++)
      s -= (d[k] as number) * ((lr[ri + k] as number) ** 2 + (li[ri + k] as number) ** 2);
    if (s === 0) {
      throw new DescentError(`A has a zero LDLᴴ pivot at row ${i} (${describeValue(s)}); it needs pivoting`, {
        parameter: "A",
        code: "singular",
      });
    }
    d[i] = s;
    lr[ri + i] = 1;
  }
  return { L: { rows: n, cols: n, re: lr, im: li }, d };
}
