/**
 * Float64 matrix products: blocked GEMM with transposed-operand flags, matrix–vector products and
 * the two Gram matrices `XᵀWX` and `XWXᵀ` that weighted least squares, ridge and kernel methods need.
 *
 * The kernel follows `ECOSYSTEM.md` §3: loop order i-k-j, four rows of C updated per pass over a
 * row of B (register blocking), k blocked by 128 and j by 256 so that the active panel of B stays in
 * cache. That layout measured 2–3× faster than ml-matrix's `mmul` on this machine type.
 */
import { DescentError } from "../errors.js";
import {
  assertFiniteMatrix,
  assertFiniteVector,
  assertMatrix,
  assertVector64,
  type Matrix64,
  transposeData,
} from "./matrix.js";
import { dotUnchecked } from "./vector.js";

/** k-block of the GEMM kernel (ECOSYSTEM.md §3 measured 128 best at n ≤ 512). */
const K_BLOCK = 128;
/** j-block of the GEMM kernel (ECOSYSTEM.md §3). */
const J_BLOCK = 256;

/**
 * `C += op(A)·B` on raw row-major buffers, where op(A) is `m × p` with entry (i, k) at
 * `a[i * aRowStride + k * aColStride]` (so a transposed A costs nothing: swap the strides), B is
 * `p × n` with row stride `ldb`, C is `m × n` with row stride `ldc`. With `upper`, only the entries
 * with `j ≥ i` are needed (a few below the diagonal may be written too; callers mirror the upper
 * triangle). No validation: internal kernel.
 */
export function gemmAccumulate(
  m: number,
  n: number,
  p: number,
  a: Float64Array,
  aRowStride: number,
  aColStride: number,
  b: Float64Array,
  ldb: number,
  c: Float64Array,
  ldc: number,
  upper = false,
): void {
  for (let kk = 0; kk < p; kk += K_BLOCK) {
    const kEnd = Math.min(kk + K_BLOCK, p);
    for (let jj = 0; jj < n; jj += J_BLOCK) {
      const jEnd = Math.min(jj + J_BLOCK, n);
      const iLimit = upper ? Math.min(m, jEnd) : m;
      let i = 0;
      for (; i + 3 < iLimit; i += 4) {
        const j0 = upper ? Math.max(jj, i) : jj;
        const c0 = i * ldc;
        const c1 = c0 + ldc;
        const c2 = c1 + ldc;
        const c3 = c2 + ldc;
        const a0 = i * aRowStride;
        const a1 = a0 + aRowStride;
        const a2 = a1 + aRowStride;
        const a3 = a2 + aRowStride;
        for (let k = kk; k < kEnd; k++) {
          const ak = k * aColStride;
          const v0 = a[a0 + ak] as number;
          const v1 = a[a1 + ak] as number;
          const v2 = a[a2 + ak] as number;
          const v3 = a[a3 + ak] as number;
          const bk = k * ldb;
          for (let j = j0; j < jEnd; j++) {
            const bv = b[bk + j] as number;
            c[c0 + j] = (c[c0 + j] as number) + v0 * bv;
            c[c1 + j] = (c[c1 + j] as number) + v1 * bv;
            c[c2 + j] = (c[c2 + j] as number) + v2 * bv;
            c[c3 + j] = (c[c3 + j] as number) + v3 * bv;
          }
        }
      }
      for (; i < iLimit; i++) {
        const j0 = upper ? Math.max(jj, i) : jj;
        const c0 = i * ldc;
        const a0 = i * aRowStride;
        for (let k = kk; k < kEnd; k++) {
          const v0 = a[a0 + k * aColStride] as number;
          if (v0 === 0) continue;
          const bk = k * ldb;
          for (let j = j0; j < jEnd; j++) c[c0 + j] = (c[c0 + j] as number) + v0 * (b[bk + j] as number);
        }
      }
    }
  }
}

/** Copies the upper triangle of the row-major `n × n` buffer `g` onto its lower triangle. */
export function mirrorUpper(n: number, g: Float64Array): void {
  for (let i = 1; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < i; j++) g[row + j] = g[j * n + i] as number;
  }
}

/** Options of {@link matmul}. */
export interface MatmulOptions {
  /** Use `Aᵀ` instead of `A` (read through strides, nothing copied). Default `false`. */
  transA?: boolean;
  /** Use `Bᵀ` instead of `B`. Default `false`. Our choice: `Bᵀ` is materialised once (O(size of B)) because the i-k-j kernel needs contiguous rows of the right operand. */
  transB?: boolean;
  /** Write the product here (overwritten, must have the result's shape) instead of a new matrix. */
  out?: Matrix64;
}

/**
 * The product `op(A)·op(B)` where op is the identity or the transpose (see {@link MatmulOptions}).
 *
 * @throws {DescentError} code `"shape"` when the inner dimensions differ or `out` has the wrong
 * shape, `"finite"` when an input holds NaN or ±Infinity.
 *
 * @example
 * ```ts
 * const G = matmul(X, X, { transA: true }); // XᵀX
 * ```
 */
export function matmul(A: Matrix64, B: Matrix64, options: MatmulOptions = {}): Matrix64 {
  assertMatrix(A, "A");
  assertMatrix(B, "B");
  const transA = options.transA ?? false;
  const transB = options.transB ?? false;
  const m = transA ? A.cols : A.rows;
  const p = transA ? A.rows : A.cols;
  const pB = transB ? B.cols : B.rows;
  const n = transB ? B.rows : B.cols;
  if (p !== pB) {
    throw new DescentError(
      `B must have ${p} ${transB ? "columns" : "rows"} to match op(A) (${m}×${p}), received a ${B.rows}×${B.cols} matrix${transB ? " (transposed)" : ""}`,
      { parameter: "B", code: "shape" },
    );
  }
  assertFiniteMatrix(A, "A");
  assertFiniteMatrix(B, "B");
  let C: Matrix64;
  if (options.out !== undefined) {
    assertMatrix(options.out, "out");
    if (options.out.rows !== m || options.out.cols !== n) {
      throw new DescentError(
        `out must be ${m}×${n}, received a ${options.out.rows}×${options.out.cols} matrix`,
        { parameter: "out", code: "shape" },
      );
    }
    if (options.out.data === A.data || options.out.data === B.data) {
      throw new DescentError("out must not share its buffer with A or B", {
        parameter: "out",
        code: "alias",
      });
    }
    C = options.out;
    C.data.fill(0);
  } else {
    C = { rows: m, cols: n, data: new Float64Array(m * n) };
  }
  const bData = transB ? transposeData(B.rows, B.cols, B.data) : B.data;
  if (transA) gemmAccumulate(m, n, p, A.data, 1, A.cols, bData, n, C.data, n);
  else gemmAccumulate(m, n, p, A.data, A.cols, 1, bData, n, C.data, n);
  return C;
}

/**
 * The matrix–vector product `A·x` (BLAS `dgemv`), into `out` when given.
 *
 * Hot-loop helper: it checks shapes but does not scan `A` for NaN (that would double its cost).
 *
 * @throws {DescentError} code `"shape"` when `x` or `out` has the wrong length.
 */
export function matvec(A: Matrix64, x: Float64Array, out?: Float64Array): Float64Array {
  assertMatrix(A, "A");
  assertVector64(x, "x", A.cols);
  const y = out ?? new Float64Array(A.rows);
  if (out !== undefined) assertVector64(out, "out", A.rows);
  if (y === x) throw new DescentError("out must not be x", { parameter: "out", code: "alias" });
  const n = A.cols;
  for (let i = 0; i < A.rows; i++) y[i] = dotUnchecked(A.data, x, i * n, 0, n);
  return y;
}

/**
 * The transposed product `Aᵀ·x` without forming `Aᵀ` (rows of A are combined, four at a time, so
 * memory is read contiguously), into `out` when given.
 *
 * @throws {DescentError} code `"shape"` when `x` or `out` has the wrong length.
 */
export function matvecT(A: Matrix64, x: Float64Array, out?: Float64Array): Float64Array {
  assertMatrix(A, "A");
  assertVector64(x, "x", A.rows);
  const n = A.cols;
  const y = out ?? new Float64Array(n);
  if (out !== undefined) {
    assertVector64(out, "out", n);
    if (out === x) throw new DescentError("out must not be x", { parameter: "out", code: "alias" });
    out.fill(0);
  }
  const a = A.data;
  const m = A.rows;
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const x0 = x[i] as number;
    const x1 = x[i + 1] as number;
    const x2 = x[i + 2] as number;
    const x3 = x[i + 3] as number;
    const r0 = i * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    for (let j = 0; j < n; j++) {
      y[j] =
        (y[j] as number) +
        x0 * (a[r0 + j] as number) +
        x1 * (a[r1 + j] as number) +
        x2 * (a[r2 + j] as number) +
        x3 * (a[r3 + j] as number);
    }
  }
  for (; i < m; i++) {
    const xi = x[i] as number;
    const r = i * n;
    for (let j = 0; j < n; j++) y[j] = (y[j] as number) + xi * (a[r + j] as number);
  }
  return y;
}

/** Alias of {@link matvec} under its BLAS name. */
export const gemv = matvec;
/** Alias of {@link matvecT} under its BLAS name. */
export const gemvT = matvecT;

function assertWeights(w: Float64Array | undefined, n: number): void {
  if (w === undefined) return;
  assertVector64(w, "w", n);
  assertFiniteVector(w, "w");
}

/**
 * The weighted Gram matrix `XᵀWX = Σᵢ wᵢ xᵢxᵢᵀ` (`d × d`) of the rows `xᵢ` of the `n × d` matrix
 * `X`, with `W = diag(w)` (all ones when `w` is omitted). Only the upper triangle is computed by
 * the blocked kernel and then mirrored, so the result is exactly symmetric at half the flops.
 * Weights may be negative (the result is then symmetric but indefinite).
 *
 * @throws {DescentError} code `"shape"` when `w` does not have one entry per row of `X`, `"finite"`
 * on NaN or ±Infinity.
 */
export function weightedGram(X: Matrix64, w?: Float64Array): Matrix64 {
  assertMatrix(X, "X");
  assertFiniteMatrix(X, "X");
  assertWeights(w, X.rows);
  const n = X.rows;
  const d = X.cols;
  let wx = X.data;
  if (w !== undefined) {
    wx = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const wi = w[i] as number;
      const r = i * d;
      for (let j = 0; j < d; j++) wx[r + j] = wi * (X.data[r + j] as number);
    }
  }
  const g = new Float64Array(d * d);
  // (WX)ᵀ read through strides: entry (i, k) of the left operand is wx[k * d + i].
  gemmAccumulate(d, d, n, wx, 1, d, X.data, d, g, d, true);
  mirrorUpper(d, g);
  return { rows: d, cols: d, data: g };
}

/**
 * The row Gram matrix `XWXᵀ` (`n × n`, entry (i, j) = `Σ_k xᵢₖ w_k xⱼₖ`) of the `n × d` matrix `X`
 * with `W = diag(w)` over the columns (all ones when omitted): the kernel matrix of the dual
 * (n < d) form of ridge regression. Upper triangle computed, then mirrored.
 *
 * @throws {DescentError} code `"shape"` when `w` does not have one entry per column of `X`,
 * `"finite"` on NaN or ±Infinity.
 */
export function gramRows(X: Matrix64, w?: Float64Array): Matrix64 {
  assertMatrix(X, "X");
  assertFiniteMatrix(X, "X");
  assertWeights(w, X.cols);
  const n = X.rows;
  const d = X.cols;
  let xw = X.data;
  if (w !== undefined) {
    xw = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const r = i * d;
      for (let j = 0; j < d; j++) xw[r + j] = (X.data[r + j] as number) * (w[j] as number);
    }
  }
  const xt = transposeData(n, d, X.data);
  const g = new Float64Array(n * n);
  gemmAccumulate(n, n, d, xw, d, 1, xt, n, g, n, true);
  mirrorUpper(n, g);
  return { rows: n, cols: n, data: g };
}
