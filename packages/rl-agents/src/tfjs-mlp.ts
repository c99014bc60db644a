/**
 * The `tfjs` network backend of docs/method.md §A.5: the same flat-parameter MLP contract as {@link Mlp}, computed
 * with @tensorflow/tfjs (wasm by default) for wide nets. Every dense layer is core-tensor's `dense`
 * (a custom-gradient layer whose backward pass transposes explicitly and calls the plain `matMul`),
 * because tfjs-wasm 4.22's `matMul` with `transposeA/B` (what the built-in gradient uses) is several
 * times slower (docs/method.md §A.5 pitfall).
 * Parameters stay on the host (Float32Array) so the package's optimizers and the LRRL hook apply
 * unchanged; each call uploads them and downloads the result once (no per-element tfjs ops).
 * Call `await initBackend()` from @descent/core-tensor before using it.
 */
import { DescentError, dense, tf } from "@descent/core-tensor";
import { checkBackwardInput, checkForwardInput, type DenseNetwork, Mlp, type MlpOptions } from "./mlp.js";

/** An MLP on the tfjs backend with the {@link DenseNetwork} contract (docs/method.md §A.5). */
export class TfjsMlp implements DenseNetwork {
  private readonly host: Mlp;
  private readonly layers: { w: number; b: number; nIn: number; nOut: number }[] = [];
  private lastX: Float32Array = new Float32Array(0);
  private lastBatch = 0;
  private readonly dInput = new Map<number, Float32Array>();

  constructor(opts: MlpOptions | Mlp) {
    this.host = opts instanceof Mlp ? opts : new Mlp(opts);
    let n = 0;
    const sizes = this.host.sizes;
    for (let l = 0; l + 1 < sizes.length; l++) {
      const nIn = sizes[l] as number;
      const nOut = sizes[l + 1] as number;
      this.layers.push({ w: n, b: n + nIn * nOut, nIn, nOut });
      n += nIn * nOut + nOut;
    }
  }

  get sizes(): readonly number[] {
    return this.host.sizes;
  }

  get output(): "linear" | "tanh" {
    return this.host.output;
  }

  get params(): Float32Array {
    return this.host.params;
  }

  get grads(): Float32Array {
    return this.host.grads;
  }

  private net(x: tf.Tensor2D, ps: tf.Tensor[]): tf.Tensor2D {
    let h = x;
    const L = this.layers.length;
    for (let l = 0; l < L; l++) {
      h = dense(h, ps[2 * l] as tf.Tensor, ps[2 * l + 1] as tf.Tensor); // docs/method.md §A.5: no transposed matMuls
      if (l < L - 1) h = tf.relu(h);
      else if (this.output === "tanh") h = tf.tanh(h);
    }
    return h;
  }

  private paramTensors(): tf.Tensor[] {
    const p = this.host.params;
    return this.layers.flatMap((ly) => [
      tf.tensor2d(p.subarray(ly.w, ly.w + ly.nIn * ly.nOut), [ly.nIn, ly.nOut]),
      tf.tensor1d(p.subarray(ly.b, ly.b + ly.nOut)),
    ]);
  }

  forward(x: ArrayLike<number>, batch: number): Float32Array {
    const nIn = this.sizes[0] as number;
    checkForwardInput(x, batch, nIn);
    this.lastX = Float32Array.from({ length: batch * nIn }, (_, i) => x[i] as number);
    this.lastBatch = batch;
    return tf.tidy(() => {
      const out = this.net(tf.tensor2d(this.lastX, [batch, nIn]), this.paramTensors());
      return out.dataSync() as Float32Array;
    });
  }

  backward(dOut: ArrayLike<number>): Float32Array {
    const batch = this.lastBatch;
    const nIn = this.sizes[0] as number;
    const nOut = this.sizes[this.sizes.length - 1] as number;
    checkBackwardInput(dOut, batch, nOut);
    const grads = tf.tidy(() => {
      const args = [tf.tensor2d(this.lastX, [batch, nIn]), ...this.paramTensors()];
      const dy = tf.tensor2d(
        Float32Array.from({ length: batch * nOut }, (_, i) => dOut[i] as number),
        [batch, nOut],
      );
      const g = tf.grads((...a: tf.Tensor[]) => this.net(a[0] as tf.Tensor2D, a.slice(1)))(args, dy);
      return g.map((t) => t.dataSync() as Float32Array);
    });
    const acc = this.host.grads;
    this.layers.forEach((ly, l) => {
      const gw = grads[1 + 2 * l] as Float32Array;
      const gb = grads[2 + 2 * l] as Float32Array;
      for (let i = 0; i < gw.length; i++) acc[ly.w + i] = (acc[ly.w + i] as number) + (gw[i] as number);
      for (let i = 0; i < gb.length; i++) acc[ly.b + i] = (acc[ly.b + i] as number) + (gb[i] as number);
    });
    let dx = this.dInput.get(batch);
    if (dx === undefined) {
      dx = new Float32Array(batch * nIn);
      this.dInput.set(batch, dx);
    }
    dx.set(grads[0] as Float32Array);
    return dx;
  }

  zeroGrad(): void {
    this.host.zeroGrad();
  }

  copyFrom(other: DenseNetwork): void {
    this.host.copyFrom(other);
  }

  softUpdateFrom(other: DenseNetwork, tau: number): void {
    this.host.softUpdateFrom(other, tau);
  }

  clone(): TfjsMlp {
    return new TfjsMlp(this.host.clone());
  }
}

/** Which network implementation an agent uses (docs/method.md §A.5): `'ts'` (width ≤ 64) or `'tfjs'` (width ≥ 128). */
export type NetworkBackend = "ts" | "tfjs";

/** Builds a network on the chosen backend. */
export function createNetwork(backend: NetworkBackend, opts: MlpOptions): DenseNetwork {
  if (backend === "ts") return new Mlp(opts);
  if (backend === "tfjs") return new TfjsMlp(opts);
  throw new DescentError(`backend must be 'ts' or 'tfjs', received ${String(backend)}`, {
    parameter: "backend",
    code: "invalid-argument",
  });
}
