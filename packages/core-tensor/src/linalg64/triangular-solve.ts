/**
 * Triangular solves `T·x = b` and `Tᵀ·x = b` for a lower or upper triangular `T`, with a vector or a
 * matrix of right-hand sides. Every variant walks rows of `T` (contiguous in row-major storage):
 * the transposed systems use the column-oriented (axpy) form instead of strided dot products.
 */
import { DescentError } from "../errors.js";
import { wasmTriangularSolve } from "../wasm64/float64-kernels.js";
import {
  assertFiniteMatrix,
  assertFiniteVector,
  assertMatrix,
  assertSquare,
  assertVector64,
  type Matrix64,
} from "./matrix.js";
import { dotUnchecked } from "./vector.js";

/** Options of {@link solveTriangular}. */
export interface TriangularSolveOptions {
  /** `T` is lower triangular (only its lower triangle is read). Default `true`. */
  lower?: boolean;
  /** Solve `Tᵀx = b` instead of `Tx = b`. Default `false`. */
  transpose?: boolean;
  /** Assume a unit diagonal (the stored diagonal is not read), as in an LU factor. Default `false`. */
  unitDiagonal?: boolean;
}

/**
 * Solves `T·x = b` (or `Tᵀ·x = b`) for triangular `T`; `b` is a vector or an `n × k` matrix of
 * right-hand sides, and the result has the same kind.
 *
 * @throws {DescentError} code `"shape"` for a non-square `T` or a mismatched `b`, `"finite"` for
 * NaN input, `"singular"` when a diagonal entry is zero.
 */
export function solveTriangular(T: Matrix64, b: Float64Array, options?: TriangularSolveOptions): Float64Array;
export function solveTriangular(T: Matrix64, b: Matrix64, options?: TriangularSolveOptions): Matrix64;
export function solveTriangular(
  T: Matrix64,
  b: Float64Array | Matrix64,
  options: TriangularSolveOptions = {},
): Float64Array | Matrix64 {
  assertSquare(T, "T");
  assertFiniteMatrix(T, "T");
  const lower = options.lower ?? true;
  const transpose = options.transpose ?? false;
  const unit = options.unitDiagonal ?? false;
  const n = T.rows;
  if (!unit) {
    for (let i = 0; i < n; i++) {
      if (T.data[i * n + i] === 0) {
        throw new DescentError(`T is singular: its diagonal entry (${i}, ${i}) is 0`, {
          parameter: "T",
          code: "singular",
        });
      }
    }
  }
  if (b instanceof Float64Array) {
    assertVector64(b, "b", n);
    assertFiniteVector(b, "b");
    const x = b.slice();
    triangularSolveInPlace(n, T.data, x, 1, lower, transpose, unit);
    return x;
  }
  assertRhsMatrix(b, n);
  const X = b.data.slice();
  triangularSolveInPlace(n, T.data, X, b.cols, lower, transpose, unit);
  return { rows: n, cols: b.cols, data: X };
}

/** Validates a matrix of right-hand sides with `n` rows. */
export function assertRhsMatrix(b: unknown, n: number): asserts b is Matrix64 {
  if (!(b instanceof Float64Array)) assertMatrix(b, "b");
  const B = b as Matrix64;
  if (B.rows !== n) {
    throw new DescentError(`b must have ${n} rows, received a ${B.rows}×${B.cols} matrix`, {
      parameter: "b",
      code: "shape",
    });
  }
  assertFiniteMatrix(B, "b");
}

/**
 * In-place triangular solve on raw buffers: `x` (`n × k`, row-major) is overwritten by the
 * solution of `op(T)·X = X`. No validation (internal kernel); a zero pivot yields ±Infinity/NaN.
 * Several right-hand sides run on the blocked WebAssembly SIMD kernel where available (above a size
 * threshold); a single one stays in TypeScript, where copying T into wasm memory would cost as much
 * as the memory-bound solve itself.
 */
export function triangularSolveInPlace(
  n: number,
  t: Float64Array,
  x: Float64Array,
  k: number,
  lower: boolean,
  transpose: boolean,
  unitDiagonal: boolean,
): void {
  if (k > 1 && wasmTriangularSolve(n, t, x, k, lower, transpose, unitDiagonal)) return;
  triangularSolveInPlaceTs(n, t, x, k, lower, transpose, unitDiagonal);
}

/** The plain-TypeScript triangular solve (fallback and test reference), as {@link triangularSolveInPlace}. */
export function triangularSolveInPlaceTs(
  n: number,
  t: Float64Array,
  x: Float64Array,
  k: number,
  lower: boolean,
  transpose: boolean,
  unitDiagonal: boolean,
): void {
  if (!transpose) {
    // Row-oriented substitution: xᵢ = (bᵢ − Σⱼ Tᵢⱼ xⱼ) / Tᵢᵢ over the solved part of row i.
    for (let s = 0; s < n; s++) {
      const i = lower ? s : n - 1 - s;
      const jFrom = lower ? 0 : i + 1;
      const jTo = lower ? i : n;
      const tr = i * n;
      if (k === 1) {
        let v = (x[i] as number) - dotUnchecked(t, x, tr + jFrom, jFrom, jTo - jFrom);
        if (!unitDiagonal) v /= t[tr + i] as number;
        x[i] = v;
      } else {
        const xi = i * k;
        for (let j = jFrom; j < jTo; j++) {
          const tij = t[tr + j] as number;
          if (tij === 0) continue;
          const xj = j * k;
          for (let c = 0; c < k; c++) x[xi + c] = (x[xi + c] as number) - tij * (x[xj + c] as number);
        }
        if (!unitDiagonal) {
          const inv = 1 / (t[tr + i] as number);
          for (let c = 0; c < k; c++) x[xi + c] = (x[xi + c] as number) * inv;
        }
      }
    }
    return;
  }
  // Column-oriented substitution for Tᵀ: once xᵢ is final, subtract Tᵢⱼ·xᵢ from the unknowns j it
  // couples to, reading row i of T contiguously. Lower T → Tᵀ upper → go backwards; upper → forwards.
  for (let s = 0; s < n; s++) {
    const i = lower ? n - 1 - s : s;
    const jFrom = lower ? 0 : i + 1;
    const jTo = lower ? i : n;
    const tr = i * n;
    const xi = i * k;
    if (!unitDiagonal) {
      const inv = 1 / (t[tr + i] as number);
      for (let c = 0; c < k; c++) x[xi + c] = (x[xi + c] as number) * inv;
    }
    for (let j = jFrom; j < jTo; j++) {
      const tij = t[tr + j] as number;
      if (tij === 0) continue;
      const xj = j * k;
      for (let c = 0; c < k; c++) x[xj + c] = (x[xj + c] as number) - tij * (x[xi + c] as number);
    }
  }
}
