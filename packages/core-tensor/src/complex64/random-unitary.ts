/**
 * Seeded random complex matrices: standard complex Gaussian matrices, Haar random unitaries and
 * Hermitian matrices with a prescribed spectrum (tests, examples, Haar-random subspaces).
 */
import { type Rng, toRng } from "../rng.js";
import { assertAllFinite, assertInteger } from "../validate.js";
import { type CMatrix, cmatrix } from "./cmatrix.js";

/**
 * A `rows × cols` matrix of i.i.d. standard complex Gaussians (real and imaginary parts each
 * N(0, ½), so E|zᵢⱼ|² = 1).
 */
export function randomComplexNormalMatrix(seedOrRng: number | Rng, rows: number, cols: number): CMatrix {
  assertInteger(rows, "rows", { min: 0 });
  assertInteger(cols, "cols", { min: 0 });
  const rng = toRng(seedOrRng);
  const M = cmatrix(rows, cols);
  const sd = Math.SQRT1_2;
  for (let k = 0; k < rows * cols; k++) {
    M.re[k] = rng.normal(0, sd);
    M.im[k] = rng.normal(0, sd);
  }
  return M;
}

/**
 * A Haar random `n × n` unitary: Gram–Schmidt (twice, per row) of a complex Gaussian matrix
 * (Mezzadri 2007). Its rows, and hence its columns, are orthonormal.
 */
export function randomUnitary(seedOrRng: number | Rng, n: number): CMatrix {
  const U = randomComplexNormalMatrix(seedOrRng, n, n);
  const { re, im } = U;
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        const rj = j * n;
        // proj = ⟨u_j, u_i⟩ = Σ conj(u_j)·u_i
        let pr = 0;
        let pi = 0;
        for (let t = 0; t < n; t++) {
          const ar = re[rj + t] as number;
          const ai = im[rj + t] as number;
          const br = re[ri + t] as number;
          const bi = im[ri + t] as number;
          pr += ar * br + ai * bi;
          pi += ar * bi - ai * br;
        }
        for (let t = 0; t < n; t++) {
          const ar = re[rj + t] as number;
          const ai = im[rj + t] as number;
          re[ri + t] = (re[ri + t] as number) - (pr * ar - pi * ai);
          im[ri + t] = (im[ri + t] as number) - (pr * ai + pi * ar);
        }
      }
    }
    let nrm = 0;
    for (let t = 0; t < n; t++) nrm += (re[ri + t] as number) ** 2 + (im[ri + t] as number) ** 2;
    nrm = Math.sqrt(nrm);
    for (let t = 0; t < n; t++) {
      re[ri + t] = (re[ri + t] as number) / nrm;
      im[ri + t] = (im[ri + t] as number) / nrm;
    }
  }
  return U;
}

/**
 * The Hermitian `U·diag(eigenvalues)·Uᴴ` with a Haar random unitary U; returns both (the columns
 * of U are the eigenvectors).
 */
export function randomHermitian(
  seedOrRng: number | Rng,
  eigenvalues: ArrayLike<number>,
): { A: CMatrix; U: CMatrix } {
  assertAllFinite(eigenvalues, "eigenvalues");
  const n = eigenvalues.length;
  const U = randomUnitary(seedOrRng, n);
  const A = cmatrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      // A_ij = Σ_k U_ik·λ_k·conj(U_jk)
      let sr = 0;
      let si = 0;
      for (let k = 0; k < n; k++) {
        const l = eigenvalues[k] as number;
        const ar = U.re[i * n + k] as number;
        const ai = U.im[i * n + k] as number;
        const br = U.re[j * n + k] as number;
        const bi = U.im[j * n + k] as number;
        sr += l * (ar * br + ai * bi);
        si += l * (ai * br - ar * bi);
      }
      A.re[i * n + j] = sr;
      A.im[i * n + j] = i === j ? 0 : si;
      A.re[j * n + i] = sr;
      A.im[j * n + i] = i === j ? 0 : -si;
    }
  }
  return { A, U };
}
