/**
 * The float64 dense kernels the full-covariance variants need (symmetric eigendecomposition, products,
 * weighted Gram matrices) come from core-tensor's linalg64; this package keeps no copy of them.
 */
export { eigh, gramRows, type Matrix64 as DenseMatrix, matmul } from "@descent/core-tensor";
