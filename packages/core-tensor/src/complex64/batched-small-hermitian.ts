/**
 * Batched kernels on many small Hermitian matrices stored back to back (split re/im storage, each
 * block row-major): the per-point `r × r` Gram matrices Γ = Yᴴ·H·Y of numerical Kähler geometry
 * (r = 4 for a threefold: the section and its three derivatives), their LDLᴴ pivots, determinants
 * and inverses. One call handles thousands of blocks without allocating per block.
 */
import { DescentError } from "../errors.js";
import { assertInteger } from "../validate.js";
import { assertCMatrix, type CMatrix } from "./cmatrix.js";

/** `count` small complex matrices of `size × size`, block b at offset `b·size²` of `re`/`im`. */
export interface CMatrixBatch {
  /** Side of each block. */
  readonly size: number;
  /** Number of blocks. */
  readonly count: number;
  /** Real parts, block after block, each row-major. */
  readonly re: Float64Array;
  /** Imaginary parts, same layout. */
  readonly im: Float64Array;
}

function assertBatch(batch: CMatrixBatch, parameter: string): void {
  assertInteger(batch.size, `${parameter}.size`, { min: 1 });
  assertInteger(batch.count, `${parameter}.count`, { min: 0 });
  const len = batch.size * batch.size * batch.count;
  if (
    !(batch.re instanceof Float64Array) ||
    !(batch.im instanceof Float64Array) ||
    batch.re.length < len ||
    batch.im.length < len
  ) {
    throw new DescentError(`${parameter} must carry re/im Float64Arrays of length size²·count = ${len}`, {
      parameter,
      code: "shape",
    });
  }
}

/**
 * The block Gram matrices `G_b[j][l] = Σ_α conj(A[b·r + j, α])·B[b·r + l, α]` for consecutive
 * groups of `r = blockRows` rows of A and B (both `(count·r) × N`). With B = A·Hᵀ this is
 * `Γ_b = Y_bᴴ·H·Y_b` for the `N × r` matrix `Y_b` whose columns are the rows of block b of A.
 *
 * @throws {DescentError} code `"shape"` when A and B differ in shape or the rows are not a multiple of r.
 */
export function blockGram(A: CMatrix, B: CMatrix, blockRows: number): CMatrixBatch {
  assertCMatrix(A, "A");
  assertCMatrix(B, "B");
  assertInteger(blockRows, "blockRows", { min: 1 });
  if (A.rows !== B.rows || A.cols !== B.cols) {
    throw new DescentError(`B must have the shape of A (${A.rows}×${A.cols}), received ${B.rows}×${B.cols}`, {
      parameter: "B",
      code: "shape",
    });
  }
  if (A.rows % blockRows !== 0) {
    throw new DescentError(`A.rows (${A.rows}) must be a multiple of blockRows (${blockRows})`, {
      parameter: "blockRows",
      code: "shape",
    });
  }
  const r = blockRows;
  const N = A.cols;
  const count = A.rows / r;
  const re = new Float64Array(count * r * r);
  const im = new Float64Array(count * r * r);
  const ar = A.re;
  const ai = A.im;
  const br = B.re;
  const bi = B.im;
  for (let b = 0; b < count; b++) {
    const g = b * r * r;
    for (let j = 0; j < r; j++) {
      const rowA = (b * r + j) * N;
      for (let l = 0; l < r; l++) {
        const rowB = (b * r + l) * N;
        let sr = 0;
        let si = 0;
        for (let a = 0; a < N; a++) {
          const xr = ar[rowA + a] as number;
          const xi = ai[rowA + a] as number;
          const yr = br[rowB + a] as number;
          const yi = bi[rowB + a] as number;
          // conj(x)·y
          sr += xr * yr + xi * yi;
          si += xr * yi - xi * yr;
        }
        re[g + j * r + l] = sr;
        im[g + j * r + l] = si;
      }
    }
  }
  return { size: r, count, re, im };
}

/**
 * The LDLᴴ pivots (no pivoting; lower triangles read) of every block, `count × size` values: all
 * positive iff the block is positive definite, and their product is its determinant. A zero pivot
 * stops that block's factorisation: its remaining pivots are set to 0 (determinant 0).
 */
export function batchedHermitianLdlPivots(batch: CMatrixBatch): Float64Array {
  assertBatch(batch, "batch");
  const n = batch.size;
  const pivots = new Float64Array(batch.count * n);
  const lr = new Float64Array(n * n);
  const li = new Float64Array(n * n);
  for (let b = 0; b < batch.count; b++) {
    ldlBlock(n, batch.re, batch.im, b * n * n, lr, li, pivots, b * n);
  }
  return pivots;
}

/** The real determinant of every Hermitian block (product of its LDLᴴ pivots), length `count`. */
export function batchedHermitianDeterminant(batch: CMatrixBatch): Float64Array {
  const pivots = batchedHermitianLdlPivots(batch);
  const n = batch.size;
  const det = new Float64Array(batch.count);
  for (let b = 0; b < batch.count; b++) {
    let p = 1;
    for (let i = 0; i < n; i++) p *= pivots[b * n + i] as number;
    det[b] = p;
  }
  return det;
}

/**
 * The inverse of every Hermitian block through its LDLᴴ factors (blocks must be nonsingular with
 * nonzero leading pivots, e.g. positive definite); returns the inverses in a new batch and the pivots.
 * A block with a zero pivot gets NaN entries.
 */
export function batchedHermitianInverse(batch: CMatrixBatch): {
  inverse: CMatrixBatch;
  pivots: Float64Array;
} {
  assertBatch(batch, "batch");
  const n = batch.size;
  const nn = n * n;
  const pivots = new Float64Array(batch.count * n);
  const outRe = new Float64Array(batch.count * nn);
  const outIm = new Float64Array(batch.count * nn);
  const lr = new Float64Array(nn);
  const li = new Float64Array(nn);
  // X = L⁻¹ (unit lower triangular), then A⁻¹ = Xᴴ·D⁻¹·X
  const xr = new Float64Array(nn);
  const xi = new Float64Array(nn);
  for (let b = 0; b < batch.count; b++) {
    const off = b * nn;
    const ok = ldlBlock(n, batch.re, batch.im, off, lr, li, pivots, b * n);
    if (!ok) {
      outRe.fill(Number.NaN, off, off + nn);
      outIm.fill(Number.NaN, off, off + nn);
      continue;
    }
    xr.fill(0);
    xi.fill(0);
    for (let c = 0; c < n; c++) {
      // column c of L⁻¹ by forward substitution of e_c
      xr[c * n + c] = 1;
      for (let i = c + 1; i < n; i++) {
        let sr = 0;
        let si = 0;
        for (let k = c; k < i; k++) {
          const pr = lr[i * n + k] as number;
          const pi = li[i * n + k] as number;
          const vr = xr[k * n + c] as number;
          const vi = xi[k * n + c] as number;
          sr += pr * vr - pi * vi;
          si += pr * vi + pi * vr;
        }
        xr[i * n + c] = -sr;
        xi[i * n + c] = -si;
      }
    }
    for (let r = 0; r < n; r++) {
      for (let c = r; c < n; c++) {
        // (Xᴴ D⁻¹ X)_{rc} = Σ_k conj(X_kr)·X_kc / d_k, k ≥ max(r, c)
        let sr = 0;
        let si = 0;
        for (let k = c; k < n; k++) {
          const inv = 1 / (pivots[b * n + k] as number);
          const ar = xr[k * n + r] as number;
          const ai = xi[k * n + r] as number;
          const cr = xr[k * n + c] as number;
          const ci = xi[k * n + c] as number;
          sr += (ar * cr + ai * ci) * inv;
          si += (ar * ci - ai * cr) * inv;
        }
        outRe[off + r * n + c] = sr;
        outIm[off + r * n + c] = si;
        outRe[off + c * n + r] = sr;
        outIm[off + c * n + r] = -si;
      }
    }
  }
  return { inverse: { size: n, count: batch.count, re: outRe, im: outIm }, pivots };
}

/** LDLᴴ of one block into lr/li and pivots[po..]; false on a zero pivot (rest set to 0). */
function ldlBlock(
  n: number,
  re: Float64Array,
  im: Float64Array,
  off: number,
  lr: Float64Array,
  li: Float64Array,
  pivots: Float64Array,
  po: number,
): boolean {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < i; j++) {
      const rj = j * n;
      let sr = re[off + ri + j] as number;
      let si = im[off + ri + j] as number;
      for (let k = 0; k < j; k++) {
        const dk = pivots[po + k] as number;
        const ar = (lr[ri + k] as number) * dk;
        const ai = (li[ri + k] as number) * dk;
        const br = lr[rj + k] as number;
        const bi = li[rj + k] as number;
        sr -= ar * br + ai * bi;
        si -= ai * br - ar * bi;
      }
      const dj = pivots[po + j] as number;
      lr[ri + j] = sr / dj;
      li[ri + j] = si / dj;
    }
    let s = re[off + ri + i] as number;
    for (let k = 0; k < i; k++)
      s -= (pivots[po + k] as number) * ((lr[ri + k] as number) ** 2 + (li[ri + k] as number) ** 2);
    if (s === 0 || !Number.isFinite(s)) {
      for (let k = i; k < n; k++) pivots[po + k] = 0;
      return false;
    }
    pivots[po + i] = s;
    lr[ri + i] = 1;
    li[ri + i] = 0;
  }
  return true;
}
