/**
 * Moves an {@link ImageDataset} into tfjs in one copy: images as `[n, h·w]` or `[n, h, w, 1]` float32,
 * labels as int32 class indices or one-hot float32. Uses core-tensor's `tf`, so that there is one engine.
 */
import { assertOneOf, tf } from "@descent/core-tensor";
import type { ImageDataset } from "./image-dataset.js";

/** Options of {@link imageTensors}. */
export interface ImageTensorOptions {
  /** `"flat"`: `[n, h·w]` (MLPs, default); `"nhwc"`: `[n, h, w, 1]` (conv nets). */
  layout?: "flat" | "nhwc";
  /** Labels as one-hot float32 `[n, numClasses]` instead of int32 `[n]`. Default false. */
  oneHot?: boolean;
}

/** The tensors of a dataset; the caller owns (and disposes) both. */
export interface ImageTensors {
  readonly x: tf.Tensor;
  readonly y: tf.Tensor;
}

/**
 * Creates `x` and `y` tensors from a dataset.
 *
 * @example
 * ```ts
 * const { x, y } = imageTensors(loadMnistFixture(), { oneHot: true }); // [500, 784], [500, 10]
 * x.dispose(); y.dispose();
 * ```
 */
export function imageTensors(dataset: ImageDataset, options: ImageTensorOptions = {}): ImageTensors {
  const { layout = "flat", oneHot = false } = options;
  assertOneOf(layout, "layout", ["flat", "nhwc"] as const);
  const { count, height, width } = dataset;
  const shape = layout === "flat" ? [count, height * width] : [count, height, width, 1];
  const x = tf.tensor(dataset.images, shape, "float32");
  const labels = Int32Array.from(dataset.labels);
  const y = oneHot
    ? tf.tidy(() => tf.oneHot(tf.tensor1d(labels, "int32"), dataset.numClasses).toFloat())
    : tf.tensor1d(labels, "int32");
  return { x, y };
}
