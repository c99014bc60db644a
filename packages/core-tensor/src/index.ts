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
export { type BackendName, type BackendOptions, currentBackend, initBackend, tf } from "./backend.js";
export { DescentError, describeValue } from "./errors.js";
export { dense } from "./kernels/dense.js";
export { registerWasmGapKernels, WASM_GAP_KERNELS } from "./kernels/register-wasm-gap-kernels.js";
export { glorotUniformTensor, normalTensor, rademacherTensor, uniformTensor } from "./random-tensors.js";
export { Rng, type RngState, toRng } from "./rng.js";
export {
  assertAllFinite,
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
