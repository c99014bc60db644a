/**
 * Hermitian rank-k accumulation `M += Σᵢ wᵢ·zᵢ·zᵢᴴ` over the rows zᵢ of Z (the T-operator sum of
 * Donaldson's algorithm, kahler-grassmannian's method §7). With Z = X + iY:
 * `Re M += XᵀWX + YᵀWY` (symmetric: upper triangle only) and `Im M += YᵀWX − (YᵀWX)ᵀ`
 * (antisymmetric), i.e. three real GEMMs, half the flops of a general complex product.
 */
import { DescentError } from "../errors.js";
import { gemmAccumulate, mirrorUpper } from "../linalg64/matmul.js";
import { assertFiniteVector, assertVector64 } from "../linalg64/matrix.js";
import { wasmHermitianGramParts } from "../wasm64/float64-kernels.js";
import { assertCMatrix, assertFiniteCMatrix, type CMatrix, cmatrix } from "./cmatrix.js";

/**
 * Adds `Σᵢ wᵢ·zᵢ·zᵢᴴ` to the Hermitian `M` in place, where zᵢ is row i of the `k × N` matrix Z
 * (`(z zᴴ)_{αβ} = z_α·conj(z_β)`); `w` defaults to all ones. Returns `M`. Only the Hermitian part
 * of M is kept: its result is exactly Hermitian when M was.
 *
 * @throws {DescentError} code `"shape"` when M is not `N × N` or w not of length k, `"finite"` on NaN.
 */
export function hermitianRankKUpdate(M: CMatrix, Z: CMatrix, w?: Float64Array): CMatrix {
  assertCMatrix(M, "M");
  assertCMatrix(Z, "Z");
  const k = Z.rows;
  const N = Z.cols;
  if (M.rows !== N || M.cols !== N) {
    throw new DescentError(
      `M must be ${N}×${N} to match the rows of Z, received a ${M.rows}×${M.cols} matrix`,
      {
        parameter: "M",
        code: "shape",
      },
    );
  }
  assertFiniteCMatrix(Z, "Z");
  if (w !== undefined) {
    assertVector64(w, "w", k);
    assertFiniteVector(w, "w");
  }
  const re = new Float64Array(N * N);
  const P = new Float64Array(N * N); // P = YᵀWX
  if (!wasmHermitianGramParts(k, N, Z.re, Z.im, w, re, P)) {
    const wx = new Float64Array(k * N);
    const wy = new Float64Array(k * N);
    for (let i = 0; i < k; i++) {
      const wi = w === undefined ? 1 : (w[i] as number);
      for (let j = 0; j < N; j++) {
        wx[i * N + j] = wi * (Z.re[i * N + j] as number);
        wy[i * N + j] = wi * (Z.im[i * N + j] as number);
      }
    }
    gemmAccumulate(N, N, k, wx, 1, N, Z.re, N, 1, re, N, "upper");
    gemmAccumulate(N, N, k, wy, 1, N, Z.im, N, 1, re, N, "upper");
    gemmAccumulate(N, N, k, wy, 1, N, Z.re, N, 1, P, N);
  }
  mirrorUpper(N, re);
  for (let a = 0; a < N; a++) {
    for (let b = 0; b < N; b++) {
      const idx = a * N + b;
      M.re[idx] = (M.re[idx] as number) + (re[idx] as number);
    }
    // Antisymmetric imaginary part: add d to (a, b) and subtract it from (b, a), so a Hermitian M
    // stays exactly Hermitian.
    for (let b = a + 1; b < N; b++) {
      const d = (P[a * N + b] as number) - (P[b * N + a] as number);
      M.im[a * N + b] = (M.im[a * N + b] as number) + d;
      M.im[b * N + a] = (M.im[b * N + a] as number) - d;
    }
  }
  return M;
}

/** A new `N × N` Hermitian `Σᵢ wᵢ·zᵢ·zᵢᴴ` over the rows of Z (see {@link hermitianRankKUpdate}). */
export function hermitianGram(Z: CMatrix, w?: Float64Array): CMatrix {
  assertCMatrix(Z, "Z");
  return hermitianRankKUpdate(cmatrix(Z.cols, Z.cols), Z, w);
}
