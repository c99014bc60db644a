/**
 * A tfjs MLP {@link LocalTrainer} (docs/method.md §e "Model and training"): ReLU hidden layers, softmax cross-entropy,
 * He-normal weights and zero biases from a seeded generator, plain SGD with E local steps of B samples.
 *
 * Fast path (docs/method.md §h.12): the backward pass is written by hand (no `tf.grads`), the products with a
 * transposed operand use matMul's transpose flags (core-tensor's wasm kernels make them as fast as plain
 * products; before those, hand transposes were 4–5× faster), one `tf.tidy` around a whole local update, and the flattened parameters
 * cross the tfjs boundary once per user per frame. Mini-batches are gathered in JS from the addressed draws
 * `U(Sampling, frame, user, step·B + b)` (sampling with replacement), so a local update depends only on
 * `(global, user, frame, seed)`.
 *
 * @example
 * ```ts
 * const trainer = tfjsMlpTrainer({ layers: [784, 32, 10], data: train, partition });
 * const w0 = trainer.init(1);
 * const { accuracy } = trainer.evaluate(w0, test);
 * ```
 */
import {
  assertAllFinite,
  assertInteger,
  assertLength,
  assertPositive,
  DescentError,
  Rng,
  tf,
} from "@descent/core-tensor";
import type { LocalTrainer } from "./local-trainer.js";
import { checkPartition } from "./partition.js";
import { type RandomSource, RngStream } from "./random-source.js";

/** Row-major features (n × inputDim, float32) with integer class labels. */
export interface LabelledData {
  readonly x: Float32Array;
  readonly y: Int32Array | Uint8Array;
  readonly inputDim: number;
}

/** Options of {@link tfjsMlpTrainer}. */
export interface MlpTrainerOptions {
  /** Layer widths from input to output, e.g. `[784, 32, 10]` (docs/method.md §e, d = 25 450). */
  layers: readonly number[];
  /** The training set; users index into it through `partition`. */
  data: LabelledData;
  /** partition[u] = row indices of user u (see `iidPartition`, `shardPartition`). */
  partition: readonly (readonly number[])[];
  /** SGD step η. Default 0.05 (docs/method.md §c.1 step 2, reduced-repro default). */
  learningRate?: number;
  /** Local steps E per frame. Default 2 (docs/method.md §c.1 step 2). */
  localSteps?: number;
  /** Mini-batch size B. Default 32 (docs/method.md §c.1 step 2). */
  batchSize?: number;
}

/** The MLP trainer: a {@link LocalTrainer} plus initialisation and evaluation. */
export interface MlpTrainer extends LocalTrainer {
  readonly layers: readonly number[];
  /** Δ = w_local − global after E SGD steps (synchronous, float32). */
  localUpdate(
    global: Float32Array | Float64Array,
    user: number,
    frame: number,
    rng: RandomSource,
  ): Float32Array;
  /** He-normal weights (std √(2/fan-in)) and zero biases, from core-tensor's `Rng(seed)` (docs/method.md §e). */
  init(seed: number): Float32Array;
  /** Test accuracy and mean cross-entropy of the flattened model `w` on `data`. */
  evaluate(w: Float32Array | Float64Array, data: LabelledData): { accuracy: number; loss: number };
}

function checkData(data: LabelledData, name: string, inputDim: number, classes: number): void {
  if (data === null || typeof data !== "object" || !(data.x instanceof Float32Array)) {
    throw new DescentError(`${name}.x must be a Float32Array`, { parameter: `${name}.x`, code: "type" });
  }
  if (!(data.y instanceof Int32Array || data.y instanceof Uint8Array)) {
    throw new DescentError(`${name}.y must be an Int32Array or Uint8Array`, {
      parameter: `${name}.y`,
      code: "type",
    });
  }
  if (data.inputDim !== inputDim) {
    throw new DescentError(`${name}.inputDim must equal layers[0] = ${inputDim}, received ${data.inputDim}`, {
      parameter: `${name}.inputDim`,
      code: "shape",
    });
  }
  if (data.y.length === 0)
    throw new DescentError(`${name} must not be empty`, { parameter: name, code: "empty" });
  assertLength(data.x, `${name}.x`, data.y.length * inputDim);
  assertAllFinite(data.x, `${name}.x`);
  for (let i = 0; i < data.y.length; i++) {
    const c = data.y[i] as number;
    if (c < 0 || c >= classes) {
      throw new DescentError(`${name}.y[${i}] = ${c} is not a class in [0, ${classes})`, {
        parameter: `${name}.y`,
        code: "range",
      });
    }
  }
}

/** Builds the tfjs MLP trainer (docs/method.md §e). */
export function tfjsMlpTrainer(options: MlpTrainerOptions): MlpTrainer {
  const { layers, data, partition, learningRate = 0.05, localSteps = 2, batchSize = 32 } = options;
  if (!Array.isArray(layers) || layers.length < 2) {
    throw new DescentError("layers must list at least the input and output widths", {
      parameter: "layers",
      code: "shape",
    });
  }
  layers.forEach((n, i) => {
    assertInteger(n, `layers[${i}]`, { min: 1 });
  });
  const inputDim = layers[0] as number;
  const classes = layers[layers.length - 1] as number;
  checkData(data, "data", inputDim, classes);
  checkPartition(partition, data.y.length);
  assertPositive(learningRate, "learningRate");
  assertInteger(localSteps, "localSteps", { min: 1 });
  assertInteger(batchSize, "batchSize", { min: 1 });

  // flattened layout: for each layer, W (fanIn × fanOut, row-major) then b (fanOut)
  const shapes: { offset: number; fanIn: number; fanOut: number }[] = [];
  let d = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    const fanIn = layers[l] as number;
    const fanOut = layers[l + 1] as number;
    shapes.push({ offset: d, fanIn, fanOut });
    d += fanIn * fanOut + fanOut;
  }

  const unflatten = (w: Float32Array): tf.Tensor[] => {
    const params: tf.Tensor[] = [];
    for (const { offset, fanIn, fanOut } of shapes) {
      params.push(tf.tensor2d(w.subarray(offset, offset + fanIn * fanOut), [fanIn, fanOut]));
      params.push(tf.tensor1d(w.subarray(offset + fanIn * fanOut, offset + fanIn * fanOut + fanOut)));
    }
    return params;
  };

  const forward = (params: tf.Tensor[], x: tf.Tensor2D): { inputs: tf.Tensor2D[]; pre: tf.Tensor2D[] } => {
    const inputs: tf.Tensor2D[] = [x];
    const pre: tf.Tensor2D[] = [];
    let h = x;
    for (let l = 0; l < shapes.length; l++) {
      const z = tf.add(
        tf.matMul(h, params[2 * l] as tf.Tensor2D),
        params[2 * l + 1] as tf.Tensor1D,
      ) as tf.Tensor2D;
      pre.push(z);
      if (l + 1 < shapes.length) {
        h = tf.relu(z);
        inputs.push(h);
      }
    }
    return { inputs, pre };
  };

  const asFloat32 = (w: Float32Array | Float64Array): Float32Array =>
    w instanceof Float32Array ? w : Float32Array.from(w);

  const checkWeights = (w: unknown, name: string): void => {
    if (!(w instanceof Float32Array || w instanceof Float64Array) || w.length !== d) {
      throw new DescentError(`${name} must be a float array of length ${d}`, {
        parameter: name,
        code: "shape",
      });
    }
  };

  return {
    dimension: d,
    users: partition.length,
    layers: layers.slice(),

    init(seed: number): Float32Array {
      const rng = new Rng(seed);
      const w = new Float32Array(d);
      for (const { offset, fanIn, fanOut } of shapes) {
        const std = Math.sqrt(2 / fanIn); // He-normal (docs/method.md §e); biases stay 0
        for (let i = 0; i < fanIn * fanOut; i++) w[offset + i] = rng.normal(0, std);
      }
      return w;
    },

    localUpdate(global, user, frame, rng: RandomSource): Float32Array {
      const rows = partition[user];
      if (rows === undefined) {
        throw new DescentError(`user must lie in [0, ${partition.length}), received ${user}`, {
          parameter: "user",
          code: "range",
        });
      }
      checkWeights(global, "global");
      const B = batchSize;
      const xs = new Float32Array(localSteps * B * inputDim);
      const ys = new Float32Array(localSteps * B * classes);
      for (let step = 0; step < localSteps; step++) {
        for (let b = 0; b < B; b++) {
          const k = step * B + b;
          const row = rows[
            Math.floor(rng.uniform(RngStream.Sampling, frame, user, k) * rows.length)
          ] as number;
          xs.set(data.x.subarray(row * inputDim, (row + 1) * inputDim), k * inputDim);
          ys[k * classes + (data.y[row] as number)] = 1;
        }
      }
      const w32 = asFloat32(global);
      const flat = tf.tidy(() => {
        let params = unflatten(w32);
        for (let step = 0; step < localSteps; step++) {
          const x = tf.tensor2d(xs.subarray(step * B * inputDim, (step + 1) * B * inputDim), [B, inputDim]);
          const y = tf.tensor2d(ys.subarray(step * B * classes, (step + 1) * B * classes), [B, classes]);
          const { inputs, pre } = forward(params, x);
          // d(mean CE)/d(logits) = (softmax − onehot)/B
          let dz = tf.div(tf.sub(tf.softmax(pre[pre.length - 1] as tf.Tensor2D), y), B) as tf.Tensor2D;
          const next: tf.Tensor[] = new Array(params.length);
          for (let l = shapes.length - 1; l >= 0; l--) {
            const W = params[2 * l] as tf.Tensor2D;
            const h = inputs[l] as tf.Tensor2D;
            // the transpose flags: core-tensor's wasm matMul kernels run them at the plain-operand speed
            const dW = tf.matMul(h, dz, true, false);
            const db = tf.sum(dz, 0);
            if (l > 0) {
              const dh = tf.matMul(dz, W, false, true);
              dz = tf.mul(dh, tf.step(pre[l - 1] as tf.Tensor2D)) as tf.Tensor2D;
            }
            next[2 * l] = tf.sub(W, tf.mul(dW, learningRate));
            next[2 * l + 1] = tf.sub(params[2 * l + 1] as tf.Tensor, tf.mul(db, learningRate));
          }
          params = next;
        }
        return tf.concat(params.map((p) => tf.reshape(p, [-1])));
      });
      const trained = flat.dataSync() as Float32Array;
      flat.dispose();
      const delta = new Float32Array(d);
      for (let i = 0; i < d; i++) delta[i] = (trained[i] as number) - (w32[i] as number);
      return delta;
    },

    evaluate(w, test) {
      checkWeights(w, "w");
      checkData(test, "test", inputDim, classes);
      const n = test.y.length;
      const w32 = asFloat32(w);
      const [predT, lossT] = tf.tidy(() => {
        const params = unflatten(w32);
        const x = tf.tensor2d(test.x, [n, inputDim]);
        const { pre } = forward(params, x);
        const logits = pre[pre.length - 1] as tf.Tensor2D;
        const labels = tf.oneHot(tf.tensor1d(Int32Array.from(test.y), "int32"), classes);
        return [tf.argMax(logits, 1), tf.losses.softmaxCrossEntropy(labels, logits)];
      }) as [tf.Tensor, tf.Tensor];
      const pred = predT.dataSync();
      const loss = (lossT.dataSync() as Float32Array)[0] as number;
      predT.dispose();
      lossT.dispose();
      let correct = 0;
      for (let i = 0; i < n; i++) if (pred[i] === test.y[i]) correct++;
      return { accuracy: correct / n, loss };
    },
  };
}
