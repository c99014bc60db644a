/**
 * Symmetric eigendecomposition `A = V·diag(λ)·Vᵀ`: Householder reduction to tridiagonal form, then
 * the implicit QL iteration with Wilkinson-type shifts (the EISPACK tred2/tql2 pair, which
 * platform notes §3 recommends over Jacobi: 2–10× faster at n = 256). Written for row-major storage:
 * the reduction updates rows, the eigenvector rotations act on rows of Vᵀ, and one transpose at the
 * end yields eigenvector columns.
 */
import { DescentError } from "../errors.js";
import { assertInteger } from "../validate.js";
import { assertFiniteMatrix, assertSquare, type Matrix64 } from "./matrix.js";
import { dotUnchecked } from "./vector.js";

/** The result of {@link eigh}. */
export interface EighResult {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Orthonormal eigenvectors as columns: column j belongs to `values[j]`. */
  vectors: Matrix64;
}

/** Options of {@link eigh} and {@link eigvalsh}. */
export interface EighOptions {
  /** QL iterations allowed per eigenvalue before giving up. Default `60` (our choice; 2–3 are typical). */
  maxIterationsPerValue?: number;
}

/**
 * The eigenvalues (ascending) and orthonormal eigenvectors (columns) of the symmetric matrix `A`.
 * Only the lower triangle of `A` is read.
 *
 * @throws {DescentError} code `"shape"` for non-square input, `"finite"` for NaN/±Infinity,
 * `"no-convergence"` if the QL iteration stalls (not observed in practice).
 *
 * @example
 * ```ts
 * const { values, vectors } = eigh(fromRows([[2, 1], [1, 2]])); // values [1, 3]
 * ```
 */
export function eigh(A: Matrix64, options: EighOptions = {}): EighResult {
  const { d, w } = symmetricEigen(A, options, true);
  const n = A.rows;
  const order = ascendingOrder(d);
  const values = new Float64Array(n);
  const V = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const src = order[j] as number;
    values[j] = d[src] as number;
    const row = src * n;
    for (let r = 0; r < n; r++) V[r * n + j] = (w as Float64Array)[row + r] as number;
  }
  return { values, vectors: { rows: n, cols: n, data: V } };
}

/** The eigenvalues of the symmetric matrix `A` in ascending order (no eigenvectors: about 3× cheaper). */
export function eigvalsh(A: Matrix64, options: EighOptions = {}): Float64Array {
  const { d } = symmetricEigen(A, options, false);
  return d.sort();
}

function ascendingOrder(d: Float64Array): number[] {
  const idx = Array.from({ length: d.length }, (_, i) => i);
  idx.sort((a, b) => (d[a] as number) - (d[b] as number));
  return idx;
}

function symmetricEigen(
  A: Matrix64,
  options: EighOptions,
  wantVectors: boolean,
): { d: Float64Array; w: Float64Array | null } {
  assertSquare(A, "A");
  assertFiniteMatrix(A, "A");
  const maxIter = options.maxIterationsPerValue ?? 60;
  assertInteger(maxIter, "maxIterationsPerValue", { min: 1 });
  const n = A.rows;
  // Working copy, symmetrised from the lower triangle.
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = A.data[i * n + j] as number;
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const beta = tridiagonalize(n, a, d, e);
  const w = wantVectors ? householderProductTransposed(n, a, beta) : null;
  tridiagonalQl(n, d, e, w, maxIter);
  return { d, w };
}

/**
 * Householder reduction `QᵀAQ = T` of the full symmetric `n × n` buffer `a` (destroyed): fills the
 * diagonal `d` and super-diagonal `e` (e[i] couples i and i+1; e[n-1] = 0) of T, stores the
 * Householder vector of step k in row k of `a` (columns k+1…n−1, leading 1) and returns the betas.
 */
function tridiagonalize(n: number, a: Float64Array, d: Float64Array, e: Float64Array): Float64Array {
  const beta = new Float64Array(Math.max(n, 1));
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k + 2 < n; k++) {
    const rk = k * n;
    d[k] = a[rk + k] as number;
    const m = n - k - 1;
    const off = k + 1;
    const x0 = a[rk + off] as number;
    let sigma = 0;
    for (let t = 1; t < m; t++) {
      const xt = a[rk + off + t] as number;
      sigma += xt * xt;
    }
    if (sigma === 0) {
      beta[k] = 0;
      e[k] = x0;
      continue;
    }
    // Golub & Van Loan, Alg. 5.1.1: P = I − β·v·vᵀ with v₀ = 1 maps x to ‖x‖·e₁ (no cancellation).
    const mu = Math.sqrt(x0 * x0 + sigma);
    const v0 = x0 <= 0 ? x0 - mu : -sigma / (x0 + mu);
    const b = (2 * v0 * v0) / (sigma + v0 * v0);
    beta[k] = b;
    e[k] = mu;
    v[0] = 1;
    for (let t = 1; t < m; t++) v[t] = (a[rk + off + t] as number) / v0;
    for (let t = 0; t < m; t++) a[rk + off + t] = v[t] as number;
    // A₂₂ ← P·A₂₂·P = A₂₂ − v·wᵀ − w·vᵀ with p = β·A₂₂·v, w = p − (β/2)(pᵀv)·v.
    for (let i = 0; i < m; i++) p[i] = b * dotUnchecked(a, v, (off + i) * n + off, 0, m);
    const K = 0.5 * b * dotUnchecked(p, v, 0, 0, m);
    for (let i = 0; i < m; i++) p[i] = (p[i] as number) - K * (v[i] as number);
    for (let i = 0; i < m; i++) {
      const r = (off + i) * n + off;
      const vi = v[i] as number;
      const wi = p[i] as number;
      for (let j = 0; j < m; j++) {
        a[r + j] = (a[r + j] as number) - vi * (p[j] as number) - wi * (v[j] as number);
      }
    }
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2] as number;
    e[n - 2] = a[(n - 2) * n + n - 1] as number;
  }
  if (n >= 1) d[n - 1] = a[(n - 1) * n + n - 1] as number;
  e[Math.max(n - 1, 0)] = 0;
  return beta;
}

/**
 * Forms `Qᵀ` (row-major) where `Q = P₀·P₁⋯P_{n−3}` from the Householder vectors left in `a` by
 * {@link tridiagonalize}; accumulated backwards so that each reflector touches only its block.
 */
function householderProductTransposed(n: number, a: Float64Array, beta: Float64Array): Float64Array {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  const u = new Float64Array(n);
  for (let k = n - 3; k >= 0; k--) {
    const b = beta[k] as number;
    if (b === 0) continue;
    const off = k + 1;
    const m = n - off;
    const vRow = k * n + off;
    // u = vᵀ·Q[off:, off:] (a combination of rows), then Q[off:, off:] −= β·v·uᵀ.
    u.fill(0, 0, m);
    for (let i = 0; i < m; i++) {
      const vi = a[vRow + i] as number;
      if (vi === 0) continue;
      const r = (off + i) * n + off;
      for (let j = 0; j < m; j++) u[j] = (u[j] as number) + vi * (q[r + j] as number);
    }
    for (let i = 0; i < m; i++) {
      const f = b * (a[vRow + i] as number);
      if (f === 0) continue;
      const r = (off + i) * n + off;
      for (let j = 0; j < m; j++) q[r + j] = (q[r + j] as number) - f * (u[j] as number);
    }
  }
  // Transpose in place: rows of the result are the columns of Q.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const t = q[i * n + j] as number;
      q[i * n + j] = q[j * n + i] as number;
      q[j * n + i] = t;
    }
  }
  return q;
}

/**
 * Implicit QL iteration on the symmetric tridiagonal (d, e); on return `d` holds the (unsorted)
 * eigenvalues and, when given, the rows of `w` (initially Qᵀ) have been rotated into the
 * eigenvectors (row i ↔ d[i]).
 */
function tridiagonalQl(
  n: number,
  d: Float64Array,
  e: Float64Array,
  w: Float64Array | null,
  maxIter: number,
): void {
  const eps = Number.EPSILON;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    for (;;) {
      // Find the first negligible off-diagonal entry at or after l: T splits there.
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m] as number) + Math.abs(d[m + 1] as number);
        if (Math.abs(e[m] as number) <= eps * dd) break;
      }
      if (m === l) break;
      if (++iter > maxIter) {
        throw new DescentError(
          `eigh did not converge: eigenvalue ${l} needed more than ${maxIter} QL iterations`,
          {
            parameter: "A",
            code: "no-convergence",
          },
        );
      }
      // Shift from the leading 2×2 block (the eigenvalue of it closer to d[l]).
      let g = ((d[l + 1] as number) - (d[l] as number)) / (2 * (e[l] as number));
      let r = Math.hypot(g, 1);
      g = (d[m] as number) - (d[l] as number) + (e[l] as number) / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let deflated = false;
      for (let i = m - 1; i >= l; i--) {
        const f = s * (e[i] as number);
        const bb = c * (e[i] as number);
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // Underflow: the matrix splits here; finish this sweep early and test again.
          d[i + 1] = (d[i + 1] as number) - p;
          e[m] = 0;
          deflated = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = (d[i + 1] as number) - p;
        r = ((d[i] as number) - g) * s + 2 * c * bb;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - bb;
        if (w !== null) {
          const ri = i * n;
          const rj = ri + n;
          for (let k = 0; k < n; k++) {
            const wi = w[ri + k] as number;
            const wj = w[rj + k] as number;
            w[rj + k] = s * wi + c * wj;
            w[ri + k] = c * wi - s * wj;
          }
        }
      }
      if (deflated) continue;
      d[l] = (d[l] as number) - p;
      e[l] = g;
      e[m] = 0;
    }
  }
}
