/**
 * Float64 matrix products: blocked GEMM with transposed-operand flags, matrix–vector products and
 * the two Gram matrices `XᵀWX` and `XWXᵀ` that weighted least squares, ridge and kernel methods need.
 *
 * Above small sizes the products run on the WebAssembly SIMD kernels of `src/wasm64` (see
 * {@link gemmAccumulate}); the plain-TypeScript kernel {@link gemmAccumulateTs} packs A and B into
 * 4-row / 4-column strips per k-block of 128 and runs a 4×4 register-blocked micro-kernel.
 * `bench/linalg64.bench.ts` measures both against a naive loop and ml-matrix.
 */
import { DescentError } from "../errors.js";
import { wasmGemm } from "../wasm64/float64-kernels.js";
import {
  assertFiniteMatrix,
  assertFiniteVector,
  assertMatrix,
  assertVector64,
  type Matrix64,
} from "./matrix.js";
import { dotUnchecked } from "./vector.js";

/** k-block of the GEMM kernel: a packed 4-row strip of A (4·128 doubles) stays in L1 (our choice). */
const K_BLOCK = 128;

/** Which entries of C a {@link gemmAccumulate} call must produce. */
export type GemmPart = "full" | "upper" | "lower";

/**
 * `C += op(A)·op(B)` on raw strided buffers (arguments as in {@link gemmAccumulateTs}): the
 * WebAssembly SIMD kernel above a size threshold where available, else {@link gemmAccumulateTs}.
 */
export function gemmAccumulate(
  m: number,
  n: number,
  p: number,
  a: Float64Array,
  aRowStride: number,
  aColStride: number,
  b: Float64Array,
  bRowStride: number,
  bColStride: number,
  c: Float64Array,
  ldc: number,
  part: GemmPart = "full",
): void {
  if (m === 0 || n === 0 || p === 0) return;
  if (wasmGemm(m, n, p, a, aRowStride, aColStride, b, bRowStride, bColStride, c, ldc, part)) return;
  gemmAccumulateTs(m, n, p, a, aRowStride, aColStride, b, bRowStride, bColStride, c, ldc, part);
}

/**
 * The plain-TypeScript GEMM (fallback and test reference of the wasm kernel):
 * `C += op(A)·B` on raw row-major buffers, where op(A) is `m × p` with entry (i, k) at
 * `a[i * aRowStride + k * aColStride]` and B is `p × n` with entry (k, j) at
 * `b[k * bRowStride + j * bColStride]` (so transposed operands cost nothing: swap the strides; they
 * are read once, while packing), C is `m × n` with row stride `ldc`. With `part = "upper"`
 * (`"lower"`), only the entries with `j ≥ i` (`j ≤ i`) are needed: 4×4 tiles entirely on the other
 * side are skipped, tiles crossing the diagonal are computed whole (callers mirror or ignore the
 * other triangle). No validation: internal kernel.
 *
 * Design (measured in `bench/linalg64.bench.ts`): per k-block of 128, A is packed into 4-row strips
 * and B into 4-column strips (k-major, zero-padded), and a 4×4 micro-kernel keeps 16 accumulators in
 * registers, so each k step loads 8 numbers for 16 multiply-adds and C is touched once per block.
 * This is about 1.8× faster than an i-k-j kernel with 4-row register blocking (which loads and stores four rows of C for every element of B).
 */
export function gemmAccumulateTs(
  m: number,
  n: number,
  p: number,
  a: Float64Array,
  aRowStride: number,
  aColStride: number,
  b: Float64Array,
  bRowStride: number,
  bColStride: number,
  c: Float64Array,
  ldc: number,
  part: GemmPart = "full",
): void {
  if (m === 0 || n === 0 || p === 0) return;
  const mp = (m + 3) & ~3;
  const np = (n + 3) & ~3;
  const kMax = Math.min(K_BLOCK, p);
  const ap = new Float64Array(mp * kMax);
  const bp = new Float64Array(np * kMax);
  const upper = part === "upper";
  const lower = part === "lower";
  for (let kk = 0; kk < p; kk += K_BLOCK) {
    const kc = Math.min(K_BLOCK, p - kk);
    const strip = kc * 4;
    // Pack B[kk:kk+kc, :] as 4-column strips: bp[(j>>2)·strip + 4k + (j&3)].
    if (n & 3) bp.fill(0);
    if (bColStride === 1) {
      for (let k = 0; k < kc; k++) {
        const brow = (kk + k) * bRowStride;
        let j = 0;
        for (; j + 3 < n; j += 4) {
          const o = (j >> 2) * strip + 4 * k;
          bp[o] = b[brow + j] as number;
          bp[o + 1] = b[brow + j + 1] as number;
          bp[o + 2] = b[brow + j + 2] as number;
          bp[o + 3] = b[brow + j + 3] as number;
        }
        for (; j < n; j++) bp[(j >> 2) * strip + 4 * k + (j & 3)] = b[brow + j] as number;
      }
    } else {
      // Transposed B: walk each column j of op(B), contiguous in memory when bRowStride = 1.
      for (let j = 0; j < n; j++) {
        const base = (j >> 2) * strip + (j & 3);
        const bcol = kk * bRowStride + j * bColStride;
        for (let k = 0; k < kc; k++) bp[base + 4 * k] = b[bcol + k * bRowStride] as number;
      }
    }
    // Pack op(A)[:, kk:kk+kc] as 4-row strips: ap[(i>>2)·strip + 4k + (i&3)].
    if (m & 3) ap.fill(0);
    for (let i = 0; i < m; i++) {
      const base = (i >> 2) * strip + (i & 3);
      const arow = i * aRowStride + kk * aColStride;
      for (let k = 0; k < kc; k++) ap[base + 4 * k] = a[arow + k * aColStride] as number;
    }
    for (let ig = 0; ig < m; ig += 4) {
      const aoff = (ig >> 2) * strip;
      const jFrom = upper ? ig & ~3 : 0;
      const jTo = lower ? Math.min(n, ig + 4) : n;
      for (let jg = jFrom; jg < jTo; jg += 4) {
        const boff = (jg >> 2) * strip;
        let c00 = 0;
        let c01 = 0;
        let c02 = 0;
        let c03 = 0;
        let c10 = 0;
        let c11 = 0;
        let c12 = 0;
        let c13 = 0;
        let c20 = 0;
        let c21 = 0;
        let c22 = 0;
        let c23 = 0;
        let c30 = 0;
        let c31 = 0;
        let c32 = 0;
        let c33 = 0;
        for (let k = 0; k < strip; k += 4) {
          const a0 = ap[aoff + k] as number;
          const a1 = ap[aoff + k + 1] as number;
          const a2 = ap[aoff + k + 2] as number;
          const a3 = ap[aoff + k + 3] as number;
          const b0 = bp[boff + k] as number;
          const b1 = bp[boff + k + 1] as number;
          const b2 = bp[boff + k + 2] as number;
          const b3 = bp[boff + k + 3] as number;
          c00 += a0 * b0;
          c01 += a0 * b1;
          c02 += a0 * b2;
          c03 += a0 * b3;
          c10 += a1 * b0;
          c11 += a1 * b1;
          c12 += a1 * b2;
          c13 += a1 * b3;
          c20 += a2 * b0;
          c21 += a2 * b1;
          c22 += a2 * b2;
          c23 += a2 * b3;
          c30 += a3 * b0;
          c31 += a3 * b1;
          c32 += a3 * b2;
          c33 += a3 * b3;
        }
        if (ig + 3 < m && jg + 3 < n) {
          let o = ig * ldc + jg;
          c[o] = (c[o] as number) + c00;
          c[o + 1] = (c[o + 1] as number) + c01;
          c[o + 2] = (c[o + 2] as number) + c02;
          c[o + 3] = (c[o + 3] as number) + c03;
          o += ldc;
          c[o] = (c[o] as number) + c10;
          c[o + 1] = (c[o + 1] as number) + c11;
          c[o + 2] = (c[o + 2] as number) + c12;
          c[o + 3] = (c[o + 3] as number) + c13;
          o += ldc;
          c[o] = (c[o] as number) + c20;
          c[o + 1] = (c[o + 1] as number) + c21;
          c[o + 2] = (c[o + 2] as number) + c22;
          c[o + 3] = (c[o + 3] as number) + c23;
          o += ldc;
          c[o] = (c[o] as number) + c30;
          c[o + 1] = (c[o + 1] as number) + c31;
          c[o + 2] = (c[o + 2] as number) + c32;
          c[o + 3] = (c[o + 3] as number) + c33;
        } else {
          const tile = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
          for (let r = 0; r < 4 && ig + r < m; r++) {
            const o = (ig + r) * ldc + jg;
            for (let q = 0; q < 4 && jg + q < n; q++)
              c[o + q] = (c[o + q] as number) + (tile[4 * r + q] as number);
          }
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
  /** Use `Bᵀ` instead of `B` (read through strides while packing, nothing copied). Default `false`. */
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
  const [ars, acs] = transA ? [1, A.cols] : [A.cols, 1];
  const [brs, bcs] = transB ? [1, B.cols] : [B.cols, 1];
  gemmAccumulate(m, n, p, A.data, ars, acs, B.data, brs, bcs, C.data, n);
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

/** Throws unless `w` is undefined or a finite Float64Array of length `n` (the Gram weights). @internal */
export function assertWeights(w: Float64Array | undefined, n: number): void {
  if (w === undefined) return;
  assertVector64(w, "w", n);
  assertFiniteVector(w, "w");
}

/**
 * `X.data` with row i scaled by `wᵢ` (`along = "rows"`) or column j by `wⱼ` (`"cols"`); `X.data`
 * itself when `w` is omitted.
 */
function scaledByWeights(X: Matrix64, w: Float64Array | undefined, along: "rows" | "cols"): Float64Array {
  if (w === undefined) return X.data;
  const n = X.rows;
  const d = X.cols;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const r = i * d;
    if (along === "rows") {
      const wi = w[i] as number;
      for (let j = 0; j < d; j++) out[r + j] = wi * (X.data[r + j] as number);
    } else for (let j = 0; j < d; j++) out[r + j] = (X.data[r + j] as number) * (w[j] as number);
  }
  return out;
}

/**
 * The `size × size` product `A·B` (inner dimension `inner`, operands read through strides) known to
 * be symmetric: only its upper triangle is computed, then mirrored.
 */
function symmetricFromUpper(
  size: number,
  inner: number,
  a: Float64Array,
  aRowStride: number,
  aColStride: number,
  b: Float64Array,
  bRowStride: number,
  bColStride: number,
): Matrix64 {
  const g = new Float64Array(size * size);
  gemmAccumulate(size, size, inner, a, aRowStride, aColStride, b, bRowStride, bColStride, g, size, "upper");
  mirrorUpper(size, g);
  return { rows: size, cols: size, data: g };
}

/** Options of {@link weightedGram} and {@link gramRows}. */
export interface GramOptions {
  /**
   * Skip the scan of `X` for NaN/±Infinity (an O(n·d) pass, about a tenth of the product's time at
   * 1000 × 100). Default `false`. For iterative solvers that reweight the same design many times and
   * validated it once on entry (our choice to offer; the weights are always checked).
   */
  assumeFinite?: boolean;
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
export function weightedGram(X: Matrix64, w?: Float64Array, options: GramOptions = {}): Matrix64 {
  assertMatrix(X, "X");
  if (options.assumeFinite !== true) assertFiniteMatrix(X, "X");
  assertWeights(w, X.rows);
  const n = X.rows;
  const d = X.cols;
  const g = new Float64Array(d * d);
  // The wasm kernel scales by w while packing (no weighted copy of X).
  if (wasmGemm(d, d, n, X.data, 1, d, X.data, d, 1, g, d, "upper", w)) {
    mirrorUpper(d, g);
    return { rows: d, cols: d, data: g };
  }
  const wx = scaledByWeights(X, w, "rows");
  // (WX)ᵀ read through strides: entry (i, k) of the left operand is wx[k * d + i].
  return symmetricFromUpper(d, n, wx, 1, d, X.data, d, 1);
}

/**
 * The row Gram matrix `XWXᵀ` (`n × n`, entry (i, j) = `Σ_k xᵢₖ w_k xⱼₖ`) of the `n × d` matrix `X`
 * with `W = diag(w)` over the columns (all ones when omitted): the kernel matrix of the dual
 * (n < d) form of ridge regression. Upper triangle computed, then mirrored.
 *
 * @throws {DescentError} code `"shape"` when `w` does not have one entry per column of `X`,
 * `"finite"` on NaN or ±Infinity.
 */
export function gramRows(X: Matrix64, w?: Float64Array, options: GramOptions = {}): Matrix64 {
  assertMatrix(X, "X");
  if (options.assumeFinite !== true) assertFiniteMatrix(X, "X");
  assertWeights(w, X.cols);
  const n = X.rows;
  const d = X.cols;
  const g = new Float64Array(n * n);
  if (wasmGemm(n, n, d, X.data, d, 1, X.data, 1, d, g, n, "upper", w)) {
    mirrorUpper(n, g);
    return { rows: n, cols: n, data: g };
  }
  const xw = scaledByWeights(X, w, "cols");
  // Xᵀ read through strides: entry (k, j) of the right operand is X[j, k].
  return symmetricFromUpper(n, d, xw, d, 1, X.data, 1, d);
}
