/**
 * Seeded random float64 matrices for tests, examples and benchmarks: Gaussian matrices, Haar
 * random orthogonal matrices and symmetric matrices with a prescribed spectrum.
 */

import { type Rng, toRng } from "../rng.js";
import { assertAllFinite, assertInteger } from "../validate.js";
import type { Matrix64 } from "./matrix.js";
import { dotUnchecked } from "./vector.js";

/** A `rows × cols` matrix of i.i.d. standard normal entries drawn from `seedOrRng`. */
export function randomNormalMatrix(seedOrRng: number | Rng, rows: number, cols: number): Matrix64 {
  assertInteger(rows, "rows", { min: 0 });
  assertInteger(cols, "cols", { min: 0 });
  const rng = toRng(seedOrRng);
  return { rows, cols, data: rng.fillNormal(new Float64Array(rows * cols)) };
}

/**
 * A Haar-distributed random `n × n` orthogonal matrix: the Q factor, with a positive diagonal of
 * R, of a Gaussian matrix (Mezzadri 2007, "How to generate random matrices from the classical
 * compact groups"), computed by twice-repeated modified Gram–Schmidt over rows.
 */
export function randomOrthogonal(seedOrRng: number | Rng, n: number): Matrix64 {
  assertInteger(n, "n", { min: 0 });
  const rng = toRng(seedOrRng);
  // Orthonormalise the rows of a Gaussian matrix; the result's rows (= columns of its transpose)
  // are Haar distributed either way, so we return the row-orthonormal matrix directly.
  const q = rng.fillNormal(new Float64Array(n * n));
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        const proj = dotUnchecked(q, q, ri, j * n, n);
        for (let t = 0; t < n; t++) q[ri + t] = (q[ri + t] as number) - proj * (q[j * n + t] as number);
      }
    }
    const nrm = Math.sqrt(dotUnchecked(q, q, ri, ri, n));
    for (let t = 0; t < n; t++) q[ri + t] = (q[ri + t] as number) / nrm;
  }
  return { rows: n, cols: n, data: q };
}

/**
 * The symmetric matrix `Q·diag(eigenvalues)·Qᵀ` with a Haar random orthogonal `Q`; returns both
 * (the columns of Q are the eigenvectors).
 */
export function randomSymmetric(
  seedOrRng: number | Rng,
  eigenvalues: ArrayLike<number>,
): { A: Matrix64; Q: Matrix64 } {
  assertAllFinite(eigenvalues, "eigenvalues");
  const n = eigenvalues.length;
  const Q = randomOrthogonal(seedOrRng, n);
  const a = new Float64Array(n * n);
  const q = Q.data;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++)
        s += (q[i * n + k] as number) * (eigenvalues[k] as number) * (q[j * n + k] as number);
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
  }
  return { A: { rows: n, cols: n, data: a }, Q };
}
