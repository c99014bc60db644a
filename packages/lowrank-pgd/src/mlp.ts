/**
 * The reproduction's primary model (docs/method.md §e.2): an MLP on flattened images, ReLU hidden layers,
 * He-normal weights, written as plain `tf.Variable`s so that attacks and training differentiate a
 * hand-written function. Its layers use core-tensor's `dense`, whose gradient avoids the transposed-operand
 * matMuls that are 6–12× slower on wasm (docs/method.md §h.6; measured in this package's bench).
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

/** A model with trainable weights, as {@link adversarialTrain} needs it. */
export interface TrainableClassifier {
  /** Logits of a batch of NHWC images. */
  logits: LogitsFn;
  /** The trainable weights. */
  variables: tf.Variable[];
  /** Frees the weights. */
  dispose(): void;
}

/** Options of {@link createMlp}. */
export interface MlpOptions {
  /** Image shape [H, W, C]. Default [28, 28, 1] (MNIST, docs/method.md §e.1). */
  inputShape?: [number, number, number];
  /** Hidden layer widths. Default [256] (docs/method.md §e.2: MLP 784-256-10). */
  hiddenUnits?: number[];
  /** Classes. Default 10. */
  numClasses?: number;
  /** Seed of the He-normal initialisation. Default 0. */
  seed?: number;
}

/**
 * Creates an MLP `flatten → (dense → ReLU)* → dense` with He-normal weights `N(0, 2/fanIn)` (docs/method.md §e.2;
 * plain normal rather than Keras' truncated normal, our choice) and zero biases.
 *
 * @example
 * ```ts
 * const net = createMlp({ seed: 1 }); const logits = net.logits(x); net.dispose();
 * ```
 */
export function createMlp(options: MlpOptions = {}): TrainableClassifier {
  assertKnownOptions(options, ["inputShape", "hiddenUnits", "numClasses", "seed"]);
  const shape = options.inputShape ?? [28, 28, 1];
  assertArrayLike(shape, "inputShape");
  const [h, w, c] = shape;
  [h, w, c].forEach((d, i) => {
    assertInteger(d, `inputShape[${i}]`, { min: 1 });
  });
  const hidden = options.hiddenUnits ?? [256];
  assertArrayLike(hidden, "hiddenUnits");
  hidden.forEach((u, i) => {
    assertInteger(u, `hiddenUnits[${i}]`, { min: 1 });
  });
  const numClasses = options.numClasses ?? 10;
  assertInteger(numClasses, "numClasses", { min: 2 });
  const seed = options.seed ?? 0;
  assertInteger(seed, "seed");
  const rng = new Rng(seed);
  const sizes = [h * w * c, ...hidden, numClasses];
  const weights: tf.Variable[] = [];
  const biases: tf.Variable[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l] as number;
    const fanOut = sizes[l + 1] as number;
    // tidy frees the initial values; variables survive it (names are left to tfjs: they must be unique)
    weights.push(tf.tidy(() => tf.variable(normalTensor(rng, [fanIn, fanOut], 0, Math.sqrt(2 / fanIn)))));
    biases.push(tf.tidy(() => tf.variable(tf.zeros([fanOut]))));
  }
  const logits: LogitsFn = (x) =>
    tf.tidy(() => {
      let a: tf.Tensor2D = tf.reshape(x, [x.shape[0], -1]);
      weights.forEach((wv, l) => {
        const z = dense(a, wv, biases[l] as tf.Variable);
        a = l + 1 < weights.length ? tf.relu(z) : z;
      });
      return a;
    });
  return {
    logits,
    variables: [...weights, ...biases],
    dispose: () => tf.dispose([...weights, ...biases]),
  };
}
