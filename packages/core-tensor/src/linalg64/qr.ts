/**
 * Thin Householder QR factorisation `A = Q·R`. The reflectors are computed on the rows of `Aᵀ`
 * (the columns of A, contiguous in that layout) and Q is accumulated backwards as `Qᵀ`, so every
 * inner loop runs over contiguous memory.
 */
import { assertFiniteMatrix, assertMatrix, type Matrix64, swapRowsInPlace, transposeData } from "./matrix.js";
import { dotUnchecked } from "./vector.js";

/** The thin QR factors of an `m × n` matrix, `k = min(m, n)`. */
export interface QrResult {
  /** `m × k` with orthonormal columns. */
  Q: Matrix64;
  /** `k × n` upper triangular (upper trapezoidal when m < n) with a non-negative diagonal. */
  R: Matrix64;
  /**
   * With `pivoting`, column i of `Q·R` is column `permutation[i]` of A (`A·P = Q·R`); the identity
   * otherwise.
   */
  permutation: Int32Array;
}

/** Options of {@link qr}. */
export interface QrOptions {
  /**
   * Column pivoting (Businger & Golub 1965): at each step the remaining column of largest norm is
   * moved forward, so `|R₀₀| ≥ |R₁₁| ≥ …` and the factorisation reveals the numerical rank.
   * Default `false`.
   */
  pivoting?: boolean;
}

/**
 * Householder QR of `A` (Golub & Van Loan, *Matrix Computations*, Alg. 5.2.1, thin form): `A = Q·R`
 * with orthonormal columns in Q and R upper triangular. The signs are normalised so that
 * `diag(R) ≥ 0`, which makes the factorisation unique for full-rank A.
 *
 * @throws {DescentError} code `"shape"` for a malformed matrix, `"finite"` for NaN/±Infinity.
 *
 * @example
 * ```ts
 * const { Q, R } = qr(X); // X = Q·R
 * ```
 */
export function qr(A: Matrix64, options: QrOptions = {}): QrResult {
  assertMatrix(A, "A");
  assertFiniteMatrix(A, "A");
  const pivoting = options.pivoting ?? false;
  const m = A.rows;
  const n = A.cols;
  const k = Math.min(m, n);
  const g = transposeData(m, n, A.data); // row j = column j of A
  const betas = new Float64Array(k);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let j = 0; j < k; j++) {
    const rj = j * m;
    if (pivoting) {
      // Norms of the remaining parts recomputed (not downdated): O(mn) per step, and no
      // cancellation trouble (our choice).
      let best = -1;
      let bestNorm = -1;
      for (let i = j; i < n; i++) {
        const s = dotUnchecked(g, g, i * m + j, i * m + j, m - j);
        if (s > bestNorm) {
          bestNorm = s;
          best = i;
        }
      }
      if (best !== j) {
        swapRowsInPlace(g, m, j, best);
        const tp = perm[j] as number;
        perm[j] = perm[best] as number;
        perm[best] = tp;
      }
    }
    const x0 = g[rj + j] as number;
    let sigma = 0;
    for (let t = j + 1; t < m; t++) sigma += (g[rj + t] as number) ** 2;
    if (sigma === 0) {
      betas[j] = 0;
      continue;
    }
    // GVL Alg. 5.1.1: v with v₀ = 1 and β such that (I − βvvᵀ)x = ‖x‖e₁, without cancellation.
    const mu = Math.sqrt(x0 * x0 + sigma);
    const v0 = x0 <= 0 ? x0 - mu : -sigma / (x0 + mu);
    const beta = (2 * v0 * v0) / (sigma + v0 * v0);
    betas[j] = beta;
    for (let t = j + 1; t < m; t++) g[rj + t] = (g[rj + t] as number) / v0;
    g[rj + j] = 1; // v stored in place (leading 1), R's diagonal entry is mu
    for (let i = j + 1; i < n; i++) {
      const ri = i * m;
      const s = beta * dotUnchecked(g, g, rj + j, ri + j, m - j);
      for (let t = j; t < m; t++) g[ri + t] = (g[ri + t] as number) - s * (g[rj + t] as number);
    }
    g[rj + j] = mu;
  }
  // R from the upper part of Aᵀ's rows; the Householder vectors sit below (with implicit leading 1).
  const R = new Float64Array(k * n);
  for (let i = 0; i < k; i++) for (let j = i; j < n; j++) R[i * n + j] = g[j * m + i] as number;
  // Qᵀ = I[:k, :]·H_{k−1}⋯H₀; right-multiplying by H_j changes columns j.. of rows ≥ j only.
  const qt = new Float64Array(k * m);
  for (let i = 0; i < k; i++) qt[i * m + i] = 1;
  for (let j = k - 1; j >= 0; j--) {
    const beta = betas[j] as number;
    if (beta === 0) continue;
    const rj = j * m;
    for (let r = j; r < k; r++) {
      const rr = r * m;
      // v = (1, g[rj + j + 1 ..]) — the stored diagonal is R's, so add the leading 1 by hand.
      const s = beta * ((qt[rr + j] as number) + dotUnchecked(qt, g, rr + j + 1, rj + j + 1, m - j - 1));
      qt[rr + j] = (qt[rr + j] as number) - s;
      for (let t = j + 1; t < m; t++) qt[rr + t] = (qt[rr + t] as number) - s * (g[rj + t] as number);
    }
  }
  for (let i = 0; i < k; i++) {
    if ((R[i * n + i] as number) < 0) {
      for (let j = i; j < n; j++) R[i * n + j] = -(R[i * n + j] as number);
      for (let t = 0; t < m; t++) qt[i * m + t] = -(qt[i * m + t] as number);
    }
  }
  return {
    Q: { rows: m, cols: k, data: transposeData(k, m, qt) },
    R: { rows: k, cols: n, data: R },
    permutation: perm,
  };
}
