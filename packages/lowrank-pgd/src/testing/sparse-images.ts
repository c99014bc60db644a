/**
 * Test- and bench-only helper (excluded from the published files, never exported): seeded digit-like
 * NHWC images, 81% exact zeros like MNIST (docs/method.md §e.1) and the rest uniform in [0.05, 1].
 */
import { Rng, tf } from "@descent/core-tensor";

/** `batch` seeded digit-like images of shape `[batch, h, w, c]` (default 28×28×1). */
export function sparseImages(batch: number, seed: number, h = 28, w = 28, c = 1): tf.Tensor4D {
  const rng = new Rng(seed);
  const data = new Float32Array(batch * h * w * c);
  for (let i = 0; i < data.length; i++) data[i] = rng.float() < 0.81 ? 0 : rng.uniform(0.05, 1);
  return tf.tensor4d(data, [batch, h, w, c]);
}
