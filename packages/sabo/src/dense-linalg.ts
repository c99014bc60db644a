/**
 * The float64 dense kernels the full-covariance variants need (symmetric eigendecomposition, products,
 * weighted Gram matrices), taken from core-tensor's linalg64 — this package keeps no copy of them.
 * core-tensor's linalg64 arrives in a later merge; until then they are looked up at run time and a clear
 * error says so, so that the diagonal methods (the paper's setting) work without it.
 */
import * as coreTensor from "@descent/core-tensor";
import { DescentError } from "@descent/core-tensor";

/** A dense row-major float64 matrix (core-tensor's `Matrix64`). */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

interface LinalgKernels {
  eigh(A: DenseMatrix): { values: Float64Array; vectors: DenseMatrix };
  matmul(A: DenseMatrix, B: DenseMatrix, options?: { transA?: boolean; transB?: boolean }): DenseMatrix;
  gramRows(X: DenseMatrix, w?: Float64Array): DenseMatrix;
}

function kernel<K extends keyof LinalgKernels>(name: K): LinalgKernels[K] {
  const f = (coreTensor as unknown as Record<string, unknown>)[name];
  if (typeof f !== "function") {
    throw new DescentError(
      `covariance 'full' needs ${name} from @descent/core-tensor's linalg64, which this build of core-tensor lacks`,
      { parameter: "covariance", code: "unsupported" },
    );
  }
  return f as LinalgKernels[K];
}

/** Symmetric eigendecomposition: ascending eigenvalues, eigenvectors as columns (core-tensor `eigh`). */
export function eigh(A: DenseMatrix): { values: Float64Array; vectors: DenseMatrix } {
  return kernel("eigh")(A);
}

/** op(A)·op(B) (core-tensor `matmul`). */
export function matmul(
  A: DenseMatrix,
  B: DenseMatrix,
  options: { transA?: boolean; transB?: boolean } = {},
): DenseMatrix {
  return kernel("matmul")(A, B, options);
}

/** X diag(w) Xᵀ (core-tensor `gramRows`). */
export function gramRows(X: DenseMatrix, w?: Float64Array): DenseMatrix {
  return kernel("gramRows")(X, w);
}
