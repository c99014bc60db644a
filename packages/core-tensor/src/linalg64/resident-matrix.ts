/**
 * A matrix kept for many matrix–vector products (iterative solvers that multiply by the same X
 * hundreds of times): on the WebAssembly path the matrix is copied once into a private kernel
 * instance, so that each product costs one copy of x and one of the result instead of a copy of the
 * whole matrix, and runs on f64x2 lanes. Results are bitwise equal to {@link matvec} / {@link matvecT}
 * (the wasm kernels keep the TypeScript summation order).
 */
import { DescentError } from "../errors.js";
import {
  type Float64KernelBackend,
  type WasmResidentMatrix,
  wasmResidentMatrix,
} from "../wasm64/float64-kernels.js";
import { assertWeights, matvec, matvecT, mirrorUpper, weightedGram } from "./matmul.js";
import { assertFiniteMatrix, assertMatrix, assertVector64, type Matrix64 } from "./matrix.js";

/** A snapshot of a matrix for repeated products; see {@link residentMatrix}. */
export interface ResidentMatrix64 {
  readonly rows: number;
  readonly cols: number;
  /** Where the products run, fixed when the snapshot is taken. */
  readonly backend: Float64KernelBackend;
  /** `A·x` (x has `cols` entries), into `out` (`rows` entries, not `x`) when given. */
  matvec(x: Float64Array, out?: Float64Array): Float64Array;
  /** `Aᵀ·x` (x has `rows` entries), into `out` (`cols` entries, not `x`) when given. */
  matvecT(x: Float64Array, out?: Float64Array): Float64Array;
  /**
   * The weighted Gram matrix `AᵀWA` (W = diag(w), identity when omitted), equal to
   * `weightedGram(A, w)` bitwise, without copying A again (iteratively reweighted solvers call it
   * every iteration). Throws code `"finite"` when the snapshot has NaN or ±Infinity.
   */
  weightedGram(w?: Float64Array): Matrix64;
  /**
   * Releases the snapshot's memory for reuse by the next `residentMatrix` (optional: without it the
   * memory is garbage-collected). Products afterwards throw a `DescentError` with code `"disposed"`.
   */
  dispose(): void;
}

function checkedOut(x: Float64Array, out: Float64Array | undefined, length: number): Float64Array {
  if (out === undefined) return new Float64Array(length);
  assertVector64(out, "out", length);
  if (out === x) throw new DescentError("out must not be x", { parameter: "out", code: "alias" });
  return out;
}

/**
 * Takes a snapshot of `A` (later writes to `A.data` are not seen) for repeated `A·x` and `Aᵀ·x`.
 * Uses the float64 WebAssembly kernels where available (see `float64Kernels`) and the matrix has at
 * least 1024 entries; otherwise the plain-TypeScript products on a copy. `dispose()` hands the memory
 * to the next snapshot (mapping fresh memory costs about as much as 20 products at 1000 × 100).
 *
 * @throws {DescentError} when `A` is not a matrix; its methods throw code `"shape"` on a wrong length.
 *
 * @example
 * ```ts
 * const Xr = residentMatrix(X);
 * for (let k = 0; k < 300; k++) Xr.matvec(beta, margins); // X copied once
 * ```
 */
export function residentMatrix(A: Matrix64): ResidentMatrix64 {
  assertMatrix(A, "A");
  const { rows, cols } = A;
  let wasm: WasmResidentMatrix | null = wasmResidentMatrix(rows, cols, A.data);
  let copy: Matrix64 | null = wasm === null ? { rows, cols, data: A.data.slice() } : null;
  // the finiteness of the snapshot, for weightedGram (products do not require it)
  let nonFinite: unknown = null;
  try {
    assertFiniteMatrix(A, "A");
  } catch (e) {
    nonFinite = e;
  }
  const live = (): void => {
    if (wasm === null && copy === null) {
      throw new DescentError("this resident matrix was disposed", { code: "disposed" });
    }
  };
  return {
    rows,
    cols,
    backend: wasm === null ? "ts" : "wasm",
    matvec(x, out) {
      live();
      assertVector64(x, "x", cols);
      const y = checkedOut(x, out, rows);
      if (wasm !== null) wasm.matvec(x, y);
      else matvec(copy as Matrix64, x, y);
      return y;
    },
    matvecT(x, out) {
      live();
      assertVector64(x, "x", rows);
      const y = checkedOut(x, out, cols);
      if (wasm !== null) wasm.matvecT(x, y);
      else matvecT(copy as Matrix64, x, y);
      return y;
    },
    weightedGram(w) {
      live();
      if (nonFinite !== null) throw nonFinite;
      if (wasm === null) return weightedGram(copy as Matrix64, w, { assumeFinite: true });
      assertWeights(w, rows);
      const g = new Float64Array(cols * cols);
      wasm.gramUpper(w, g);
      mirrorUpper(cols, g);
      return { rows: cols, cols, data: g };
    },
    dispose() {
      wasm?.release();
      wasm = null;
      copy = null;
    },
  };
}
