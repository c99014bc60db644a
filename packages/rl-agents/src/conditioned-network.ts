/**
 * A network conditioned on a list of earlier actions, for SAVO's successive actors and surrogates
 * (Jain et al. 2025: actor i and surrogate Ψ̂_i see the actions a_0 … a_{i−1} found before them). How
 * the variable-length list becomes a fixed input is our choice (docs/savo.md, "conditioning"):
 *
 * - `'deepset'` (default): an order-invariant summary ρ(mean_j φ(a_j)), φ: d → 64 → 64, ρ: 64 → 64,
 *   appended to the input of the head network;
 * - `'lstm'`: the last hidden state (width 64) of an LSTM reading the earlier actions in order
 *   ({@link LstmSummariser}), appended to the input of the head network;
 * - `'concat'`: the earlier actions concatenated in order, appended to the input;
 * - `'none'`: the head sees the input only (used by the ensemble baseline and the "SAVO − conditioning"
 *   ablation).
 *
 * The earlier actions are inputs, never differentiated: gradients reach the head and the summariser's
 * parameters but not the actors that produced the actions (the stop-gradient between actors).
 */
import { DescentError, type Rng } from "@descent/core-tensor";
import { LstmSummariser } from "./lstm-summariser.js";
import type { DenseNetwork, MlpInit } from "./mlp.js";
import { createNetwork, type NetworkBackend } from "./tfjs-mlp.js";

/** How a successive actor or surrogate sees the earlier actions (our choice; see the module doc). */
export type Conditioning = "deepset" | "lstm" | "concat" | "none";

/** Options of {@link ConditionedNetwork}. */
export interface ConditionedNetworkOptions {
  /** Width of the plain input x (observation, or observation + action for a surrogate). */
  inputDim: number;
  /** Dimension d of one earlier action. */
  actionDim: number;
  /** Number of earlier actions the network is conditioned on (0 = a plain MLP on x). */
  earlier: number;
  /** Hidden widths of the head network. */
  hiddenSizes: readonly number[];
  /** Output width of the head. */
  outputDim: number;
  /** Head output activation. */
  output: "linear" | "tanh";
  conditioning: Conditioning;
  /** Width of the deep-set embedding and summary, or of the LSTM's hidden state, = 64. */
  summaryWidth?: number;
  init: MlpInit;
  backend: NetworkBackend;
  rng: Rng;
}

interface Buffers {
  headIn: Float32Array;
  mean: Float32Array;
  dPhi: Float32Array;
  dx: Float32Array;
}

/** A head MLP whose input is x and, per the conditioning, a summary of the earlier actions. */
export class ConditionedNetwork {
  readonly head: DenseNetwork;
  /** Per-action embedding φ of the deep-set summariser (absent otherwise). */
  readonly phi: DenseNetwork | null;
  /** Post-pooling map ρ of the deep-set summariser (absent otherwise). */
  readonly rho: DenseNetwork | null;
  /** LSTM summariser (`'lstm'` conditioning only). */
  readonly lstm: LstmSummariser | null;
  readonly inputDim: number;
  readonly actionDim: number;
  readonly earlier: number;
  readonly conditioning: Conditioning;
  private readonly extraDim: number;
  private readonly buffers = new Map<number, Buffers>();
  private lastBatch = 0;

  constructor(opts: ConditionedNetworkOptions) {
    const { inputDim, actionDim, earlier, conditioning } = opts;
    const width = opts.summaryWidth ?? 64;
    this.inputDim = inputDim;
    this.actionDim = actionDim;
    this.earlier = earlier;
    this.conditioning = conditioning;
    if (
      conditioning !== "deepset" &&
      conditioning !== "lstm" &&
      conditioning !== "concat" &&
      conditioning !== "none"
    ) {
      throw new DescentError(
        `conditioning must be 'deepset', 'lstm', 'concat' or 'none', received ${String(conditioning)}`,
        {
          parameter: "conditioning",
          code: "invalid-argument",
        },
      );
    }
    const active = earlier > 0 && conditioning !== "none";
    this.extraDim = !active ? 0 : conditioning === "concat" ? earlier * actionDim : width;
    // the head is drawn first so that an unconditioned network consumes the stream as a plain MLP would
    this.head = createNetwork(opts.backend, {
      sizes: [inputDim + this.extraDim, ...opts.hiddenSizes, opts.outputDim],
      output: opts.output,
      init: opts.init,
      rng: opts.rng,
    });
    if (active && conditioning === "deepset") {
      this.phi = createNetwork(opts.backend, {
        sizes: [actionDim, width, width],
        init: opts.init,
        rng: opts.rng,
      });
      this.rho = createNetwork(opts.backend, { sizes: [width, width], init: opts.init, rng: opts.rng });
    } else {
      this.phi = null;
      this.rho = null;
    }
    this.lstm =
      active && conditioning === "lstm"
        ? new LstmSummariser({ actionDim, width, steps: earlier, init: opts.init, rng: opts.rng })
        : null;
  }

  /** The trainable parts (head, then φ and ρ, or the LSTM's gates, when present). */
  get networks(): DenseNetwork[] {
    return [
      this.head,
      ...(this.phi ? [this.phi] : []),
      ...(this.rho ? [this.rho] : []),
      ...(this.lstm ? [this.lstm.gates] : []),
    ];
  }

  /**
   * Output for `batch` rows of x (batch × inputDim) given the earlier actions (batch × earlier × actionDim,
   * row r holding a_0[r], …, a_{earlier−1}[r]); a view overwritten by the next call with the same batch.
   */
  forward(x: ArrayLike<number>, earlierActions: ArrayLike<number>, batch: number): Float32Array {
    this.lastBatch = batch;
    if (this.extraDim === 0) return this.head.forward(x, batch);
    const buf = this.buffersFor(batch);
    const nIn = this.inputDim;
    const w = nIn + this.extraDim;
    const { headIn } = buf;
    for (let r = 0; r < batch; r++)
      for (let i = 0; i < nIn; i++) headIn[r * w + i] = x[r * nIn + i] as number;
    if (this.conditioning === "concat") {
      const e = this.extraDim;
      for (let r = 0; r < batch; r++) {
        for (let i = 0; i < e; i++) headIn[r * w + nIn + i] = earlierActions[r * e + i] as number;
      }
    } else if (this.lstm !== null) {
      const h = this.lstm.forward(earlierActions, batch);
      const width = this.extraDim;
      for (let r = 0; r < batch; r++)
        for (let i = 0; i < width; i++) headIn[r * w + nIn + i] = h[r * width + i] as number;
    } else {
      const n = this.earlier;
      const phi = this.phi as DenseNetwork;
      const rho = this.rho as DenseNetwork;
      const h = phi.forward(earlierActions, batch * n);
      const width = this.extraDim;
      const mean = buf.mean;
      mean.fill(0);
      for (let r = 0; r < batch; r++) {
        for (let k = 0; k < n; k++) {
          for (let i = 0; i < width; i++)
            mean[r * width + i] =
              (mean[r * width + i] as number) + (h[(r * n + k) * width + i] as number) / n;
        }
      }
      const s = rho.forward(mean, batch);
      for (let r = 0; r < batch; r++)
        for (let i = 0; i < width; i++) headIn[r * w + nIn + i] = s[r * width + i] as number;
    }
    return this.head.forward(headIn, batch);
  }

  /**
   * Backward pass of the last forward: accumulates the gradients of head (and φ, ρ) and returns
   * dLoss/dx (batch × inputDim, a reusable view). The earlier actions get no gradient.
   */
  backward(dOut: ArrayLike<number>): Float32Array {
    const dIn = this.head.backward(dOut);
    if (this.extraDim === 0) return dIn;
    const batch = this.lastBatch;
    const buf = this.buffersFor(batch);
    const nIn = this.inputDim;
    const w = nIn + this.extraDim;
    const dx = buf.dx;
    for (let r = 0; r < batch; r++) for (let i = 0; i < nIn; i++) dx[r * nIn + i] = dIn[r * w + i] as number;
    if (this.conditioning === "deepset") {
      const width = this.extraDim;
      const n = this.earlier;
      const dS = buf.mean; // reused: the pooled activations are no longer needed
      for (let r = 0; r < batch; r++)
        for (let i = 0; i < width; i++) dS[r * width + i] = dIn[r * w + nIn + i] as number;
      const dMean = (this.rho as DenseNetwork).backward(dS);
      const dPhi = buf.dPhi;
      for (let r = 0; r < batch; r++) {
        for (let k = 0; k < n; k++) {
          for (let i = 0; i < width; i++)
            dPhi[(r * n + k) * width + i] = (dMean[r * width + i] as number) / n;
        }
      }
      (this.phi as DenseNetwork).backward(dPhi);
    } else if (this.lstm !== null) {
      const width = this.extraDim;
      const dS = buf.mean;
      for (let r = 0; r < batch; r++)
        for (let i = 0; i < width; i++) dS[r * width + i] = dIn[r * w + nIn + i] as number;
      this.lstm.backward(dS);
    }
    return dx;
  }

  /**
   * dLoss/dx of the last forward (batch × inputDim, a reusable view) without touching any parameter
   * gradient: only the head lies between x and the output.
   */
  inputGradient(dOut: ArrayLike<number>): Float32Array {
    const dIn = this.head.inputGradient(dOut);
    if (this.extraDim === 0) return dIn;
    const batch = this.lastBatch;
    const nIn = this.inputDim;
    const w = nIn + this.extraDim;
    const dx = this.buffersFor(batch).dx;
    for (let r = 0; r < batch; r++) for (let i = 0; i < nIn; i++) dx[r * nIn + i] = dIn[r * w + i] as number;
    return dx;
  }

  zeroGrad(): void {
    for (const net of this.networks) net.zeroGrad();
  }

  /** A deep copy (target networks). */
  clone(): ConditionedNetwork {
    const copy = Object.create(ConditionedNetwork.prototype) as ConditionedNetwork;
    Object.assign(copy, {
      head: this.head.clone(),
      phi: this.phi?.clone() ?? null,
      rho: this.rho?.clone() ?? null,
      lstm:
        this.lstm === null
          ? null
          : LstmSummariser.fromGates(this.lstm.gates.clone(), this.actionDim, this.earlier),
      inputDim: this.inputDim,
      actionDim: this.actionDim,
      earlier: this.earlier,
      conditioning: this.conditioning,
      extraDim: this.extraDim,
      buffers: new Map(),
      lastBatch: 0,
    });
    return copy;
  }

  /** Polyak averaging of every part. */
  softUpdateFrom(other: ConditionedNetwork, tau: number): void {
    const mine = this.networks;
    const theirs = other.networks;
    for (let i = 0; i < mine.length; i++)
      (mine[i] as DenseNetwork).softUpdateFrom(theirs[i] as DenseNetwork, tau);
  }

  private buffersFor(batch: number): Buffers {
    let b = this.buffers.get(batch);
    if (b === undefined) {
      const width = this.conditioning === "deepset" || this.conditioning === "lstm" ? this.extraDim : 0;
      b = {
        headIn: new Float32Array(batch * (this.inputDim + this.extraDim)),
        mean: new Float32Array(batch * width),
        dPhi: new Float32Array(batch * this.earlier * width),
        dx: new Float32Array(batch * this.inputDim),
      };
      this.buffers.set(batch, b);
    }
    return b;
  }
}
