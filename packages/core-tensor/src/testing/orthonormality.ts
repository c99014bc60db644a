/**
 * Test-only check of orthonormal columns (not exported from the package entry points and not
 * published: `files` excludes `src/testing`).
 */
import { matmul } from "../linalg64/matmul.js";
import type { Matrix64 } from "../linalg64/matrix.js";

/** max_ij |(VᵀV)ᵢⱼ − δᵢⱼ|: zero exactly when the columns of `V` are orthonormal. */
export function orthonormalityError(V: Matrix64): number {
  const G = matmul(V, V, { transA: true });
  let m = 0;
  for (let i = 0; i < G.rows; i++)
    for (let j = 0; j < G.cols; j++)
      m = Math.max(m, Math.abs((G.data[i * G.cols + j] as number) - (i === j ? 1 : 0)));
  return m;
}
