/**
 * Test-only fixture matrix (not exported from the package entry points and not published: `files`
 * excludes `src/testing`).
 */
import { type Matrix64, matrix64 } from "../linalg64/matrix.js";

/** The `n × n` 1-D Laplacian `tridiag(−1, 2, −1)`: symmetric positive definite, condition number ~ n². */
export function laplacian1d(n: number): Matrix64 {
  const A = matrix64(n, n);
  for (let i = 0; i < n; i++) {
    A.data[i * n + i] = 2;
    if (i > 0) A.data[i * n + i - 1] = -1;
    if (i + 1 < n) A.data[i * n + i + 1] = -1;
  }
  return A;
}
