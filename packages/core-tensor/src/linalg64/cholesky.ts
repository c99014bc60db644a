/**
 * Cholesky factorisation `A = L·Lᵀ` of a symmetric positive definite matrix — blocked over column
 * blocks, the dot-product form over rows inside a block and the packed GEMM kernel for the trailing
 * updates (the whole factorisation runs in the WebAssembly SIMD kernel above order 16 where available) — with an optional jitter retry for matrices that are positive
 * semi-definite up to rounding, and the solves that use the factor.
 */
import { DescentError, describeValue } from "../errors.js";
import { assertNonNegative } from "../validate.js";
import { wasmCholesky } from "../wasm64/float64-kernels.js";
import { gemmAccumulate } from "./matmul.js";
import {
  assertFiniteMatrix,
  assertFiniteVector,
  assertSquare,
  assertVector64,
  type Matrix64,
} from "./matrix.js";
import { assertRhsMatrix, triangularSolveInPlace } from "./triangular-solve.js";
import { dotUnchecked } from "./vector.js";

/** Options of {@link cholesky}. */
export interface CholeskyOptions {
  /**
   * Relative jitter for a retry when the factorisation breaks down: `jitter·(trace(A)/n)·I` is
   * added to A and the factorisation repeated, with the jitter multiplied by 10 on each further
   * failure (up to `maxJitterRetries`). Default `0` (no retry: a breakdown throws at once).
   * Our choice, following the jitter retry `+1e-12·trace/p·I` commonly used for IRR's weighted Gram (pass
   * `1e-12` there).
   */
  jitter?: number;
  /** Number of retries with growing jitter before giving up. Default `5` (our choice). */
  maxJitterRetries?: number;
}

/** The result of {@link choleskyWithJitter}. */
export interface CholeskyResult {
  /** The lower-triangular factor (zeros above the diagonal). */
  L: Matrix64;
  /** The multiple of the identity that was added to A before the successful factorisation (0 if none). */
  jitterAdded: number;
}

/**
 * Factors the symmetric positive definite `A` as `L·Lᵀ` and returns the lower-triangular `L`.
 * Only the lower triangle of `A` is read.
 *
 * @throws {DescentError} code `"not-positive-definite"` naming the failing pivot (after the jitter
 * retries, if enabled), `"shape"` for non-square input, `"finite"` for NaN/±Infinity.
 *
 * @example
 * ```ts
 * const L = cholesky(fromRows([[4, 2], [2, 3]])); // [[2, 0], [1, √2]]
 * ```
 */
export function cholesky(A: Matrix64, options: CholeskyOptions = {}): Matrix64 {
  return choleskyWithJitter(A, options).L;
}

/**
 * {@link cholesky} that also reports how much jitter had to be added (see
 * {@link CholeskyOptions.jitter}).
 */
export function choleskyWithJitter(A: Matrix64, options: CholeskyOptions = {}): CholeskyResult {
  assertSquare(A, "A");
  assertFiniteMatrix(A, "A");
  const jitter = options.jitter ?? 0;
  const retries = options.maxJitterRetries ?? 5;
  assertNonNegative(jitter, "jitter");
  assertNonNegative(retries, "maxJitterRetries");
  const n = A.rows;
  const L = new Float64Array(n * n);
  let failed = choleskyInPlace(n, A.data, L, 0);
  if (failed === null) return { L: { rows: n, cols: n, data: L }, jitterAdded: 0 };
  if (jitter > 0) {
    let trace = 0;
    for (let i = 0; i < n; i++) trace += A.data[i * n + i] as number;
    // our choice: fall back to a unit scale when the mean diagonal is not positive
    const scaleRef = trace > 0 ? trace / n : 1;
    let rel = jitter;
    for (let attempt = 0; attempt < retries; attempt++, rel *= 10) {
      const added = rel * scaleRef;
      failed = choleskyInPlace(n, A.data, L, added);
      if (failed === null) return { L: { rows: n, cols: n, data: L }, jitterAdded: added };
    }
  }
  throw new DescentError(
    `A is not positive definite: the Cholesky pivot at row ${failed.index} is ${describeValue(failed.value)}` +
      (jitter > 0
        ? ` even after ${retries} jitter retries up to ${jitter * 10 ** (retries - 1)}·trace/n`
        : ""),
    { parameter: "A", code: "not-positive-definite" },
  );
}

/** Column-block width of the blocked factorisation (our choice; 64 measured best at n = 256–512). */
const CHOLESKY_BLOCK = 64;

/**
 * Factors `a + shift·I` (lower triangle read) into `l` (fully overwritten); returns `null` on
 * success or the failing pivot. No validation (internal kernel). Runs the WebAssembly SIMD kernel
 * where available (above a size threshold), else {@link choleskyInPlaceTs}.
 */
export function choleskyInPlace(
  n: number,
  a: Float64Array,
  l: Float64Array,
  shift: number,
): { index: number; value: number } | null {
  const viaWasm = wasmCholesky(n, a, l, shift);
  return viaWasm === undefined ? choleskyInPlaceTs(n, a, l, shift) : viaWasm;
}

/**
 * The plain-TypeScript Cholesky kernel (fallback and test reference of the wasm one), arguments as
 * {@link choleskyInPlace}.
 *
 * Blocked left-to-right over column blocks of 64: inside a block, each entry is one contiguous dot
 * product of two rows (the dot-product form over rows); the update of the
 * trailing lower triangle by the finished block, `L₂₂ −= P·Pᵀ`, which carries most of the n³/3
 * flops, runs on the packed GEMM kernel.
 */
export function choleskyInPlaceTs(
  n: number,
  a: Float64Array,
  l: Float64Array,
  shift: number,
): { index: number; value: number } | null {
  l.fill(0);
  for (let i = 0; i < n; i++) {
    const r = i * n;
    for (let j = 0; j <= i; j++) l[r + j] = a[r + j] as number;
    l[r + i] = (l[r + i] as number) + shift;
  }
  for (let k0 = 0; k0 < n; k0 += CHOLESKY_BLOCK) {
    const k1 = Math.min(k0 + CHOLESKY_BLOCK, n);
    for (let i = k0; i < n; i++) {
      const ri = i * n;
      const jEnd = Math.min(i, k1);
      for (let j = k0; j < jEnd; j++) {
        const rj = j * n;
        const s = (l[ri + j] as number) - dotUnchecked(l, l, ri + k0, rj + k0, j - k0);
        l[ri + j] = s / (l[rj + j] as number);
      }
      if (i < k1) {
        const d = (l[ri + i] as number) - dotUnchecked(l, l, ri + k0, ri + k0, i - k0);
        if (!(d > 0) || !Number.isFinite(d)) return { index: i, value: d };
        l[ri + i] = Math.sqrt(d);
      }
    }
    const m = n - k1;
    if (m > 0) {
      const kb = k1 - k0;
      const negP = new Float64Array(m * kb);
      for (let r = 0; r < m; r++) {
        const src = (k1 + r) * n + k0;
        for (let t = 0; t < kb; t++) negP[r * kb + t] = -(l[src + t] as number);
      }
      // Pᵀ is read from L itself through strides (columns k0..k1 − 1, never written by this update).
      gemmAccumulate(
        m,
        m,
        kb,
        negP,
        kb,
        1,
        l.subarray(k1 * n + k0),
        1,
        n,
        l.subarray(k1 * n + k1),
        n,
        "lower",
      );
    }
  }
  // The GEMM wrote whole 4×4 tiles across the diagonal: clear the strict upper triangle.
  for (let i = 0; i < n; i++) l.fill(0, i * n + i + 1, (i + 1) * n);
  return null;
}

/**
 * Solves `A·x = b` given the Cholesky factor `L` of `A` (`L·Lᵀ·x = b`: a forward then a backward
 * substitution). `b` is a vector or an `n × k` matrix; the result has the same kind.
 *
 * @throws {DescentError} code `"shape"` on mismatched shapes, `"finite"` on NaN, `"singular"` when
 * L has a zero on its diagonal.
 */
export function choleskySolve(L: Matrix64, b: Float64Array): Float64Array;
export function choleskySolve(L: Matrix64, b: Matrix64): Matrix64;
export function choleskySolve(L: Matrix64, b: Float64Array | Matrix64): Float64Array | Matrix64;
export function choleskySolve(L: Matrix64, b: Float64Array | Matrix64): Float64Array | Matrix64 {
  assertSquare(L, "L");
  assertFiniteMatrix(L, "L");
  const n = L.rows;
  for (let i = 0; i < n; i++) {
    if (!(L.data[i * n + i] !== 0)) {
      throw new DescentError(`L is singular: its diagonal entry (${i}, ${i}) is 0`, {
        parameter: "L",
        code: "singular",
      });
    }
  }
  let x: Float64Array;
  let k = 1;
  if (b instanceof Float64Array) {
    assertVector64(b, "b", n);
    assertFiniteVector(b, "b");
    x = b.slice();
  } else {
    assertRhsMatrix(b, n);
    x = b.data.slice();
    k = b.cols;
  }
  triangularSolveInPlace(n, L.data, x, k, true, false, false);
  triangularSolveInPlace(n, L.data, x, k, true, true, false);
  return b instanceof Float64Array ? x : { rows: n, cols: k, data: x };
}

/**
 * The inverse of the symmetric positive definite `A` from its Cholesky factor (half the flops of
 * LU and exactly symmetric: the two triangles are averaged). Only the lower triangle of A is read.
 *
 * @throws {DescentError} code `"not-positive-definite"` (see {@link cholesky}).
 */
export function inverseSpd(A: Matrix64, options: CholeskyOptions = {}): Matrix64 {
  const L = cholesky(A, options);
  const n = L.rows;
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  const X = choleskySolve(L, { rows: n, cols: n, data: I });
  const x = X.data;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) {
      const v = 0.5 * ((x[i * n + j] as number) + (x[j * n + i] as number));
      x[i * n + j] = v;
      x[j * n + i] = v;
    }
  return X;
}
