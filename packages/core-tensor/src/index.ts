/**
 * @descent/core-tensor: the shared numerics of descent.
 *
 * - backends: {@link initBackend} (wasm by default) and the `tf` namespace
 * - seeded randomness: {@link Rng} and seeded tensors
 * - validation: {@link DescentError} and the `assert*` helpers
 */

// autodiff and wasm gaps
export {
  type CheckGradientOptions,
  checkGradient,
  checkGradient64,
  type GradientCheckDetail,
  type GradientCheckResult,
} from "./autodiff/check-gradient.js";
export { disposeAbandonedGradientTape } from "./autodiff/failed-tape.js";
export { hessian } from "./autodiff/hessian.js";
export { finiteDifferenceHvp, hessianVectorProduct } from "./autodiff/hessian-vector-product.js";
export { jacobian } from "./autodiff/jacobian.js";
export {
  safeElu,
  safeExp,
  safeLogSigmoid,
  safeSigmoid,
  safeSilu,
  safeSoftplus,
  safeTanh,
} from "./autodiff/safe-elementwise.js";
export { safeNorm } from "./autodiff/safe-norm.js";
export { safeLogSoftmax, safeLogSumExp, safeSoftmax } from "./autodiff/safe-softmax.js";
export { stopGradient } from "./autodiff/stop-gradient.js";
export { type ValueAndGrads, type ValueAndNamedGrads, valueAndGrads } from "./autodiff/value-and-grads.js";
export {
  availableBackends,
  type BackendName,
  type BackendOptions,
  currentBackend,
  initBackend,
  tf,
} from "./backend.js";
// float64 complex (Hermitian) linear algebra, split re/im storage
export {
  batchedHermitianDeterminant,
  batchedHermitianInverse,
  batchedHermitianLdlPivots,
  blockGram,
  type CMatrixBatch,
} from "./complex64/batched-small-hermitian.js";
export { type CmatmulOptions, type ComplexOp, cmatmul } from "./complex64/cmatmul.js";
export {
  assertCMatrix,
  type CMatrix,
  cidentity,
  cmatrix,
  cmatrixFromRows,
  conjugateTranspose,
} from "./complex64/cmatrix.js";
export { type ComplexQrResult, complexQr } from "./complex64/complex-qr.js";
export {
  type HermitianCholeskyOptions,
  hermitianCholesky,
  hermitianCholeskySolve,
  hermitianInverse,
  hermitianLogdet,
} from "./complex64/hermitian-cholesky.js";
export {
  type HermitianEighOptions,
  type HermitianEighResult,
  hermitianEigh,
} from "./complex64/hermitian-eigh.js";
export { type HermitianLdlResult, hermitianLdl } from "./complex64/hermitian-ldl.js";
export { hermitianGram, hermitianRankKUpdate } from "./complex64/hermitian-rank-k.js";
export { randomComplexNormalMatrix, randomHermitian, randomUnitary } from "./complex64/random-unitary.js";
export { DescentError, describeValue } from "./errors.js";
// autodiff and wasm gaps: the dense op and the wasm gap kernels (sorted here by biome)
export { dense } from "./kernels/dense.js";
export {
  activeWasmFastKernels,
  registerWasmFastKernels,
  unregisterWasmFastKernels,
  WASM_FAST_KERNELS,
} from "./kernels/register-wasm-fast-kernels.js";
export { registerWasmGapKernels, WASM_GAP_KERNELS } from "./kernels/register-wasm-gap-kernels.js";
// float64 linear algebra
export {
  type CholeskyOptions,
  type CholeskyResult,
  cholesky,
  choleskySolve,
  choleskyWithJitter,
  inverseSpd,
} from "./linalg64/cholesky.js";
export {
  type ConjugateGradientOptions,
  type ConjugateGradientResult,
  conjugateGradient,
  type LinearOperator64,
  type Preconditioner64,
} from "./linalg64/conjugate-gradient.js";
export { logdet, type SlogdetResult, slogdet } from "./linalg64/determinant.js";
export { type EighOptions, type EighResult, eigh, eigvalsh } from "./linalg64/eigh.js";
export { type LstsqOptions, lstsq, type RidgeOptions, ridge } from "./linalg64/least-squares.js";
export {
  inverse,
  type LuFactorization,
  type LuOptions,
  luFactor,
  luSolve,
  solve,
} from "./linalg64/lu.js";
export {
  type GramOptions,
  gemv,
  gemvT,
  gramRows,
  type MatmulOptions,
  matmul,
  matvec,
  matvecT,
  weightedGram,
} from "./linalg64/matmul.js";
export {
  assertMatrix,
  assertSquare,
  cloneMatrix,
  diagonal,
  diagonalMatrix,
  fromRows,
  identity,
  type Matrix64,
  matrix64,
  toRows,
  transpose,
} from "./linalg64/matrix.js";
export {
  expm,
  expmSym,
  logmSym,
  type SpdFunctionOptions,
  sqrtmSym,
  symmetricMatrixFunction,
} from "./linalg64/matrix-functions.js";
export {
  type PowerIterationOptions,
  type PowerIterationResult,
  powerIteration,
} from "./linalg64/power-iteration.js";
export { type QrOptions, type QrResult, qr } from "./linalg64/qr.js";
export { randomNormalMatrix, randomOrthogonal, randomSymmetric } from "./linalg64/random-matrix.js";
export { type ResidentMatrix64, residentMatrix } from "./linalg64/resident-matrix.js";
export { type SvdOptions, type SvdResult, singularValues, svd } from "./linalg64/svd.js";
export { solveTriangular, type TriangularSolveOptions } from "./linalg64/triangular-solve.js";
export { axpy, dot, norm1, norm2, normInf, scale } from "./linalg64/vector.js";
// contiguous chunks for deterministic parallel reductions (the worker pool itself is in "./node")
export { chunkRanges } from "./parallel/chunk-ranges.js";
export { glorotUniformTensor, normalTensor, rademacherTensor, uniformTensor } from "./random-tensors.js";
export { Rng, type RngState, toRng } from "./rng.js";
export {
  assertAllFinite,
  assertArrayLike,
  assertFiniteNumber,
  assertInRange,
  assertInteger,
  assertLength,
  assertNonEmpty,
  assertNonNegative,
  assertOneOf,
  assertPositive,
  assertShape,
} from "./validate.js";
export { assertOptionalFunction, assertOptionalSignal } from "./validate-callbacks.js";
export { assertKnownOptions, closestKey } from "./validate-options.js";
export { WASM_FILES, type WasmFileName, type WasmPaths } from "./wasm-assets.js";
export {
  type Float64KernelBackend,
  float64Kernels,
  initFloat64Kernels,
  useFloat64Kernels,
} from "./wasm64/float64-kernels.js";
