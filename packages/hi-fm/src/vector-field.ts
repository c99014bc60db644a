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
  /**
   * Optional hand-written backward pass of the flow-matching loss `(1/B) Σ_b ‖v(x_b, t_b) − y_b‖²`:
   * the loss and its gradient with respect to {@link VectorField.variables}, each flattened row-major and
   * concatenated in that order. The training loop uses it when present (fewer tfjs ops than the tape);
   * the caller owns both tensors.
   */
  regressionGradient?(
    x: tf.Tensor2D,
    t: tf.Tensor1D,
    target: tf.Tensor2D,
  ): { loss: tf.Scalar; gradient: tf.Tensor1D };
  /**
   * Optional `v(x, t)` with its exact divergence `Σ_k ∂v_k/∂x_k` per row, by a hand-written pass;
   * {@link exactDivergence} uses it when present. The caller owns both tensors.
   */
  valueAndDivergence?(x: tf.Tensor2D, t: tf.Tensor1D): { v: tf.Tensor2D; div: tf.Tensor1D };
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
  /**
   * Use core-tensor's activations whose gradients are correct at every order (slower: more tfjs ops).
   * Default `false`: training and the divergence need first derivatives only, where tfjs's built-in
   * sigmoid/tanh are exact; set it when taking nested gradients of the field.
   */
  secondOrderSafe?: boolean;
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
 * output of size `d`. The first layer's weight is one `(d + 2·frequencies) × h` matrix applied to the
 * concatenation `[x, γ(t)]`; every layer is one fused matMul with its bias (fewer tfjs ops per step).
 *
 * Only first derivatives of the field are ever taken (training, exact or Hutchinson divergence), so the
 * activations use tfjs's built-in sigmoid/tanh, whose first-order gradients are correct; pass
 * `secondOrderSafe: true` for core-tensor's every-order activations when differentiating twice.
 */
export function mlpField(options: MlpFieldOptions): VectorField {
  if (options === undefined) assertKnownOptions(null, []);
  assertKnownOptions(options, ["dim", "hidden", "activation", "timeFrequencies", "seed", "secondOrderSafe"]);
  assertArrayLike(options.hidden ?? [], "hidden");
  const {
    dim,
    hidden = [64, 64, 64],
    activation = "silu",
    timeFrequencies = 8,
    secondOrderSafe = false,
  } = options;
  assertInteger(dim, "dim", { min: 1 });
  assertInteger(timeFrequencies, "timeFrequencies", { min: 1 });
  assertOneOf(activation, "activation", ["silu", "tanh", "relu"]);
  hidden.forEach((h, i) => {
    assertInteger(h, `hidden[${i}]`, { min: 1 });
  });
  if (hidden.length === 0) assertInteger(Number.NaN, "hidden (at least one layer)");
  const rng = toRng(options.seed);
  const id = `mlp${fieldCounter++}`;
  // Glorot-normal with the fan-in of each input block (x, then γ), drawn in that order and stacked
  const w0 = tf.tidy(() => {
    const wx = normalTensor(rng, [dim, hidden[0] as number], 0, Math.sqrt(2 / (dim + (hidden[0] as number))));
    const wt = normalTensor(
      rng,
      [2 * timeFrequencies, hidden[0] as number],
      0,
      Math.sqrt(2 / (2 * timeFrequencies + (hidden[0] as number))),
    );
    return tf.variable(tf.concat([wx, wt], 0), true, `${id}_w0`);
  });
  const layers: { w: tf.Variable; b: tf.Variable }[] = [
    { w: w0, b: tf.tidy(() => tf.variable(tf.zeros([hidden[0] as number]), true, `${id}_b0`)) },
  ];
  for (let l = 1; l <= hidden.length; l++) {
    const fanIn = hidden[l - 1] as number;
    const fanOut = l < hidden.length ? (hidden[l] as number) : dim;
    layers.push({
      w: glorotNormal(rng, fanIn, fanOut, `${id}_w${l}`),
      b: tf.tidy(() => tf.variable(tf.zeros([fanOut]), true, `${id}_b${l}`)),
    });
  }
  const act = (z: tf.Tensor2D): tf.Tensor2D => {
    if (activation === "relu") return tf.relu(z);
    if (secondOrderSafe) return activation === "silu" ? safeSilu(z) : safeTanh(z);
    return activation === "silu" ? tf.mul(z, tf.sigmoid(z)) : tf.tanh(z);
  };
  const frequencies = tf.tidy(() =>
    tf.tensor2d(
      Array.from({ length: timeFrequencies }, (_, k) => ((k + 1) * Math.PI) / 2),
      [1, timeFrequencies],
    ),
  );
  // the activation and its derivative, for the hand-written backward pass (first order only)
  const actAndDerivative = (z: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] => {
    if (activation === "relu") return [tf.relu(z), tf.step(z)];
    if (activation === "tanh") {
      const a = tf.tanh(z);
      return [a, tf.sub(1, tf.square(a))];
    }
    const sg = tf.sigmoid(z);
    const a = tf.mul(z, sg) as tf.Tensor2D;
    // (z σ)' = σ + z σ (1 − σ)
    return [a, tf.add(sg, tf.mul(a, tf.sub(1, sg)))];
  };
  const variables = layers.flatMap((l) => [l.w, l.b]);
  return {
    dim,
    variables,
    valueAndDivergence(x, t) {
      // Forward-mode: the tangents ∂h_l/∂x_k of all d inputs ride along as d stacked copies of the batch
      // ([d·B, h] matrices), so one forward sweep gives the Jacobian diagonal (one product per layer on
      // d·B rows, against a forward plus a reverse pass on d·B rows for the tape).
      return tf.tidy(() => {
        const [batch, d] = x.shape;
        const arg = tf.matMul(tf.reshape(t, [-1, 1]), frequencies);
        let h = tf.concat([x, tf.sin(arg), tf.cos(arg)], 1) as tf.Tensor2D;
        // tangent of z_1 along x_k is row k of the x-block of W_0, the same for every sample
        const wx = tf.slice((layers[0] as { w: tf.Variable }).w, [0, 0], [d, -1]); // [d, h0]
        let tangent: tf.Tensor3D | undefined; // [d, B, h]
        layers.forEach((layer, l) => {
          const z = tf.add(tf.matMul(h, layer.w), layer.b) as tf.Tensor2D;
          const width = z.shape[1];
          let tz: tf.Tensor3D;
          if (tangent === undefined) tz = tf.reshape(wx, [d, 1, width]) as tf.Tensor3D;
          else
            tz = tf.reshape(tf.matMul(tf.reshape(tangent, [-1, tangent.shape[2]]) as tf.Tensor2D, layer.w), [
              d,
              batch,
              width,
            ]) as tf.Tensor3D;
          if (l < layers.length - 1) {
            const [a, da] = actAndDerivative(z);
            tangent = tf.mul(tz, tf.reshape(da, [1, batch, width])) as tf.Tensor3D;
            h = a;
          } else {
            h = z;
            tangent = tz.shape[1] === batch ? tz : (tf.tile(tz, [1, batch, 1]) as tf.Tensor3D);
          }
        });
        // div_b = Σ_k tangent[k, b, k]
        const eye = tf.reshape(tf.eye(d), [d, 1, d]);
        const div = tf.sum(tf.sum(tf.mul(tangent as tf.Tensor3D, eye), 2), 0) as tf.Tensor1D;
        return { v: h, div };
      });
    },
    regressionGradient(x, t, target) {
      return tf.tidy(() => {
        const batch = x.shape[0];
        const arg = tf.matMul(tf.reshape(t, [-1, 1]), frequencies);
        const inputs: tf.Tensor2D[] = [tf.concat([x, tf.sin(arg), tf.cos(arg)], 1) as tf.Tensor2D];
        const derivatives: tf.Tensor2D[] = [];
        let h = inputs[0] as tf.Tensor2D;
        layers.forEach((layer, l) => {
          const z = tf.add(tf.matMul(h, layer.w), layer.b) as tf.Tensor2D;
          if (l < layers.length - 1) {
            const [a, da] = actAndDerivative(z);
            derivatives.push(da);
            inputs.push(a);
            h = a;
          } else h = z;
        });
        const r = tf.sub(h, target);
        const loss = tf.div(tf.sum(tf.square(r)), batch) as tf.Scalar;
        let delta = tf.mul(r, 2 / batch) as tf.Tensor2D;
        const parts: tf.Tensor[] = new Array(2 * layers.length);
        for (let l = layers.length - 1; l >= 0; l--) {
          parts[2 * l] = tf.reshape(tf.matMul(inputs[l] as tf.Tensor2D, delta, true, false), [-1]);
          parts[2 * l + 1] = tf.sum(delta, 0);
          if (l > 0)
            delta = tf.mul(
              tf.matMul(delta, (layers[l] as { w: tf.Variable }).w, false, true),
              derivatives[l - 1] as tf.Tensor2D,
            ) as tf.Tensor2D;
        }
        return { loss, gradient: tf.concat(parts) as tf.Tensor1D };
      });
    },
    apply(x, t) {
      return tf.tidy(() => {
        const arg = tf.matMul(tf.reshape(t, [-1, 1]), frequencies);
        let h = tf.concat([x, tf.sin(arg), tf.cos(arg)], 1) as tf.Tensor2D;
        layers.forEach((layer, l) => {
          const z = tf.add(tf.matMul(h, layer.w), layer.b) as tf.Tensor2D;
          h = l < layers.length - 1 ? act(z) : z;
        });
        return h;
      });
    },
    dispose() {
      for (const v of variables) v.dispose();
      frequencies.dispose();
    },
  };
}
