/**
 * Functions of matrices: `f(A) = V·diag(f(λ))·Vᵀ` for symmetric A through {@link eigh} (exp, square
 * root, log and any scalar function), and the general matrix exponential by scaling and squaring
 * with a diagonal Padé approximant.
 */
import { DescentError, describeValue } from "../errors.js";
import { eigh } from "./eigh.js";
import { solve } from "./lu.js";
import { gemmAccumulate, mirrorUpper } from "./matmul.js";
import { assertFiniteMatrix, assertSquare, type Matrix64 } from "./matrix.js";

/**
 * `f(A) = V·diag(f(λ₁), …, f(λₙ))·Vᵀ` for the symmetric `A = V·diag(λ)·Vᵀ` (only its lower triangle
 * is read). The result is exactly symmetric.
 *
 * @throws {DescentError} code `"finite"` when `f` returns a non-finite value (naming the
 * eigenvalue), `"shape"` for non-square input.
 *
 * @example
 * ```ts
 * const inverseSqrt = symmetricMatrixFunction(S, (l) => 1 / Math.sqrt(l));
 * ```
 */
export function symmetricMatrixFunction(A: Matrix64, f: (eigenvalue: number) => number): Matrix64 {
  if (typeof f !== "function") {
    throw new DescentError(`f must be a function, received ${describeValue(f)}`, { parameter: "f" });
  }
  const { values, vectors } = eigh(A);
  const n = A.rows;
  const fv = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const v = f(values[j] as number);
    if (!Number.isFinite(v)) {
      throw new DescentError(
        `f returned ${describeValue(v)} at the eigenvalue ${describeValue(values[j] as number)} of A`,
        { parameter: "f", code: "finite" },
      );
    }
    fv[j] = v;
  }
  const V = vectors.data;
  const VF = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) VF[i * n + j] = (V[i * n + j] as number) * (fv[j] as number);
  // (V·F)·Vᵀ: Vᵀ read through strides, upper triangle only, then mirrored.
  const out = new Float64Array(n * n);
  gemmAccumulate(n, n, n, VF, n, 1, V, 1, n, out, n, "upper");
  mirrorUpper(n, out);
  return { rows: n, cols: n, data: out };
}

/** The matrix exponential `exp(A)` of a symmetric matrix (via {@link eigh}). */
export function expmSym(A: Matrix64): Matrix64 {
  return symmetricMatrixFunction(A, Math.exp);
}

/** Options of {@link sqrtmSym} and {@link logmSym}. */
export interface SpdFunctionOptions {
  /**
   * Eigenvalues in `[−tolerance·max|λ|, 0]` are treated as 0 (rounding of a PSD matrix); more
   * negative ones throw. Default `1e-12` (our choice).
   */
  tolerance?: number;
}

/**
 * The symmetric positive semi-definite square root `A^{½}` (via {@link eigh}).
 *
 * @throws {DescentError} code `"not-positive-definite"` for a clearly negative eigenvalue.
 */
export function sqrtmSym(A: Matrix64, options: SpdFunctionOptions = {}): Matrix64 {
  const tol = options.tolerance ?? 1e-12;
  return spdFunction(A, tol, true, Math.sqrt);
}

/**
 * The matrix logarithm of a symmetric positive definite matrix (via {@link eigh}).
 *
 * @throws {DescentError} code `"not-positive-definite"` when an eigenvalue is ≤ 0.
 */
export function logmSym(A: Matrix64): Matrix64 {
  return spdFunction(A, 0, false, Math.log);
}

function spdFunction(A: Matrix64, tol: number, allowZero: boolean, f: (x: number) => number): Matrix64 {
  assertSquare(A, "A");
  assertFiniteMatrix(A, "A");
  let maxAbs = 0;
  for (let i = 0; i < A.data.length; i++) maxAbs = Math.max(maxAbs, Math.abs(A.data[i] as number));
  return symmetricMatrixFunction(A, (l) => {
    if (l > 0) return f(l);
    if (allowZero && l >= -tol * maxAbs * A.rows) return 0;
    throw new DescentError(
      `A must be positive ${allowZero ? "semi-" : ""}definite, found the eigenvalue ${describeValue(l)}`,
      {
        parameter: "A",
        code: "not-positive-definite",
      },
    );
  });
}

/**
 * The matrix exponential of a general square matrix by scaling and squaring with the (6, 6)
 * diagonal Padé approximant (Golub & Van Loan, *Matrix Computations*, Alg. 11.3.1; Moler & Van
 * Loan 2003): A is scaled by 2⁻ˢ so that ‖A/2ˢ‖∞ ≤ ½, where the approximant's relative error is
 * below 4e-16, and the result squared s times. Use {@link expmSym} for symmetric A.
 *
 * @throws {DescentError} code `"shape"` for non-square input, `"finite"` for NaN.
 */
export function expm(A: Matrix64): Matrix64 {
  assertSquare(A, "A");
  assertFiniteMatrix(A, "A");
  const n = A.rows;
  let normInf = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.abs(A.data[i * n + j] as number);
    normInf = Math.max(normInf, s);
  }
  const s = normInf > 0.5 ? Math.ceil(Math.log2(normInf / 0.5)) : 0;
  const scale = 2 ** -s;
  const As = A.data.map((v) => v * scale);
  const q = 6;
  let c = 0.5;
  let X = As.slice();
  const N = new Float64Array(n * n); // numerator
  const D = new Float64Array(n * n); // denominator
  for (let i = 0; i < n * n; i++) {
    N[i] = c * (As[i] as number);
    D[i] = -c * (As[i] as number);
  }
  for (let i = 0; i < n; i++) {
    N[i * n + i] = (N[i * n + i] as number) + 1;
    D[i * n + i] = (D[i * n + i] as number) + 1;
  }
  for (let k = 2; k <= q; k++) {
    c = (c * (q - k + 1)) / (k * (2 * q - k + 1));
    const next = new Float64Array(n * n);
    gemmAccumulate(n, n, n, As, n, 1, X, n, 1, next, n);
    X = next;
    const sign = k % 2 === 0 ? 1 : -1;
    for (let i = 0; i < n * n; i++) {
      N[i] = (N[i] as number) + c * (X[i] as number);
      D[i] = (D[i] as number) + sign * c * (X[i] as number);
    }
  }
  let E = solve({ rows: n, cols: n, data: D }, { rows: n, cols: n, data: N }, { singularTolerance: 0 }).data;
  for (let k = 0; k < s; k++) {
    const sq = new Float64Array(n * n);
    gemmAccumulate(n, n, n, E, n, 1, E, n, 1, sq, n);
    E = sq;
  }
  return { rows: n, cols: n, data: E };
}
