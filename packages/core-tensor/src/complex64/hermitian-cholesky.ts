/**
 * Hermitian Cholesky `A = L·Lᴴ` (L lower triangular with a real positive diagonal), its solves, the
 * Hermitian positive definite inverse and log-determinant (the h-matrix updates of
 * kahler-grassmannian's method §7: H = M⁻¹, inverted by Cholesky).
 */
import { DescentError, describeValue } from "../errors.js";
import { assertNonNegative } from "../validate.js";
import { assertCMatrix, assertFiniteCMatrix, assertSquareFiniteCMatrix, type CMatrix } from "./cmatrix.js";

/** Options of {@link hermitianCholesky} and {@link hermitianInverse}. */
export interface HermitianCholeskyOptions {
  /**
   * Relative jitter for retries on breakdown: `jitter·(tr A/n)·I` is added, ×10 per further retry
   * (as the real `cholesky`). Default `0` (no retry; our choice).
   */
  jitter?: number;
  /** Retries with growing jitter. Default `5` (our choice). */
  maxJitterRetries?: number;
}

/**
 * Factors the Hermitian positive definite `A` as `L·Lᴴ`; only the lower triangle of A is read
 * (and only the real part of its diagonal).
 *
 * @throws {DescentError} code `"not-positive-definite"` naming the failing pivot, `"shape"` for
 * non-square input, `"finite"` for NaN.
 */
export function hermitianCholesky(A: CMatrix, options: HermitianCholeskyOptions = {}): CMatrix {
  assertSquareFiniteCMatrix(A, "A");
  const jitter = options.jitter ?? 0;
  const retries = options.maxJitterRetries ?? 5;
  assertNonNegative(jitter, "jitter");
  assertNonNegative(retries, "maxJitterRetries");
  const n = A.rows;
  const L: CMatrix = { rows: n, cols: n, re: new Float64Array(n * n), im: new Float64Array(n * n) };
  let failed = hermitianCholeskyInPlace(n, A, L, 0);
  if (failed === null) return L;
  if (jitter > 0) {
    let trace = 0;
    for (let i = 0; i < n; i++) trace += A.re[i * n + i] as number;
    const scaleRef = trace > 0 ? trace / n : 1;
    let rel = jitter;
    for (let attempt = 0; attempt < retries; attempt++, rel *= 10) {
      L.re.fill(0);
      L.im.fill(0);
      failed = hermitianCholeskyInPlace(n, A, L, rel * scaleRef);
      if (failed === null) return L;
    }
  }
  throw new DescentError(
    `A is not positive definite: the Hermitian Cholesky pivot at row ${failed.index} is ${describeValue(failed.value)}`,
    { parameter: "A", code: "not-positive-definite" },
  );
}

function hermitianCholeskyInPlace(
  n: number,
  A: CMatrix,
  L: CMatrix,
  shift: number,
): { index: number; value: number } | null {
  const lr = L.re;
  const li = L.im;
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < i; j++) {
      const rj = j * n;
      // L_ij = (A_ij − Σ_k L_ik·conj(L_jk)) / L_jj
      let sr = A.re[ri + j] as number;
      let si = A.im[ri + j] as number;
      for (let k = 0; k < j; k++) {
        const ar = lr[ri + k] as number;
        const ai = li[ri + k] as number;
        const br = lr[rj + k] as number;
        const bi = li[rj + k] as number;
        sr -= ar * br + ai * bi;
        si -= ai * br - ar * bi;
      }
      const d = lr[rj + j] as number;
      lr[ri + j] = sr / d;
      li[ri + j] = si / d;
    }
    let s = (A.re[ri + i] as number) + shift;
    for (let k = 0; k < i; k++) s -= (lr[ri + k] as number) ** 2 + (li[ri + k] as number) ** 2;
    if (!(s > 0) || !Number.isFinite(s)) return { index: i, value: s };
    lr[ri + i] = Math.sqrt(s);
  }
  return null;
}

/**
 * Solves `A·X = B` from the Hermitian Cholesky factor L of A (`L·Lᴴ·X = B`); B is `n × k`.
 *
 * @throws {DescentError} code `"shape"` on mismatched shapes, `"finite"` on NaN, `"singular"` for
 * a zero on the diagonal of L.
 */
export function hermitianCholeskySolve(L: CMatrix, B: CMatrix): CMatrix {
  assertSquareFiniteCMatrix(L, "L");
  assertCMatrix(B, "B");
  const n = L.rows;
  if (B.rows !== n) {
    throw new DescentError(`B must have ${n} rows, received a ${B.rows}×${B.cols} matrix`, {
      parameter: "B",
      code: "shape",
    });
  }
  assertFiniteCMatrix(B, "B");
  for (let i = 0; i < n; i++) {
    if (L.re[i * n + i] === 0) {
      throw new DescentError(`L is singular: its diagonal entry (${i}, ${i}) is 0`, {
        parameter: "L",
        code: "singular",
      });
    }
  }
  const k = B.cols;
  const xr = B.re.slice();
  const xi = B.im.slice();
  const lr = L.re;
  const li = L.im;
  // Forward: L·Y = B, row by row.
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    const yi = i * k;
    for (let j = 0; j < i; j++) {
      const ar = lr[ri + j] as number;
      const ai = li[ri + j] as number;
      if (ar === 0 && ai === 0) continue;
      subtractScaledRow(xr, xi, yi, j * k, k, ar, ai);
    }
    scaleRow(xr, xi, yi, k, 1 / (lr[ri + i] as number));
  }
  // Backward: Lᴴ·X = Y, column-oriented so that row i of L is read contiguously:
  // once X_i is final, Y_j −= conj(L_ij)·X_i for j < i.
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    const xi0 = i * k;
    scaleRow(xr, xi, xi0, k, 1 / (lr[ri + i] as number));
    for (let j = 0; j < i; j++) {
      const ar = lr[ri + j] as number;
      const ai = -(li[ri + j] as number); // conj(L_ij)
      if (ar === 0 && ai === 0) continue;
      subtractScaledRow(xr, xi, j * k, xi0, k, ar, ai);
    }
  }
  return { rows: n, cols: k, re: xr, im: xi };
}

/** Row `dst ← dst − a·src` (k entries at offsets `dst`, `src` of split complex storage), a = ar + i·ai. */
function subtractScaledRow(
  xr: Float64Array,
  xi: Float64Array,
  dst: number,
  src: number,
  k: number,
  ar: number,
  ai: number,
): void {
  for (let c = 0; c < k; c++) {
    const br = xr[src + c] as number;
    const bi = xi[src + c] as number;
    xr[dst + c] = (xr[dst + c] as number) - (ar * br - ai * bi);
    xi[dst + c] = (xi[dst + c] as number) - (ar * bi + ai * br);
  }
}

/** The k entries at offset `o` of split complex storage multiplied by the real `s`. */
function scaleRow(xr: Float64Array, xi: Float64Array, o: number, k: number, s: number): void {
  for (let c = 0; c < k; c++) {
    xr[o + c] = (xr[o + c] as number) * s;
    xi[o + c] = (xi[o + c] as number) * s;
  }
}

/**
 * The inverse of the Hermitian positive definite `A` via its Cholesky factor, returned exactly
 * Hermitian (the two triangles are averaged).
 *
 * @throws {DescentError} code `"not-positive-definite"` (see {@link hermitianCholesky}).
 */
export function hermitianInverse(A: CMatrix, options: HermitianCholeskyOptions = {}): CMatrix {
  const L = hermitianCholesky(A, options);
  const n = A.rows;
  const I: CMatrix = { rows: n, cols: n, re: new Float64Array(n * n), im: new Float64Array(n * n) };
  for (let i = 0; i < n; i++) I.re[i * n + i] = 1;
  const X = hermitianCholeskySolve(L, I);
  for (let i = 0; i < n; i++) {
    X.im[i * n + i] = 0;
    for (let j = 0; j < i; j++) {
      const r = 0.5 * ((X.re[i * n + j] as number) + (X.re[j * n + i] as number));
      const m = 0.5 * ((X.im[i * n + j] as number) - (X.im[j * n + i] as number));
      X.re[i * n + j] = r;
      X.re[j * n + i] = r;
      X.im[i * n + j] = m;
      X.im[j * n + i] = -m;
    }
  }
  return X;
}

/**
 * `log det A` of the Hermitian positive definite `A` (`2·Σ log Lᵢᵢ`; det of an HPD matrix is real
 * and positive).
 *
 * @throws {DescentError} code `"not-positive-definite"` (see {@link hermitianCholesky}).
 */
export function hermitianLogdet(A: CMatrix): number {
  const L = hermitianCholesky(A);
  const n = L.rows;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(L.re[i * n + i] as number);
  return 2 * s;
}
