/**
 * Neural vector fields `v_θ(x, t)` on tfjs (docs/method.md, "Networks"). Only first derivatives of a
 * network with respect to its input are ever taken (training loss, exact or Hutchinson divergence), which
 * tfjs computes correctly for every op.
 */
import {
  assertArrayLike,
  assertInteger,
  assertKnownOptions,
  assertOneOf,
  normalTensor,
  type Rng,
  safeSilu,
  safeTanh,
  tf,
  toRng,
} from "@descent/core-tensor";
import { assertTensorOfRank } from "./argument-types.js";

/** A time-dependent vector field on batches: `[B, d] × [B] → [B, d]`. */
export interface VectorField {
  /** Dimension `d`. */
  readonly dim: number;
  /** `v(x, t)`; the caller owns the returned tensor. */
  apply(x: tf.Tensor2D, t: tf.Tensor1D): tf.Tensor2D;
  /** Trainable variables. */
  readonly variables: tf.Variable[];
  /** Frees the variables. */
  dispose(): void;
}

/** Options of {@link mlpField}. */
export interface MlpFieldOptions {
  /** Dimension `d`. */
  dim: number;
  /** Hidden widths. Default `[64, 64, 64]` (our choice for the reproduction). */
  hidden?: number[];
  /** Activation. Default `'silu'`. */
  activation?: "silu" | "tanh" | "relu";
  /** Number `F` of Fourier time frequencies `ω_k = kπ/2`, `k = 1…F`. Default `8`. */
  timeFrequencies?: number;
  /** Seed of the Glorot-normal initial weights (biases start at zero). */
  seed: number;
}

/**
 * `[sin ω_k t, cos ω_k t]_{k=1..F}` with `ω_k = kπ/2`: `[B] → [B, 2F]`. The caller owns the result.
 */
export function fourierTimeFeatures(t: tf.Tensor1D, frequencies: number): tf.Tensor2D {
  assertTensorOfRank(t, "t", 1);
  assertInteger(frequencies, "frequencies", { min: 1 });
  return tf.tidy(() => {
    const w = tf.tensor2d(
      Array.from({ length: frequencies }, (_, k) => ((k + 1) * Math.PI) / 2),
      [1, frequencies],
    );
    const arg = tf.matMul(tf.reshape(t, [-1, 1]), w);
    return tf.concat([tf.sin(arg), tf.cos(arg)], 1) as tf.Tensor2D;
  });
}

function glorotNormal(rng: Rng, fanIn: number, fanOut: number, name: string): tf.Variable {
  return tf.tidy(() =>
    tf.variable(normalTensor(rng, [fanIn, fanOut], 0, Math.sqrt(2 / (fanIn + fanOut))), true, name),
  );
}

let fieldCounter = 0;

/**
 * An MLP field: input `[x, γ(t)]` with Fourier time features, hidden layers with the activation, linear
 * output of size `d`. The first layer is split as `W_x x + W_t γ(t)` (no concatenation of x and γ).
 */
export function mlpField(options: MlpFieldOptions): VectorField {
  if (options === undefined) assertKnownOptions(null, []);
  assertKnownOptions(options, ["dim", "hidden", "activation", "timeFrequencies", "seed"]);
  assertArrayLike(options.hidden ?? [], "hidden");
  const { dim, hidden = [64, 64, 64], activation = "silu", timeFrequencies = 8 } = options;
  assertInteger(dim, "dim", { min: 1 });
  assertInteger(timeFrequencies, "timeFrequencies", { min: 1 });
  assertOneOf(activation, "activation", ["silu", "tanh", "relu"]);
  hidden.forEach((h, i) => {
    assertInteger(h, `hidden[${i}]`, { min: 1 });
  });
  if (hidden.length === 0) assertInteger(Number.NaN, "hidden (at least one layer)");
  const rng = toRng(options.seed);
  const id = `mlp${fieldCounter++}`;
  const wx = glorotNormal(rng, dim, hidden[0] as number, `${id}_wx`);
  const wt = glorotNormal(rng, 2 * timeFrequencies, hidden[0] as number, `${id}_wt`);
  const layers: { w: tf.Variable; b: tf.Variable }[] = [];
  const b0 = tf.tidy(() => tf.variable(tf.zeros([hidden[0] as number]), true, `${id}_b0`));
  for (let l = 1; l <= hidden.length; l++) {
    const fanIn = hidden[l - 1] as number;
    const fanOut = l < hidden.length ? (hidden[l] as number) : dim;
    layers.push({
      w: glorotNormal(rng, fanIn, fanOut, `${id}_w${l}`),
      b: tf.tidy(() => tf.variable(tf.zeros([fanOut]), true, `${id}_b${l}`)),
    });
  }
  const act = (z: tf.Tensor2D): tf.Tensor2D =>
    activation === "silu" ? safeSilu(z) : activation === "tanh" ? safeTanh(z) : tf.relu(z);
  const variables = [wx, wt, b0, ...layers.flatMap((l) => [l.w, l.b])];
  return {
    dim,
    variables,
    apply(x, t) {
      return tf.tidy(() => {
        const gamma = fourierTimeFeatures(t, timeFrequencies);
        let h = act(tf.add(tf.add(tf.matMul(x, wx), tf.matMul(gamma, wt)), b0) as tf.Tensor2D);
        layers.forEach((layer, l) => {
          const z = tf.add(tf.matMul(h, layer.w), layer.b) as tf.Tensor2D;
          h = l < layers.length - 1 ? act(z) : z;
        });
        return h;
      });
    },
    dispose() {
      for (const v of variables) v.dispose();
    },
  };
}
