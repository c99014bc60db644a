/**
 * Shared plumbing of the gap kernels (internal): the kernels below are written with tfjs ops, which
 * need `tf.Tensor` inputs. The engine hands a kernel the tensors the op was called with; a bare
 * `TensorInfo` only arrives when another kernel calls this one at the backend level, which no wasm
 * kernel does for the kernels filled here, so that case is reported instead of guessed at.
 */
// tfjs directly, not ../backend.js: backend.ts imports this module (no import cycle)
import * as tf from "@tensorflow/tfjs";
import { DescentError } from "../errors.js";

/** Returns `info` as a tensor, or throws naming the kernel and the input. */
export function kernelInput(info: tf.TensorInfo | undefined, kernelName: string, input: string): tf.Tensor {
  if (info instanceof tf.Tensor) return info;
  throw new DescentError(
    `${kernelName} (descent's wasm gap kernel) received input "${input}" as a bare TensorInfo; call it through the tfjs op`,
    { parameter: input, code: "kernel" },
  );
}
