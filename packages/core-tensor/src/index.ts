/**
 * @descent/core-tensor: the shared numerics of descent.
 *
 * - backends: {@link initBackend} (wasm by default) and the `tf` namespace
 * - seeded randomness: {@link Rng} and seeded tensors
 * - validation: {@link DescentError} and the `assert*` helpers
 */
export { type BackendName, type BackendOptions, currentBackend, initBackend, tf } from "./backend.js";
export { DescentError, describeValue } from "./errors.js";
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
