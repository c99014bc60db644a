/**
 * The `tfjs` network backend of docs/method.md §A.5: the same flat-parameter MLP contract as {@link Mlp}, computed
 * with @tensorflow/tfjs (wasm by default) for wide nets. Every dense layer is core-tensor's `dense`
 * (a custom-gradient layer whose backward pass never takes tfjs-wasm 4.22's slow transposed-operand
 * `matMul`, docs/method.md §A.5 pitfall).
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
    // read back outside tidy: tidy walks a returned typed array element by element
    const out = tf.tidy(() => this.net(tf.tensor2d(this.lastX, [batch, nIn]), this.paramTensors()));
    const values = out.dataSync() as Float32Array;
    out.dispose();
    return values;
  }

  backward(dOut: ArrayLike<number>): Float32Array {
    const batch = this.lastBatch;
    const nIn = this.sizes[0] as number;
    const nOut = this.sizes[this.sizes.length - 1] as number;
    checkBackwardInput(dOut, batch, nOut);
    const flat = tf.tidy(() => {
      const args = [tf.tensor2d(this.lastX, [batch, nIn]), ...this.paramTensors()];
      const dy = tf.tensor2d(
        Float32Array.from({ length: batch * nOut }, (_, i) => dOut[i] as number),
        [batch, nOut],
      );
      const g = tf.grads((...a: tf.Tensor[]) => this.net(a[0] as tf.Tensor2D, a.slice(1)))(args, dy);
      return tf.concat(g.map((t) => tf.reshape(t, [-1])));
    });
    // one read, outside tidy: tidy walks returned typed arrays element by element (≈ 85 ms per backward
    // pass of a 4-512-512-2 net, more than all its products)
    const all = flat.dataSync() as Float32Array;
    flat.dispose();
    const grads: Float32Array[] = [];
    let offset = 0;
    for (const size of [batch * nIn, ...this.layers.flatMap((ly) => [ly.nIn * ly.nOut, ly.nOut])]) {
      grads.push(all.subarray(offset, offset + size));
      offset += size;
    }
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

  inputGradient(dOut: ArrayLike<number>): Float32Array {
    // tfjs computes every gradient in one pass: keep the accumulator as it was
    const kept = Float32Array.from(this.host.grads);
    const dx = this.backward(dOut);
    this.host.grads.set(kept);
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

/**
 * Which network implementation an agent uses (docs/method.md §A.5): `'ts'` (hand-written backprop on Float32Array),
 * `'tfjs'` (tfjs, wasm by default), or `'auto'`: the faster of the two for the network's size, by the
 * crossover measured in `bench/network-crossover.bench.ts` (see {@link resolveNetworkBackend}).
 */
export type NetworkBackend = "ts" | "tfjs" | "auto";

/**
 * Multiply-adds of one forward pass of a batch through the dense layers of `sizes`: batch · Σ nIn·nOut.
 * The backward pass costs about twice that on either backend, so this one number orders update costs.
 */
export function networkMacsPerUpdate(sizes: readonly number[], batch: number): number {
  let macs = 0;
  for (let l = 0; l + 1 < sizes.length; l++) macs += (sizes[l] as number) * (sizes[l + 1] as number);
  return macs * batch;
}

/**
 * From this many multiply-adds per batch forward pass up, the `'tfjs'` backend (on wasm) updates faster
 * than `'ts'`. Measured by `bench/network-crossover.bench.ts` (DQN update, 4-w-w-2, batches 32, 64, 128):
 * see the package README's "Speed" section for the table. Our choice of threshold: between the largest
 * size where `'ts'` won (286 720, width 64 at batch 64) and the smallest where `'tfjs'` won (313 344).
 */
export const TFJS_CROSSOVER_MACS = 300_000;

/**
 * The concrete backend for `backend` and a network of layer `sizes` trained on batches of `batch` rows:
 * `'auto'` picks `'tfjs'` when the network is at least {@link TFJS_CROSSOVER_MACS} multiply-adds per
 * batch and tfjs runs on wasm (set up by core-tensor's `initBackend()`; on tfjs's pure-JS cpu backend the
 * `'ts'` path is faster at every size), `'ts'` otherwise. `'ts'` and `'tfjs'` are returned as given.
 */
export function resolveNetworkBackend(
  backend: NetworkBackend,
  sizes: readonly number[],
  batch: number,
): "ts" | "tfjs" {
  if (backend !== "auto") return backend;
  return tf.getBackend() === "wasm" && networkMacsPerUpdate(sizes, batch) >= TFJS_CROSSOVER_MACS
    ? "tfjs"
    : "ts";
}

/** Builds a network on the chosen backend (`'auto'` decides for a batch of one; agents resolve it first). */
export function createNetwork(backend: NetworkBackend, opts: MlpOptions): DenseNetwork {
  if (backend === "auto") return createNetwork(resolveNetworkBackend(backend, opts.sizes, 1), opts);
  if (backend === "ts") return new Mlp(opts);
  if (backend === "tfjs") return new TfjsMlp(opts);
  throw new DescentError(`backend must be 'ts', 'tfjs' or 'auto', received ${String(backend)}`, {
    parameter: "backend",
    code: "invalid-argument",
  });
}
