/**
 * The `ts` network backend of docs/method.md §A.5: a dense MLP on Float32Array with hand-written backprop (ReLU
 * hidden layers, linear or tanh output). For the narrow nets of the reduced experiments (width ≤ 64)
 * this is faster than tfjs-wasm's autodiff (docs/method.md §A.5 table; `bench/mlp-update.bench.ts` measures it).
 * All parameters live in one flat Float32Array so that one optimizer updates them in one pass.
 */
import { assertInteger, DescentError, type Rng } from "@descent/core-tensor";

/** Weight initialisation (docs/method.md §A.5): Glorot uniform (Dopamine) or PyTorch's `nn.Linear` default. */
export type MlpInit = "glorot" | "torch";

/**
 * The `hiddenSizes` option of an agent: `value`, or the agent's documented default when absent; throws
 * unless it is a non-empty array. Widths themselves are checked by the network constructor.
 */
export function resolveHiddenSizes(
  value: readonly number[] | undefined,
  defaultSizes: readonly number[],
): readonly number[] {
  const hidden = value ?? defaultSizes;
  if (!Array.isArray(hidden) || hidden.length === 0) {
    throw new DescentError(`hiddenSizes must be a non-empty array, received ${String(hidden)}`, {
      parameter: "hiddenSizes",
      code: "shape",
    });
  }
  return hidden;
}

/** Options of {@link Mlp}. */
export interface MlpOptions {
  /** Layer widths from input to output, e.g. `[4, 64, 64, 2]`. */
  sizes: readonly number[];
  /** Output activation: `'linear'` (Q-networks, critics) or `'tanh'` (actors). Default `'linear'`. */
  output?: "linear" | "tanh";
  /**
   * `'glorot'` (default; Dopamine's networks): weights U[±√(6/(fan_in+fan_out))], zero biases.
   * `'torch'` (TD3 reference code): weights and biases U[±1/√fan_in].
   */
  init?: MlpInit;
  /** Stream for the initial weights. */
  rng: Rng;
}

/**
 * The network contract shared by the `ts` and `tfjs` backends (docs/method.md §A.5): flat parameters and gradient
 * accumulator, a forward pass that remembers its input, and a backward pass that accumulates parameter
 * gradients and returns dLoss/dInput.
 */
export interface DenseNetwork {
  readonly sizes: readonly number[];
  readonly output: "linear" | "tanh";
  readonly params: Float32Array;
  readonly grads: Float32Array;
  forward(x: ArrayLike<number>, batch: number): Float32Array;
  backward(dOut: ArrayLike<number>): Float32Array;
  /**
   * dLoss/dInput of the last forward for dLoss/dOutput = `dOut`, without touching {@link grads} (for
   * dQ/da in an actor update, where the critic's own gradient is not wanted).
   */
  inputGradient(dOut: ArrayLike<number>): Float32Array;
  zeroGrad(): void;
  copyFrom(other: DenseNetwork): void;
  softUpdateFrom(other: DenseNetwork, tau: number): void;
  clone(): DenseNetwork;
}

/** Checks a forward input: `batch` a positive integer and `x` holding batch × nIn values (internal). */
export function checkForwardInput(x: ArrayLike<number>, batch: number, nIn: number): void {
  assertInteger(batch, "batch", { min: 1 });
  if (x.length < batch * nIn) {
    throw new DescentError(`x must hold batch × ${nIn} = ${batch * nIn} values, received ${x.length}`, {
      parameter: "x",
      code: "shape",
    });
  }
}

/** Checks a backward input: a forward pass came first and `dOut` holds batch × nOut values (internal). */
export function checkBackwardInput(dOut: ArrayLike<number>, batch: number, nOut: number): void {
  if (batch === 0) {
    throw new DescentError("backward called before forward: no activations to differentiate", {
      parameter: "dOut",
      code: "state",
    });
  }
  if (dOut.length < batch * nOut) {
    throw new DescentError(
      `dOut must hold batch × ${nOut} = ${batch * nOut} values, received ${dOut.length}`,
      {
        parameter: "dOut",
        code: "shape",
      },
    );
  }
}

/** Per-batch-size scratch buffers (activations of every layer). */
interface Workspace {
  acts: Float32Array[];
  deltas: Float32Array[];
}

/** A dense ReLU MLP with flat parameters and gradients (docs/method.md §A.5, `ts` backend). */
export class Mlp implements DenseNetwork {
  readonly sizes: readonly number[];
  readonly output: "linear" | "tanh";
  /** All weights and biases: per layer W (fan_in × fan_out, row-major) then b. */
  readonly params: Float32Array;
  /** Gradient accumulator with the layout of {@link params}. */
  readonly grads: Float32Array;
  private readonly wOffsets: number[] = [];
  private readonly bOffsets: number[] = [];
  private readonly workspaces = new Map<number, Workspace>();
  private lastBatch = 0;

  constructor(opts: MlpOptions) {
    const sizes = opts.sizes;
    if (!Array.isArray(sizes) || sizes.length < 2) {
      throw new DescentError(
        `sizes must list at least an input and an output width, received ${String(sizes)}`,
        {
          parameter: "sizes",
          code: "shape",
        },
      );
    }
    for (let i = 0; i < sizes.length; i++) assertInteger(sizes[i], `sizes[${i}]`, { min: 1 });
    const output = opts.output ?? "linear";
    if (output !== "linear" && output !== "tanh") {
      throw new DescentError(`output must be 'linear' or 'tanh', received ${String(output)}`, {
        parameter: "output",
        code: "invalid-argument",
      });
    }
    const init = opts.init ?? "glorot";
    if (init !== "glorot" && init !== "torch") {
      throw new DescentError(`init must be 'glorot' or 'torch', received ${String(init)}`, {
        parameter: "init",
        code: "invalid-argument",
      });
    }
    this.sizes = [...sizes];
    this.output = output;
    let n = 0;
    for (let l = 0; l + 1 < sizes.length; l++) {
      this.wOffsets.push(n);
      n += (sizes[l] as number) * (sizes[l + 1] as number);
      this.bOffsets.push(n);
      n += sizes[l + 1] as number;
    }
    this.params = new Float32Array(n);
    this.grads = new Float32Array(n);
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l] as number;
      const fanOut = sizes[l + 1] as number;
      const w = this.params.subarray(this.wOffsets[l], this.wOffsets[l] + fanIn * fanOut);
      const b = this.params.subarray(this.bOffsets[l], this.bOffsets[l] + fanOut);
      if (init === "glorot") {
        const lim = Math.sqrt(6 / (fanIn + fanOut));
        opts.rng.fillUniform(w, -lim, lim);
      } else {
        const lim = 1 / Math.sqrt(fanIn);
        opts.rng.fillUniform(w, -lim, lim);
        opts.rng.fillUniform(b, -lim, lim);
      }
    }
  }

  get inputSize(): number {
    return this.sizes[0] as number;
  }

  get outputSize(): number {
    return this.sizes[this.sizes.length - 1] as number;
  }

  /** Number of parameters. */
  get size(): number {
    return this.params.length;
  }

  /**
   * Forward pass of `batch` rows of `x` (batch × inputSize). Returns the output (batch × outputSize), a
   * view that the next forward with the same batch size overwrites; activations are kept for
   * {@link backward}.
   */
  forward(x: ArrayLike<number>, batch: number): Float32Array {
    checkForwardInput(x, batch, this.sizes[0] as number);
    const ws = this.workspace(batch);
    const sizes = this.sizes;
    const input = ws.acts[0] as Float32Array;
    for (let i = 0; i < input.length; i++) input[i] = x[i] as number;
    const p = this.params;
    const L = sizes.length - 1;
    for (let l = 0; l < L; l++) {
      const nIn = sizes[l] as number;
      const nOut = sizes[l + 1] as number;
      const a = ws.acts[l] as Float32Array;
      const z = ws.acts[l + 1] as Float32Array;
      const wo = this.wOffsets[l] as number;
      const bo = this.bOffsets[l] as number;
      // four rows at a time share each weight load. Every output still receives its products in the
      // order i = 0…nIn−1, rounded to float32 after each addition, so the result is bit-identical to
      // the one-row loop; an exact zero product (a skipped zero activation) leaves a float32 sum unchanged
      let r = 0;
      for (; r + 4 <= batch; r += 4) {
        const z0 = r * nOut;
        const z1 = z0 + nOut;
        const z2 = z1 + nOut;
        const z3 = z2 + nOut;
        for (let j = 0; j < nOut; j++) {
          const b = p[bo + j] as number;
          z[z0 + j] = b;
          z[z1 + j] = b;
          z[z2 + j] = b;
          z[z3 + j] = b;
        }
        const a0 = r * nIn;
        for (let i = 0; i < nIn; i++) {
          const v0 = a[a0 + i] as number;
          const v1 = a[a0 + nIn + i] as number;
          const v2 = a[a0 + 2 * nIn + i] as number;
          const v3 = a[a0 + 3 * nIn + i] as number;
          if (v0 === 0 && v1 === 0 && v2 === 0 && v3 === 0) continue;
          const wr = wo + i * nOut;
          for (let j = 0; j < nOut; j++) {
            const w = p[wr + j] as number;
            z[z0 + j] = (z[z0 + j] as number) + v0 * w;
            z[z1 + j] = (z[z1 + j] as number) + v1 * w;
            z[z2 + j] = (z[z2 + j] as number) + v2 * w;
            z[z3 + j] = (z[z3 + j] as number) + v3 * w;
          }
        }
      }
      for (; r < batch; r++) {
        const zr = r * nOut;
        for (let j = 0; j < nOut; j++) z[zr + j] = p[bo + j] as number;
        const ar = r * nIn;
        for (let i = 0; i < nIn; i++) {
          const ai = a[ar + i] as number;
          if (ai === 0) continue;
          const wr = wo + i * nOut;
          for (let j = 0; j < nOut; j++) z[zr + j] = (z[zr + j] as number) + ai * (p[wr + j] as number);
        }
      }
      const n = batch * nOut;
      if (l < L - 1) {
        for (let e = 0; e < n; e++) if ((z[e] as number) < 0) z[e] = 0;
      } else if (this.output === "tanh") {
        for (let e = 0; e < n; e++) z[e] = Math.tanh(z[e] as number);
      }
    }
    this.lastBatch = batch;
    return ws.acts[L] as Float32Array;
  }

  /**
   * Backward pass of the last {@link forward}: given dLoss/dOutput (batch × outputSize), adds the
   * parameter gradients into {@link grads} (call {@link zeroGrad} first) and returns dLoss/dInput
   * (a reusable view).
   */
  backward(dOut: ArrayLike<number>): Float32Array {
    return this.backpropagate(dOut, true);
  }

  /** dLoss/dInput of the last {@link forward} without accumulating parameter gradients (a reusable view). */
  inputGradient(dOut: ArrayLike<number>): Float32Array {
    return this.backpropagate(dOut, false);
  }

  private backpropagate(dOut: ArrayLike<number>, accumulate: boolean): Float32Array {
    const batch = this.lastBatch;
    checkBackwardInput(dOut, batch, this.sizes[this.sizes.length - 1] as number);
    const ws = this.workspace(batch);
    const sizes = this.sizes;
    const L = sizes.length - 1;
    const p = this.params;
    const g = this.grads;
    const top = ws.deltas[L] as Float32Array;
    const out = ws.acts[L] as Float32Array;
    for (let i = 0; i < top.length; i++) {
      const d = dOut[i] as number;
      // tanh'(z) = 1 − tanh(z)²
      top[i] = this.output === "tanh" ? d * (1 - (out[i] as number) ** 2) : d;
    }
    for (let l = L - 1; l >= 0; l--) {
      const nIn = sizes[l] as number;
      const nOut = sizes[l + 1] as number;
      const a = ws.acts[l] as Float32Array;
      const dz = ws.deltas[l + 1] as Float32Array;
      const da = ws.deltas[l] as Float32Array;
      const wo = this.wOffsets[l] as number;
      const bo = this.bOffsets[l] as number;
      if (accumulate) {
        // bias and weight gradients, four rows at a time; each gradient still receives the rows'
        // contributions in order r = 0…batch−1, rounded to float32 after each addition (bit-identical
        // to the one-row loop)
        let r = 0;
        for (; r + 4 <= batch; r += 4) {
          const d0 = r * nOut;
          const d1 = d0 + nOut;
          const d2 = d1 + nOut;
          const d3 = d2 + nOut;
          for (let j = 0; j < nOut; j++) {
            g[bo + j] = (g[bo + j] as number) + (dz[d0 + j] as number);
            g[bo + j] = (g[bo + j] as number) + (dz[d1 + j] as number);
            g[bo + j] = (g[bo + j] as number) + (dz[d2 + j] as number);
            g[bo + j] = (g[bo + j] as number) + (dz[d3 + j] as number);
          }
          const a0 = r * nIn;
          for (let i = 0; i < nIn; i++) {
            const v0 = a[a0 + i] as number;
            const v1 = a[a0 + nIn + i] as number;
            const v2 = a[a0 + 2 * nIn + i] as number;
            const v3 = a[a0 + 3 * nIn + i] as number;
            if (v0 === 0 && v1 === 0 && v2 === 0 && v3 === 0) continue;
            const wr = wo + i * nOut;
            for (let j = 0; j < nOut; j++) {
              let s = g[wr + j] as number;
              s = Math.fround(s + v0 * (dz[d0 + j] as number));
              s = Math.fround(s + v1 * (dz[d1 + j] as number));
              s = Math.fround(s + v2 * (dz[d2 + j] as number));
              g[wr + j] = s + v3 * (dz[d3 + j] as number);
            }
          }
        }
        for (; r < batch; r++) {
          const zr = r * nOut;
          const ar = r * nIn;
          for (let j = 0; j < nOut; j++) g[bo + j] = (g[bo + j] as number) + (dz[zr + j] as number);
          for (let i = 0; i < nIn; i++) {
            const ai = a[ar + i] as number;
            if (ai === 0) continue;
            const wr = wo + i * nOut;
            for (let j = 0; j < nOut; j++) g[wr + j] = (g[wr + j] as number) + ai * (dz[zr + j] as number);
          }
        }
      }
      // da = dz · Wᵀ, summed over j in float64 and rounded once, as the one-row loop did
      for (let r = 0; r < batch; r++) {
        const zr = r * nOut;
        const ar = r * nIn;
        for (let i = 0; i < nIn; i++) {
          // a hidden unit that ReLU switched off has its delta masked
          if (l > 0 && (a[ar + i] as number) <= 0) {
            da[ar + i] = 0;
            continue;
          }
          const wr = wo + i * nOut;
          let s = 0;
          for (let j = 0; j < nOut; j++) s += (dz[zr + j] as number) * (p[wr + j] as number);
          da[ar + i] = s;
        }
      }
    }
    return ws.deltas[0] as Float32Array;
  }

  /** Sets every gradient to zero. */
  zeroGrad(): void {
    this.grads.fill(0);
  }

  /** Copies the parameters of a network with the same sizes (target networks: θ⁻ ← θ). */
  copyFrom(other: DenseNetwork): void {
    this.assertSameShape(other);
    this.params.set(other.params);
  }

  /** Polyak averaging θ' ← τ·θ + (1 − τ)·θ' (TD3 targets, docs/method.md §A.8). */
  softUpdateFrom(other: DenseNetwork, tau: number): void {
    this.assertSameShape(other);
    const p = this.params;
    const q = other.params;
    for (let i = 0; i < p.length; i++) p[i] = tau * (q[i] as number) + (1 - tau) * (p[i] as number);
  }

  /** A deep copy (same parameters, fresh buffers). */
  clone(): Mlp {
    const copy = Object.create(Mlp.prototype) as Mlp;
    Object.assign(copy, {
      sizes: this.sizes,
      output: this.output,
      params: Float32Array.from(this.params),
      grads: new Float32Array(this.grads.length),
      wOffsets: this.wOffsets,
      bOffsets: this.bOffsets,
      workspaces: new Map(),
      lastBatch: 0,
    });
    return copy;
  }

  private assertSameShape(other: DenseNetwork): void {
    if (other.params.length !== this.params.length || other.sizes.join() !== this.sizes.join()) {
      throw new DescentError(`other must have sizes [${this.sizes}], received [${other.sizes}]`, {
        parameter: "other",
        code: "shape",
      });
    }
  }

  private workspace(batch: number): Workspace {
    let ws = this.workspaces.get(batch);
    if (ws === undefined) {
      assertInteger(batch, "batch", { min: 1 });
      ws = {
        acts: this.sizes.map((s) => new Float32Array(batch * s)),
        deltas: this.sizes.map((s) => new Float32Array(batch * s)),
      };
      this.workspaces.set(batch, ws);
    }
    return ws;
  }
}
