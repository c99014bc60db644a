/**
 * h-matrices: a full Hermitian positive definite H (N × N), or a subspace metric (W, h) with
 * W†W = I (N × m) standing for the rank-m H = W·h·W† (docs/method.md §7).
 */
import {
  assertAllFinite,
  assertArrayLike,
  assertCMatrix,
  assertNonEmpty,
  type CMatrix,
  cmatmul,
  cmatrix,
  DescentError,
} from "@descent/core-tensor";
import { assertFiniteMatrix, assertSectionBasis } from "./argument-checks.js";
import type { SectionBasis } from "./section-basis.js";

/** A metric on an m-dimensional subspace of the sections: H = W·h·W†. */
export interface SubspaceMetric {
  /** N × m with orthonormal columns. */
  readonly W: CMatrix;
  /** m × m Hermitian positive definite. */
  readonly h: CMatrix;
}

/** Either a full h-matrix or a subspace metric. */
export type HMatrixLike = CMatrix | SubspaceMetric;

/** The N × N matrix H of a full or subspace metric, checked against the basis size. */
export function ambientH(H: HMatrixLike, basis: SectionBasis, parameter = "H"): CMatrix {
  assertSectionBasis(basis);
  if (H === null || typeof H !== "object") assertCMatrix(H, parameter);
  if ("W" in H) {
    assertCMatrix(H.W, `${parameter}.W`);
    assertFiniteMatrix(H.W, `${parameter}.W`);
    assertCMatrix(H.h, `${parameter}.h`);
    assertFiniteMatrix(H.h, `${parameter}.h`);
  } else {
    assertCMatrix(H, parameter);
    assertFiniteMatrix(H, parameter);
  }
  const N = basis.size;
  if ("W" in H) {
    assertCMatrix(H.W, `${parameter}.W`);
    assertCMatrix(H.h, `${parameter}.h`);
    if (H.W.rows !== N || H.h.rows !== H.W.cols || H.h.cols !== H.W.cols) {
      throw new DescentError(
        `${parameter} must have W of ${N}×m and h of m×m, received W ${H.W.rows}×${H.W.cols} and h ${H.h.rows}×${H.h.cols}`,
        { parameter, code: "shape" },
      );
    }
    return cmatmul(H.W, cmatmul(H.h, H.W, { opB: "C" }));
  }
  assertCMatrix(H, parameter);
  if (H.rows !== N || H.cols !== N) {
    throw new DescentError(
      `${parameter} must be ${N}×${N} for sections of degree ${basis.k}, received ${H.rows}×${H.cols}`,
      { parameter, code: "shape" },
    );
  }
  return H;
}

/** A diagonal complex matrix. */
export function diagonalH(d: Float64Array): CMatrix {
  assertArrayLike(d, "d");
  assertNonEmpty(d, "d");
  assertAllFinite(d, "d");
  const n = d.length;
  const H = cmatrix(n, n);
  for (let i = 0; i < n; i++) H.re[i * n + i] = d[i] as number;
  return H;
}
