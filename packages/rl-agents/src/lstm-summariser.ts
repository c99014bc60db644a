/**
 * The `'lstm'` conditioning of SAVO's successive actors and surrogates (docs/savo.md, "conditioning"; our
 * choice, as is every conditioning mechanism): a single-layer LSTM reads the earlier actions
 * a_0, …, a_{i−1} in order and its last hidden state h_i summarises them. Unlike the deep set it sees
 * the order in which earlier actors proposed.
 *
 * Gate pre-activations g = [a_t, h_{t−1}]·W + b, split into input, forget, output and candidate blocks
 * (i, f, o, c̃) of width H; c_t = σ(f)·c_{t−1} + σ(i)·tanh(c̃), h_t = σ(o)·tanh(c_t), h_0 = c_0 = 0.
 * W and b live in one {@link Mlp} (a single linear layer of sizes [d + H, 4H]) used as parameter storage,
 * so that the agents' optimizers, Polyak averaging and cloning handle the LSTM like any other part.
 * Backpropagation through time reaches W and b, never the actions (the stop-gradient between actors).
 */
import { assertInteger, type Rng } from "@descent/core-tensor";
import { Mlp, type MlpInit } from "./mlp.js";

interface Trace {
  /** Per step: the gate input [a_t, h_{t−1}] (batch × (d + H)). */
  inputs: Float32Array[];
  /** Per step: σ(i), σ(f), σ(o), tanh(c̃) (batch × 4H). */
  gates: Float32Array[];
  /** Per step: c_t (batch × H); index 0 is c_0 = 0. */
  cells: Float32Array[];
  /** Per step: tanh(c_t) (batch × H). */
  cellTanh: Float32Array[];
  /** Last hidden state (batch × H). */
  hidden: Float32Array;
  /** Scratch of the backward pass. */
  dh: Float32Array;
  dc: Float32Array;
  dg: Float32Array;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** A one-layer LSTM over a fixed number of earlier actions, returning its last hidden state. */
export class LstmSummariser {
  /** W ((d + H) × 4H, row-major) and b (4H), as a single linear layer. */
  readonly gates: Mlp;
  readonly actionDim: number;
  readonly width: number;
  readonly steps: number;
  private readonly traces = new Map<number, Trace>();
  private lastBatch = 0;

  constructor(opts: { actionDim: number; width: number; steps: number; init: MlpInit; rng: Rng }) {
    assertInteger(opts.actionDim, "actionDim", { min: 1 });
    assertInteger(opts.width, "width", { min: 1 });
    assertInteger(opts.steps, "steps", { min: 1 });
    this.actionDim = opts.actionDim;
    this.width = opts.width;
    this.steps = opts.steps;
    this.gates = new Mlp({
      sizes: [opts.actionDim + opts.width, 4 * opts.width],
      init: opts.init,
      rng: opts.rng,
    });
  }

  /** A summariser around existing gate parameters (clones and target networks). */
  static fromGates(gates: Mlp, actionDim: number, steps: number): LstmSummariser {
    const copy = Object.create(LstmSummariser.prototype) as LstmSummariser;
    Object.assign(copy, {
      gates,
      actionDim,
      width: (gates.sizes[1] as number) / 4,
      steps,
      traces: new Map(),
      lastBatch: 0,
    });
    return copy;
  }

  /**
   * Last hidden state for `batch` rows of earlier actions (batch × steps × d, row r holding
   * a_0[r], …, a_{steps−1}[r]); a view overwritten by the next call with the same batch.
   */
  forward(actions: ArrayLike<number>, batch: number): Float32Array {
    const d = this.actionDim;
    const H = this.width;
    const n = this.steps;
    const tr = this.trace(batch);
    const p = this.gates.params;
    const nIn = d + H;
    const G = 4 * H;
    const bo = nIn * G;
    for (let t = 0; t < n; t++) {
      // h_{t−1} is row r of `hidden`, read before row r is overwritten with h_t
      const hPrev = t === 0 ? null : tr.hidden;
      const u = tr.inputs[t] as Float32Array;
      const g = tr.gates[t] as Float32Array;
      const cPrev = tr.cells[t] as Float32Array;
      const c = tr.cells[t + 1] as Float32Array;
      const tc = tr.cellTanh[t] as Float32Array;
      for (let r = 0; r < batch; r++) {
        for (let j = 0; j < d; j++) u[r * nIn + j] = actions[(r * n + t) * d + j] as number;
        for (let j = 0; j < H; j++) u[r * nIn + d + j] = hPrev === null ? 0 : (hPrev[r * H + j] as number);
        const gr = r * G;
        for (let k = 0; k < G; k++) g[gr + k] = p[bo + k] as number;
        for (let i = 0; i < nIn; i++) {
          const v = u[r * nIn + i] as number;
          if (v === 0) continue;
          const wr = i * G;
          for (let k = 0; k < G; k++) g[gr + k] = (g[gr + k] as number) + v * (p[wr + k] as number);
        }
        for (let j = 0; j < H; j++) {
          const ig = sigmoid(g[gr + j] as number);
          const fg = sigmoid(g[gr + H + j] as number);
          const og = sigmoid(g[gr + 2 * H + j] as number);
          const cg = Math.tanh(g[gr + 3 * H + j] as number);
          g[gr + j] = ig;
          g[gr + H + j] = fg;
          g[gr + 2 * H + j] = og;
          g[gr + 3 * H + j] = cg;
          const cv = fg * (cPrev[r * H + j] as number) + ig * cg;
          c[r * H + j] = cv;
          const th = Math.tanh(c[r * H + j] as number);
          tc[r * H + j] = th;
          tr.hidden[r * H + j] = og * th;
        }
      }
    }
    this.lastBatch = batch;
    return tr.hidden;
  }

  /** Backpropagation through time of the last forward given dLoss/dh_last; accumulates into gates.grads. */
  backward(dHidden: ArrayLike<number>): void {
    const batch = this.lastBatch;
    const d = this.actionDim;
    const H = this.width;
    const n = this.steps;
    const tr = this.trace(batch);
    const p = this.gates.params;
    const gr = this.gates.grads;
    const nIn = d + H;
    const G = 4 * H;
    const bo = nIn * G;
    const { dh, dc, dg } = tr;
    for (let e = 0; e < batch * H; e++) dh[e] = dHidden[e] as number;
    dc.fill(0);
    for (let t = n - 1; t >= 0; t--) {
      const u = tr.inputs[t] as Float32Array;
      const g = tr.gates[t] as Float32Array;
      const cPrev = tr.cells[t] as Float32Array;
      const tc = tr.cellTanh[t] as Float32Array;
      for (let r = 0; r < batch; r++) {
        const o = r * G;
        for (let j = 0; j < H; j++) {
          const e = r * H + j;
          const ig = g[o + j] as number;
          const fg = g[o + H + j] as number;
          const og = g[o + 2 * H + j] as number;
          const cg = g[o + 3 * H + j] as number;
          const th = tc[e] as number;
          const dhv = dh[e] as number;
          const dcv = (dc[e] as number) + dhv * og * (1 - th * th);
          dg[o + j] = dcv * cg * ig * (1 - ig);
          dg[o + H + j] = dcv * (cPrev[e] as number) * fg * (1 - fg);
          dg[o + 2 * H + j] = dhv * th * og * (1 - og);
          dg[o + 3 * H + j] = dcv * ig * (1 - cg * cg);
          dc[e] = dcv * fg;
        }
        for (let k = 0; k < G; k++) gr[bo + k] = (gr[bo + k] as number) + (dg[o + k] as number);
        for (let i = 0; i < nIn; i++) {
          const v = u[r * nIn + i] as number;
          const wr = i * G;
          let s = 0;
          for (let k = 0; k < G; k++) {
            const dv = dg[o + k] as number;
            if (v !== 0) gr[wr + k] = (gr[wr + k] as number) + v * dv;
            s += dv * (p[wr + k] as number);
          }
          // only the hidden part of the input carries gradient back in time; the actions get none
          if (i >= d) dh[r * H + (i - d)] = s;
        }
      }
    }
  }

  private trace(batch: number): Trace {
    let tr = this.traces.get(batch);
    if (tr === undefined) {
      const H = this.width;
      const n = this.steps;
      const nIn = this.actionDim + H;
      tr = {
        inputs: Array.from({ length: n }, () => new Float32Array(batch * nIn)),
        gates: Array.from({ length: n }, () => new Float32Array(batch * 4 * H)),
        cells: Array.from({ length: n + 1 }, () => new Float32Array(batch * H)),
        cellTanh: Array.from({ length: n }, () => new Float32Array(batch * H)),
        hidden: new Float32Array(batch * H),
        dh: new Float32Array(batch * H),
        dc: new Float32Array(batch * H),
        dg: new Float32Array(batch * 4 * H),
      };
      this.traces.set(batch, tr);
    }
    return tr;
  }
}
