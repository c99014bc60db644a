/**
 * The in-memory form of an image classification set: pixels as one `Float32Array` scaled to [0, 1]
 * (image after image, row-major), labels as a `Uint8Array`. Plain typed arrays so that demos can move
 * them into tfjs once ({@link imageTensors}) or work on them directly.
 */
import { assertInteger, DescentError } from "@descent/core-tensor";
import { gatherRows } from "./gather-rows.js";

/** An image classification set held in typed arrays. */
export interface ImageDataset {
  /** `count · height · width` pixel values in [0, 1]; image `i` starts at `i · height · width`. */
  readonly images: Float32Array;
  /** Class of each image, `0 … numClasses − 1`. */
  readonly labels: Uint8Array;
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly numClasses: number;
}

/** The pixels of image `index` as a view (no copy) of length `height · width`. */
export function imageAt(dataset: ImageDataset, index: number): Float32Array {
  assertInteger(index, "index", { min: 0, max: dataset.count - 1 });
  const size = dataset.height * dataset.width;
  return dataset.images.subarray(index * size, (index + 1) * size);
}

/** A new dataset with the images at `indices`, in that order (pixels are copied). */
export function selectImages(dataset: ImageDataset, indices: ArrayLike<number>): ImageDataset {
  const size = dataset.height * dataset.width;
  const images = new Float32Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  gatherRows(dataset.images, size, dataset.count, indices, images);
  for (let k = 0; k < indices.length; k++) labels[k] = dataset.labels[indices[k] as number] as number;
  return { ...dataset, images, labels, count: indices.length };
}

/** How many labels fall in each class `0 … numClasses − 1`. */
export function classCounts(labels: ArrayLike<number>, numClasses: number): Int32Array {
  assertInteger(numClasses, "numClasses", { min: 1 });
  const counts = new Int32Array(numClasses);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] as number;
    if (!Number.isInteger(c) || c < 0 || c >= numClasses) {
      throw new DescentError(`labels[${i}] must be an integer in [0, ${numClasses - 1}], received ${c}`, {
        parameter: "labels",
        code: "range",
      });
    }
    counts[c] = (counts[c] as number) + 1;
  }
  return counts;
}

/** Bytes 0–255 to floats in [0, 1] (divided by 255, as every MNIST reference does). */
export function bytesToUnitFloats(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = (bytes[i] as number) / 255;
  return out;
}
