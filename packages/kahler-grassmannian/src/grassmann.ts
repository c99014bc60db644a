/**
 * Geometry of the Grassmannian Gr(m, N) and of Herm⁺(m) used by the learning methods
 * (docs/method.md §8; Edelman–Arias–Smith 1998, Absil–Mahony–Sepulchre 2008, complex case with † for ᵀ):
 * horizontal projection ξ = G − W(W†G), QR retraction W⁺R = W − αξ with the fibre transport h ← R h R†,
 * and the affine-invariant step h⁺ = h^{1/2} exp(−βX) h^{1/2}, X = h^{1/2} Λ h^{1/2}.
 */
import {
  assertFiniteNumber,
  assertOptionalFunction,
  type CMatrix,
  cmatmul,
  cmatrix,
  complexQr,
  hermitianEigh,
} from "@descent/core-tensor";
import { assertMatrix } from "./argument-checks.js";

/** ξ = G − W(W†G): the horizontal part of a Euclidean gradient G at W (W†ξ = 0). */
export function horizontalProjection(W: CMatrix, G: CMatrix): CMatrix {
  assertMatrix(W, "W");
  assertMatrix(G, "G", W.rows, W.cols);
  const WG = cmatmul(W, G, { opA: "C" });
  const P = cmatmul(W, WG);
  return cmatrix(
    G.rows,
    G.cols,
    G.re.map((v, i) => v - (P.re[i] as number)),
    G.im.map((v, i) => v - (P.im[i] as number)),
  );
}

/** qf(W − αξ) and the triangular factor R (real positive diagonal). */
export function grassmannRetract(W: CMatrix, xi: CMatrix, alpha: number): { W: CMatrix; R: CMatrix } {
  assertMatrix(W, "W");
  assertMatrix(xi, "xi", W.rows, W.cols);
  assertFiniteNumber(alpha, "alpha");
  const A = cmatrix(
    W.rows,
    W.cols,
    W.re.map((v, i) => v - alpha * (xi.re[i] as number)),
    W.im.map((v, i) => v - alpha * (xi.im[i] as number)),
  );
  const { Q, R } = complexQr(A);
  return { W: Q, R };
}

/** h ← R h R†, the fibre transport that keeps W h W† continuous across a QR retraction. */
export function transportH(h: CMatrix, R: CMatrix): CMatrix {
  assertMatrix(h, "h", h?.rows ?? null, h?.rows ?? null);
  assertMatrix(R, "R", h.rows, h.rows);
  return hermitianize(cmatmul(R, cmatmul(h, R, { opB: "C" })));
}

/** f(A) = U diag(f(λ)) U† for Hermitian A. */
export function hermitianFunction(A: CMatrix, f: (lambda: number) => number): CMatrix {
  assertMatrix(A, "A", A?.rows ?? null, A?.rows ?? null);
  assertOptionalFunction(f, "f");
  if (f === undefined) assertOptionalFunction(null, "f");
  const { values, vectors: U } = hermitianEigh(A);
  const n = A.rows;
  const D = cmatrix(n, n);
  for (let j = 0; j < n; j++) {
    const fj = f(values[j] as number);
    for (let i = 0; i < n; i++) {
      D.re[i * n + j] = (U.re[i * n + j] as number) * fj;
      D.im[i * n + j] = (U.im[i * n + j] as number) * fj;
    }
  }
  return hermitianize(cmatmul(D, U, { opB: "C" }));
}

/** The affine-invariant step h^{1/2} exp(−βX) h^{1/2}, given X = h^{1/2} Λ h^{1/2} and h^{1/2}. */
export function affineInvariantStep(X: CMatrix, hHalf: CMatrix, beta: number): CMatrix {
  assertMatrix(X, "X", X?.rows ?? null, X?.rows ?? null);
  assertMatrix(hHalf, "hHalf", X.rows, X.rows);
  assertFiniteNumber(beta, "beta");
  const E = hermitianFunction(X, (l) => Math.exp(-beta * l));
  return hermitianize(cmatmul(hHalf, cmatmul(E, hHalf)));
}

/** (A + A†)/2. */
export function hermitianize(A: CMatrix): CMatrix {
  const n = A.rows;
  const out = cmatrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out.re[i * n + j] = 0.5 * ((A.re[i * n + j] as number) + (A.re[j * n + i] as number));
      out.im[i * n + j] = 0.5 * ((A.im[i * n + j] as number) - (A.im[j * n + i] as number));
    }
  }
  return out;
}

/** ‖A‖_F. */
export function frobenius(A: CMatrix): number {
  let s = 0;
  for (let i = 0; i < A.re.length; i++) s += (A.re[i] as number) ** 2 + (A.im[i] as number) ** 2;
  return Math.sqrt(s);
}
