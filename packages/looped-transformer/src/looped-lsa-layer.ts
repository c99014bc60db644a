/**
 * The looped linear-attention model as a TensorFlow.js layer (issue 7, implementation 1): drop it into
 * a `tf.sequential()` model or call it directly, and train it with any tfjs optimizer. Input and output
 * are batches of prompt matrices `[B, D, n+1]` (docs/method.md §b); the last column is masked from keys/values.
 * The batch is folded into large 2-D matmuls where possible (docs/method.md §h.5).
 */
import {
  assertInteger,
  assertNonNegative,
  assertOneOf,
  DescentError,
  describeValue,
  type Matrix64,
  matrix64,
  normalTensor,
  Rng,
  tf,
} from "@descent/core-tensor";
import type { LsaWeights } from "./lsa.js";
import { embeddingWidth, type LsaTask, taskSign } from "./lsa-gradient.js";
import type { Parameterization, WeightSharing } from "./train-looped.js";

/** Configuration of {@link LoopedLsaLayer}. */
export interface LoopedLsaLayerConfig {
  /** Feature dimension d. */
  d: number;
  /** Loops T. */
  loops: number;
  /** `"prediction"` (construction A layout, D = d+1, sign −1) or `"vector"` (construction C, D = 2d+2, sign +1). Default `"prediction"`. */
  task?: LsaTask;
  /** Learn only A (`"sparse"`, default, docs/method.md §c.5) or all of P and Q (`"full"`). */
  parameterization?: Parameterization;
  /** One shared layer (`"looped"`, default) or T layers (`"stacked"`). */
  sharing?: WeightSharing;
  /** Std of the initial entries of P and Q for `"full"`. Default `0.01` (docs/method.md §c.5); `"sparse"` starts at A = 0. */
  initStd?: number;
  /** Seed of the `"full"` initialisation (core-tensor Rng). Default `0`. */
  seed?: number;
  /** Layer name. */
  name?: string;
  /** `[D, n+1]` when this is the first layer of a `tf.sequential()` model (tfjs's LayerArgs). */
  inputShape?: [number, number];
}

/**
 * `T` loops of `Z ← Z + s·(1/n)·P Z M Zᵀ Q Z` (docs/method.md §b, eq. (1)) as a tfjs layer.
 *
 * @example
 * ```ts
 * const layer = new LoopedLsaLayer({ d: 5, loops: 4 });
 * const Z0 = embedBatchTensor(prompts, "prediction");      // [B, 6, 21]
 * const opt = tf.train.adam(1e-2);
 * opt.minimize(() => lsaLossTensor(layer.apply(Z0) as tf.Tensor3D, targets, "prediction", 5));
 * ```
 */
export class LoopedLsaLayer extends tf.layers.Layer {
  /** Serialization name. */
  static className = "LoopedLsa";
  readonly d: number;
  readonly loops: number;
  readonly task: LsaTask;
  readonly parameterization: Parameterization;
  readonly sharing: WeightSharing;
  readonly initStd: number;
  readonly seed: number;
  private params: tf.LayerVariable[] = [];

  constructor(config: LoopedLsaLayerConfig) {
    super({
      ...(config.name === undefined ? {} : { name: config.name }),
      ...(config.inputShape === undefined ? {} : { inputShape: config.inputShape }),
    });
    assertInteger(config.d, "d", { min: 1 });
    assertInteger(config.loops, "loops", { min: 1 });
    this.task = config.task ?? "prediction";
    assertOneOf(this.task, "task", ["prediction", "vector"] as const);
    this.parameterization = config.parameterization ?? "sparse";
    assertOneOf(this.parameterization, "parameterization", ["sparse", "full"] as const);
    this.sharing = config.sharing ?? "looped";
    assertOneOf(this.sharing, "sharing", ["looped", "stacked"] as const);
    this.initStd = config.initStd ?? 0.01;
    assertNonNegative(this.initStd, "initStd");
    this.seed = config.seed ?? 0;
    assertInteger(this.seed, "seed", { min: 0 });
    this.d = config.d;
    this.loops = config.loops;
  }

  /** Embedding width D of this layer's task. */
  get width(): number {
    return embeddingWidth(this.task, this.d);
  }

  private get layerCount(): number {
    return this.sharing === "looped" ? 1 : this.loops;
  }

  override build(): void {
    const D = this.width;
    const d = this.d;
    const rng = new Rng(this.seed);
    const zeros = tf.initializers.zeros();
    for (let l = 0; l < this.layerCount; l++) {
      if (this.parameterization === "sparse") {
        this.params.push(this.addWeight(`A_${l}`, [d, d], "float32", zeros));
      } else {
        const P = this.addWeight(`P_${l}`, [D, D], "float32", zeros);
        const Q = this.addWeight(`Q_${l}`, [D, D], "float32", zeros);
        const p0 = normalTensor(rng, [D, D], 0, this.initStd);
        const q0 = normalTensor(rng, [D, D], 0, this.initStd);
        P.write(p0);
        Q.write(q0);
        p0.dispose();
        q0.dispose();
        this.params.push(P, Q);
      }
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  /** `(P_t, Q_t)` of layer `l` as tensors (sparse: built from A with the construction's fixed pattern). */
  private layerTensors(l: number): { P: tf.Tensor2D; Q: tf.Tensor2D } {
    const d = this.d;
    const D = this.width;
    if (this.parameterization === "full") {
      return {
        P: (this.params[2 * l] as tf.LayerVariable).read() as tf.Tensor2D,
        Q: (this.params[2 * l + 1] as tf.LayerVariable).read() as tf.Tensor2D,
      };
    }
    const A = (this.params[l] as tf.LayerVariable).read() as tf.Tensor2D;
    if (this.task === "prediction") {
      // construction A: P = e_D e_Dᵀ, Q = [[A, 0], [0, 0]]  (docs/method.md §c.1)
      const Pc = new Float32Array(D * D);
      Pc[D * D - 1] = 1;
      return {
        P: tf.tensor2d(Pc, [D, D]),
        Q: A.pad([
          [0, 1],
          [0, 1],
        ]),
      };
    }
    // construction C: Q a←c identity, b←−e; P c←−A a  (docs/method.md §c.3)
    const Qc = matrix64(D, D);
    for (let i = 0; i < d; i++) Qc.data[i * D + d + 1 + i] = 1;
    Qc.data[d * D + 2 * d + 1] = -1;
    return {
      P: A.neg().pad([
        [d + 1, 1],
        [0, d + 2],
      ]) as tf.Tensor2D,
      Q: tf.tensor2d(Float32Array.from(Qc.data), [D, D]),
    };
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const Z0 = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [B, D, N] = Z0.shape;
      const n = N - 1;
      const c = taskSign(this.task) / n;
      const mask = tf.tensor3d(
        Array.from({ length: N }, (_, j) => (j < n ? 1 : 0)),
        [1, N, 1],
      );
      let Y = Z0.transpose([0, 2, 1]) as tf.Tensor3D; // [B, N, D]: one token per row, so Q and P act as one 2-D matmul
      const layers = Array.from({ length: this.layerCount }, (_, l) => this.layerTensors(l));
      for (let t = 0; t < this.loops; t++) {
        const { P, Q } = layers[this.sharing === "looped" ? 0 : t] as { P: tf.Tensor2D; Q: tf.Tensor2D };
        const flat = Y.reshape([B * N, D]);
        const Rt = tf.matMul(flat, Q, false, true).reshape([B, N, D]); // (Q Z)ᵀ
        const S = tf.matMul(Y.mul(mask), Y, true, false) as tf.Tensor3D; // Z M Zᵀ, [B, D, D]
        const SRt = tf.matMul(Rt, S); // (S R)ᵀ = Rᵀ S (S symmetric)
        const upd = tf.matMul(SRt.reshape([B * N, D]), P, false, true).reshape([B, N, D]); // (P S R)ᵀ
        Y = Y.add(upd.mul(c));
      }
      return Y.transpose([0, 2, 1]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      d: this.d,
      loops: this.loops,
      task: this.task,
      parameterization: this.parameterization,
      sharing: this.sharing,
      initStd: this.initStd,
      seed: this.seed,
    };
  }

  /** The current weights as float64 `(P, Q)` per distinct layer (builds the layer if needed). */
  lsaWeights(): LsaWeights[] {
    if (!this.built) this.build();
    const D = this.width;
    return Array.from({ length: this.layerCount }, (_, l) => {
      const [P, Q] = tf.tidy(() => {
        const t = this.layerTensors(l);
        return [t.P.clone(), t.Q.clone()];
      });
      const out = {
        P: matrix64(D, D, Float64Array.from(P.dataSync())),
        Q: matrix64(D, D, Float64Array.from(Q.dataSync())),
      };
      P.dispose();
      Q.dispose();
      return out;
    });
  }

  /** Sets the parameters from float64 values: A per layer (`"sparse"`) or `(P, Q)` per layer (`"full"`). */
  setLsaParameters(values: readonly Matrix64[]): void {
    if (!this.built) this.build();
    const expected = this.parameterization === "sparse" ? this.layerCount : 2 * this.layerCount;
    if (values.length !== expected) {
      throw new RangeError(`setLsaParameters expects ${expected} matrices, received ${values.length}`);
    }
    values.forEach((M, i) => {
      const v = this.params[i] as tf.LayerVariable;
      const t = tf.tensor2d(Float32Array.from(M.data), [M.rows, M.cols]);
      v.write(t);
      t.dispose();
    });
  }

  /**
   * Releases the weights. Unlike the base class, also works for a layer that was only called eagerly
   * (never connected into a model graph, so its reference count was never set).
   */
  override dispose(): ReturnType<tf.layers.Layer["dispose"]> {
    if (this._refCount === null) this._refCount = 1;
    return super.dispose();
  }

  /** The trainable tf.Variables (for `optimizer.minimize(f, false, layer.variables)`). */
  get variables(): tf.Variable[] {
    if (!this.built) this.build();
    return this.params.map((p) => p.read() as tf.Variable);
  }
}

/** Stacks the task's embeddings of `prompts` into a float32 `[B, D, n+1]` tensor. */
export function embedBatchTensor(Zs: readonly Matrix64[]): tf.Tensor3D {
  const first = Zs[0] as Matrix64;
  const { rows: D, cols: N } = first;
  const buf = new Float32Array(Zs.length * D * N);
  Zs.forEach((Z, b) => {
    buf.set(Z.data, b * D * N);
  });
  return tf.tensor3d(buf, [Zs.length, D, N]);
}

/**
 * Batch-mean loss of the read-out (docs/method.md §c.5): `(ŷ − y_q)²` with `ŷ = −Z[D−1, n]` for `"prediction"`
 * (`targets` `[B]`), or `‖ŵ − w*‖²` with ŵ the c-block of the last column for `"vector"` (`targets` `[B, d]`).
 */
export function lsaLossTensor(ZT: tf.Tensor3D, targets: tf.Tensor, task: LsaTask, d: number): tf.Scalar {
  assertOneOf(task, "task", ["prediction", "vector"] as const);
  assertInteger(d, "d", { min: 1 });
  if (!(ZT instanceof tf.Tensor) || ZT.rank !== 3 || ZT.shape[1] !== embeddingWidth(task, d)) {
    throw new DescentError(
      `ZT must be a [batch, ${embeddingWidth(task, d)}, n+1] tensor for task "${task}" and d = ${d}, received ${ZT instanceof tf.Tensor ? `[${ZT.shape.join(", ")}]` : describeValue(ZT)}`,
      { parameter: "ZT", code: "shape" },
    );
  }
  // a mismatched targets shape would broadcast silently into a wrong loss
  const expected = task === "prediction" ? [ZT.shape[0]] : [ZT.shape[0], d];
  if (!(targets instanceof tf.Tensor) || targets.shape.join(",") !== expected.join(",")) {
    throw new DescentError(
      `targets must have shape [${expected.join(", ")}], received ${targets instanceof tf.Tensor ? `[${targets.shape.join(", ")}]` : describeValue(targets)}`,
      { parameter: "targets", code: "shape" },
    );
  }
  return tf.tidy(() => {
    const [B, D, N] = ZT.shape;
    if (task === "prediction") {
      const yhat = ZT.slice([0, D - 1, N - 1], [B, 1, 1])
        .reshape([B])
        .neg();
      return yhat.sub(targets).square().mean() as tf.Scalar;
    }
    const w = ZT.slice([0, d + 1, N - 1], [B, d, 1]).reshape([B, d]);
    return w.sub(targets).square().sum(1).mean() as tf.Scalar;
  });
}
