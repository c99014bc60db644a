/**
 * The reproduction's optional CNN (docs/method.md §e.2): conv(16, 3×3) → max-pool 2 → conv(32, 3×3) → max-pool 2 →
 * dense 64 → dense K, ReLU activations, 'valid' convolutions, weights as `tf.Variable`s.
 *
 * The wasm backend of tfjs 4.22 has no `Conv2DBackpropFilter` kernel, so `tf.conv2d` cannot be trained
 * there out of the box (docs/method.md §h.6); core-tensor's `initBackend()` registers one (a forward convolution with
 * batch and channel axes swapped), so the plain `tf.conv2d` below trains on wasm once the backend is set
 * up through `initBackend`. Dense layers use core-tensor's transpose-free `dense`.
 */
import {
  assertArrayLike,
  assertInteger,
  assertKnownOptions,
  dense,
  normalTensor,
  Rng,
  tf,
} from "@descent/core-tensor";
import type { LogitsFn } from "./classifier.js";
import type { TrainableClassifier } from "./mlp.js";

/** Options of {@link createSmallCnn}. */
export interface SmallCnnOptions {
  /** Image shape [H, W, C]. Default [28, 28, 1]. */
  inputShape?: [number, number, number];
  /** Classes. Default 10. */
  numClasses?: number;
  /** Seed of the He-normal initialisation. Default 0. */
  seed?: number;
}

/**
 * Creates the small CNN of docs/method.md §e.2 (He-normal weights, zero biases), trainable on wasm after
 * core-tensor's `initBackend()`.
 *
 * @example
 * ```ts
 * const cnn = createSmallCnn({ seed: 1 }); const logits = cnn.logits(x); cnn.dispose();
 * ```
 */
export function createSmallCnn(options: SmallCnnOptions = {}): TrainableClassifier {
  assertKnownOptions(options, ["inputShape", "numClasses", "seed"]);
  const shape = options.inputShape ?? [28, 28, 1];
  assertArrayLike(shape, "inputShape");
  const [h, w, c] = shape;
  [h, w, c].forEach((d, i) => {
    assertInteger(d, `inputShape[${i}]`, { min: 1 });
  });
  const numClasses = options.numClasses ?? 10;
  assertInteger(numClasses, "numClasses", { min: 2 });
  const seed = options.seed ?? 0;
  assertInteger(seed, "seed");
  // spatial sizes: 'valid' 3×3 conv (−2), then a 2×2 pool (halve, floor), twice
  const h1 = Math.floor((h - 2) / 2);
  const w1 = Math.floor((w - 2) / 2);
  const h2 = Math.floor((h1 - 2) / 2);
  const w2 = Math.floor((w1 - 2) / 2);
  if (h2 < 1 || w2 < 1) assertInteger(Math.min(h, w), "inputShape (smallest side)", { min: 10 });
  const rng = new Rng(seed);
  // tidy frees the initial values; variables survive it
  const he = <R extends tf.Rank>(shape: number[], fanIn: number) =>
    tf.tidy(() => tf.variable(normalTensor(rng, shape, 0, Math.sqrt(2 / fanIn)))) as tf.Variable<R>;
  const zeros = (n: number) => tf.tidy(() => tf.variable(tf.zeros([n])));
  const k1 = he<tf.Rank.R4>([3, 3, c, 16], 9 * c);
  const b1 = zeros(16);
  const k2 = he<tf.Rank.R4>([3, 3, 16, 32], 9 * 16);
  const b2 = zeros(32);
  const flat = h2 * w2 * 32;
  const w3 = he<tf.Rank.R2>([flat, 64], flat);
  const b3 = zeros(64);
  const w4 = he<tf.Rank.R2>([64, numClasses], 64);
  const b4 = zeros(numClasses);
  const variables = [k1, b1, k2, b2, w3, b3, w4, b4];
  const logits: LogitsFn = (x) =>
    tf.tidy(() => {
      let a = tf.maxPool(tf.relu(tf.add(tf.conv2d(x, k1, 1, "valid"), b1)) as tf.Tensor4D, 2, 2, "valid");
      a = tf.maxPool(tf.relu(tf.add(tf.conv2d(a, k2, 1, "valid"), b2)) as tf.Tensor4D, 2, 2, "valid");
      const z = tf.relu(dense(tf.reshape(a, [x.shape[0], flat]), w3, b3));
      return dense(z, w4, b4);
    });
  return { logits, variables, dispose: () => tf.dispose(variables) };
}
