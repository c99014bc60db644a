/**
 * `registerWasmGapKernels`: registers descent's implementations of kernels that tfjs's wasm backend
 * lacks, so that the ordinary tfjs ops and their gradients just work on wasm. Each one is built from
 * kernels wasm has (see its file). `initBackend` calls this when it starts wasm; calling it again is a
 * no-op, and a kernel that tfjs itself registers (a future tfjs version) is left alone.
 *
 * Filled: `Conv2DBackpropFilter` (conv2d filter gradient), `UnsortedSegmentSum` (gather gradient),
 * `DepthwiseConv2dNativeBackpropFilter` and `DepthwiseConv2dNativeBackpropInput` (depthwise conv
 * gradients). Still missing on wasm, and not needed by descent's packages: `Complex`, `ComplexAbs`,
 * `Real`, `Imag`, `FFT`, `IFFT`, `Einsum`, the ragged kernels, `StaticRegexReplace`, `Draw`; those ops
 * keep throwing tfjs's "Kernel 'X' not registered for backend 'wasm'" (use the cpu backend for them).
 *
 * @example
 * ```ts
 * await initBackend();                        // wasm, gap kernels registered
 * tf.grad((w) => tf.conv2d(x, w, 1, "same").sum())(w); // works on wasm
 * ```
 */
// tfjs directly, not ../backend.js: backend.ts imports this module (no import cycle)
import * as tf from "@tensorflow/tfjs";
import { conv2dBackpropFilterWasmKernel } from "./conv2d-backprop-filter.js";
import {
  depthwiseConv2dBackpropFilterWasmKernel,
  depthwiseConv2dBackpropInputWasmKernel,
} from "./depthwise-conv2d-backprop.js";
import { unsortedSegmentSumWasmKernel } from "./unsorted-segment-sum.js";

const wasmGapKernels: readonly tf.KernelConfig[] = [
  conv2dBackpropFilterWasmKernel,
  unsortedSegmentSumWasmKernel,
  depthwiseConv2dBackpropFilterWasmKernel,
  depthwiseConv2dBackpropInputWasmKernel,
];

/**
 * Registers the wasm gap kernels that are not registered yet and returns the names of those it
 * registered now (empty on a second call).
 */
export function registerWasmGapKernels(): string[] {
  const registered: string[] = [];
  for (const kernel of wasmGapKernels) {
    if (tf.getKernel(kernel.kernelName, kernel.backendName) === undefined) {
      tf.registerKernel(kernel);
      registered.push(kernel.kernelName);
    }
  }
  return registered;
}

/** The kernel names that {@link registerWasmGapKernels} fills on the wasm backend. */
export const WASM_GAP_KERNELS: readonly string[] = wasmGapKernels.map((k) => k.kernelName);
