/**
 * The `UnsortedSegmentSum` kernel for the wasm backend, which lacks it. tfjs uses it for the gradient
 * of `tf.gather` with respect to the gathered tensor (platform notes §2: "grad of tf.gather
 * w.r.t. params throws" on wasm), so filling it makes embedding lookups trainable there.
 *
 * out[s, ...] = Σ_{i : ids[i] = s} x[i, ...] is a matrix product with the one-hot matrix of the ids:
 * out = oneHot(ids, S)ᵀ · x (as `[S, N] · [N, rest]`). Ids outside [0, S) match no row of the one-hot
 * matrix and are dropped, as in TensorFlow. The one-hot matrix is transposed explicitly because wasm's
 * transposed-operand matMul is slow (lowrank-pgd's docs/method.md §h.6). Memory is S·N floats: fine for the
 * vocabulary and batch sizes of descent's packages, not for million-row tables.
 */
// tfjs directly, not ../backend.js: backend.ts imports this module (no import cycle)
import * as tf from "@tensorflow/tfjs";
import { kernelInput } from "./kernel-tensors.js";

/** Segment sums of the rows of `x` (see the module doc); the result has x's dtype. */
export function unsortedSegmentSumByOneHot(
  x: tf.Tensor,
  segmentIds: tf.Tensor,
  numSegments: number,
): tf.Tensor {
  return tf.tidy(() => {
    const n = x.shape[0] as number;
    const rest = x.shape.slice(1);
    const width = rest.reduce((a, b) => a * b, 1);
    const selector = tf.transpose(
      tf.cast(tf.oneHot(tf.cast(tf.reshape(segmentIds, [n]), "int32"), numSegments), "float32"),
    );
    const rows = tf.reshape(tf.cast(x, "float32"), [n, width]);
    const sums = tf.reshape(tf.matMul(selector as tf.Tensor2D, rows as tf.Tensor2D), [numSegments, ...rest]);
    return x.dtype === "float32" ? sums : tf.cast(sums, x.dtype);
  });
}

/** The kernel config registered for wasm by {@link registerWasmGapKernels}. */
export const unsortedSegmentSumWasmKernel: tf.KernelConfig = {
  kernelName: "UnsortedSegmentSum",
  backendName: "wasm",
  kernelFunc: ({ inputs, attrs }) =>
    unsortedSegmentSumByOneHot(
      kernelInput(inputs.x, "UnsortedSegmentSum", "x"),
      kernelInput(inputs.segmentIds, "UnsortedSegmentSum", "segmentIds"),
      (attrs as unknown as { numSegments: number }).numSegments,
    ),
};
