/**
 * `registerWasmFastKernels`: replaces tfjs's wasm `BatchMatMul` and `_FusedMatMul` kernels by the wrappers
 * of `wasm-matmul.ts`, which keep tfjs's kernels for the calls they already run fast and bring the others
 * (a transposed operand, a batch of matrices) to XNNPACK's fast case: 10–25× faster on those calls, so
 * every backward pass through a matMul, `tf.layers.dense` included. `initBackend` calls it when it starts
 * wasm (option `fastKernels`, default `true`); calling it again is a no-op. `unregisterWasmFastKernels`
 * puts tfjs's own kernels back, `activeWasmFastKernels` lists what is installed now.
 *
 * @example
 * ```ts
 * await initBackend();                     // wasm, fast matMul kernels installed
 * activeWasmFastKernels();                 // ["BatchMatMul", "_FusedMatMul"]
 * unregisterWasmFastKernels();             // tfjs's own kernels again (e.g. to compare)
 * ```
 */
// tfjs directly, not ../backend.js: backend.ts imports this module (no import cycle)
import * as tf from "@tensorflow/tfjs";
import { fastBatchMatMul, fastFusedMatMul } from "./wasm-matmul.js";

/** The kernel names that {@link registerWasmFastKernels} replaces on the wasm backend. */
export const WASM_FAST_KERNELS: readonly string[] = ["BatchMatMul", "_FusedMatMul"];

/** tfjs's own configs, kept while the wrappers are installed (keyed by kernel name). */
const originals = new Map<string, tf.KernelConfig>();

function replace(config: tf.KernelConfig): void {
  tf.unregisterKernel(config.kernelName, "wasm");
  tf.registerKernel(config);
}

/**
 * Installs the fast wasm matMul kernels and returns the names installed now (empty when they already are,
 * or when the wasm backend's kernels are not registered, i.e. `@tensorflow/tfjs-backend-wasm` was not
 * loaded).
 */
export function registerWasmFastKernels(): string[] {
  if (originals.size > 0) return [];
  const batchMatMul = tf.getKernel("BatchMatMul", "wasm");
  const fusedMatMul = tf.getKernel("_FusedMatMul", "wasm");
  const transpose = tf.getKernel("Transpose", "wasm");
  if (batchMatMul === undefined || fusedMatMul === undefined || transpose === undefined) return [];
  originals.set("BatchMatMul", batchMatMul);
  originals.set("_FusedMatMul", fusedMatMul);
  // the setup/dispose functions stay tfjs's: they bind the wasm exports the original kernels call
  replace({ ...batchMatMul, kernelFunc: fastBatchMatMul(batchMatMul.kernelFunc, transpose.kernelFunc) });
  replace({
    ...fusedMatMul,
    kernelFunc: fastFusedMatMul(fusedMatMul.kernelFunc, batchMatMul.kernelFunc, transpose.kernelFunc),
  });
  return [...WASM_FAST_KERNELS];
}

/** Restores tfjs's own wasm matMul kernels; returns the names restored (empty when none were replaced). */
export function unregisterWasmFastKernels(): string[] {
  const restored: string[] = [];
  for (const [name, config] of originals) {
    replace(config);
    restored.push(name);
  }
  originals.clear();
  return restored;
}

/** The kernel names whose fast wasm versions are installed now. */
export function activeWasmFastKernels(): string[] {
  return [...originals.keys()];
}
