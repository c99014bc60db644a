/**
 * IQN, implicit quantile networks (Dabney et al. 2018), as configured by Dopamine's
 * `implicit_quantile.gin` (docs/method.md §A.7; optional in docs/method.md, the paper's second value-based agent), on the
 * `ts` MLP backend. Z_τ(s, a) = head(φ(s) ⊙ ψ(τ)) with ψ(τ)_j = ReLU(Σ_{i<64} cos(π·i·τ)·w_ij + b_j);
 * loss = (1/N')·Σ_i Σ_j |τ_i − 1{δ_ij < 0}|·Huber_κ(δ_ij)/κ, averaged over the batch; n-step targets.
 */
import { assertInteger, assertPositive, Rng } from "@descent/core-tensor";
import { assertObservation, assertTransition, type LearningAgent, type Transition } from "./agent.js";
import { assertDiscreteAction } from "./env.js";
import { Mlp, type MlpInit, resolveHiddenSizes } from "./mlp.js";
import { createOptimizer, type Optimizer, type OptimizerKind } from "./optimizers.js";
import { NStepAccumulator, ReplayBuffer } from "./replay-buffer.js";
import {
  linearlyDecayingEpsilon,
  resolveValueAgentSchedule,
  type ValueAgentScheduleOptions,
  validateValueAgentSchedule,
} from "./value-agent-schedule.js";

/** Options of {@link IqnAgent}; defaults from Dopamine's IQN (docs/method.md §A.7) and its CartPole DQN where IQN has none. */
export interface IqnOptions extends ValueAgentScheduleOptions {
  /** Torso widths φ(s); the last one is the embedding size h. Default [512, 512] (as DQN CartPole). */
  hiddenSizes?: readonly number[];
  /** Cosine features of τ = 64. */
  quantileEmbeddingSize?: number;
  /** N online quantile samples = 64. */
  numTauSamples?: number;
  /** N' target quantile samples = 64. */
  numTauPrimeSamples?: number;
  /** K samples for the greedy action = 32. */
  numQuantileSamples?: number;
  /** Huber κ = 1. */
  kappa?: number;
  /** n-step update horizon = 3 (Dopamine IQN). */
  updateHorizon?: number;
  /** Optimizer = 'adam', learning rate 5e-5, ε 3.125e-4 (Dopamine IQN). */
  optimizer?: OptimizerKind;
  learningRate?: number;
  optimizerEpsilon?: number;
  /** Weight init = 'glorot'. */
  init?: MlpInit;
  seed?: number;
}

/** An IQN agent (docs/method.md §A.7) for discrete actions. */
export class IqnAgent implements LearningAgent<number> {
  readonly numActions: number;
  readonly optimizer: Optimizer;
  readonly replay: ReplayBuffer;
  private readonly torso: Mlp;
  private readonly embed: Mlp;
  private readonly head: Mlp;
  private readonly targetTorso: Mlp;
  private readonly targetEmbed: Mlp;
  private readonly targetHead: Mlp;
  private readonly params: Float32Array;
  private readonly grads: Float32Array;
  private readonly o: Required<Omit<IqnOptions, "hiddenSizes" | "seed">>;
  private readonly rng: Rng;
  private readonly nStep: NStepAccumulator<number>;
  private readonly h: number;
  envSteps = 0;
  gradientSteps = 0;
  lastLoss = Number.NaN;

  constructor(obsDim: number, numActions: number, opts: IqnOptions = {}) {
    assertInteger(obsDim, "obsDim", { min: 1 });
    assertInteger(numActions, "numActions", { min: 1 });
    const hidden = resolveHiddenSizes(opts.hiddenSizes, [512, 512]);
    this.o = {
      quantileEmbeddingSize: opts.quantileEmbeddingSize ?? 64,
      numTauSamples: opts.numTauSamples ?? 64,
      numTauPrimeSamples: opts.numTauPrimeSamples ?? 64,
      numQuantileSamples: opts.numQuantileSamples ?? 32,
      kappa: opts.kappa ?? 1,
      updateHorizon: opts.updateHorizon ?? 3,
      ...resolveValueAgentSchedule(opts),
      optimizer: opts.optimizer ?? "adam",
      learningRate: opts.learningRate ?? 5e-5,
      optimizerEpsilon: opts.optimizerEpsilon ?? 3.125e-4,
      init: opts.init ?? "glorot",
    };
    const o = this.o;
    assertInteger(o.quantileEmbeddingSize, "quantileEmbeddingSize", { min: 1 });
    assertInteger(o.numTauSamples, "numTauSamples", { min: 1 });
    assertInteger(o.numTauPrimeSamples, "numTauPrimeSamples", { min: 1 });
    assertInteger(o.numQuantileSamples, "numQuantileSamples", { min: 1 });
    assertPositive(o.kappa, "kappa");
    assertInteger(o.updateHorizon, "updateHorizon", { min: 1, max: 255 });
    validateValueAgentSchedule(o);
    assertPositive(o.learningRate, "learningRate");
    this.rng = new Rng(opts.seed ?? 0);
    this.numActions = numActions;
    this.h = hidden[hidden.length - 1] as number;
    // φ(s): ReLU applied to the torso's output by this class
    this.torso = new Mlp({ sizes: [obsDim, ...hidden], init: o.init, rng: this.rng });
    this.embed = new Mlp({ sizes: [o.quantileEmbeddingSize, this.h], init: o.init, rng: this.rng });
    this.head = new Mlp({ sizes: [this.h, this.h, numActions], init: o.init, rng: this.rng });
    this.targetTorso = this.torso.clone();
    this.targetEmbed = this.embed.clone();
    this.targetHead = this.head.clone();
    this.params = new Float32Array(this.torso.size + this.embed.size + this.head.size);
    this.grads = new Float32Array(this.params.length);
    this.optimizer = createOptimizer(o.optimizer, {
      learningRate: o.learningRate,
      epsilon: o.optimizerEpsilon,
    });
    this.replay = new ReplayBuffer({ capacity: o.replayCapacity, obsDim });
    this.nStep = new NStepAccumulator<number>(o.updateHorizon, o.gamma);
  }

  get optimizers(): readonly Optimizer[] {
    return [this.optimizer];
  }

  /** Dopamine's linearly decaying ε (as {@link DqnAgent}). */
  epsilon(): number {
    return linearlyDecayingEpsilon(this.o, this.envSteps);
  }

  /** Z_τ(s, ·) for the given τs of one state: taus.length × numActions values. */
  quantiles(obs: ArrayLike<number>, taus: readonly number[]): Float32Array {
    assertObservation(obs, this.replay.obsDim);
    return Float32Array.from(
      this.forward(this.torso, this.embed, this.head, Float32Array.from(obs), 1, taus.length, taus),
    );
  }

  /** Q(s, a) ≈ mean over K fresh τ ~ U(0, 1) of Z_τ(s, a) (the greedy criterion). */
  qValues(obs: ArrayLike<number>): Float64Array {
    assertObservation(obs, this.replay.obsDim);
    const K = this.o.numQuantileSamples;
    const taus = Array.from({ length: K }, () => this.rng.float());
    const z = this.forward(this.torso, this.embed, this.head, Float32Array.from(obs), 1, taus.length, taus);
    const q = new Float64Array(this.numActions);
    for (let k = 0; k < K; k++)
      for (let a = 0; a < this.numActions; a++)
        q[a] = (q[a] as number) + (z[k * this.numActions + a] as number) / K;
    return q;
  }

  act(obs: Float64Array, opts: { explore?: boolean } = {}): number {
    const eps = opts.explore === false ? this.o.epsilonEval : this.epsilon();
    if (this.rng.float() < eps) return this.rng.int(0, this.numActions);
    const q = this.qValues(obs);
    let best = 0;
    for (let a = 1; a < q.length; a++) if ((q[a] as number) > (q[best] as number)) best = a;
    return best;
  }

  observe(t: Transition<number>): void {
    assertTransition(t);
    assertDiscreteAction(t.action, this.numActions);
    assertObservation(t.obs, this.replay.obsDim, "obs");
    assertObservation(t.nextObs, this.replay.obsDim, "nextObs");
    for (const tr of this.nStep.push(t.obs, t.action, t.reward, t.nextObs, t.terminated, t.truncated)) {
      this.replay.add(tr.obs, tr.action, tr.reward, tr.nextObs, tr.terminated, tr.steps);
    }
    this.envSteps += 1;
    const o = this.o;
    if (this.replay.size > o.minReplay && this.envSteps % o.updatePeriod === 0) this.update();
    if (this.envSteps % o.targetUpdatePeriod === 0) {
      this.targetTorso.copyFrom(this.torso);
      this.targetEmbed.copyFrom(this.embed);
      this.targetHead.copyFrom(this.head);
      this.optimizer.onTargetUpdate?.();
    }
  }

  /** Z for B states × N taus (`taus` holds B·N values, row-major (b, n)); rows (b, n) of the output. */
  private forward(
    torso: Mlp,
    embed: Mlp,
    head: Mlp,
    x: Float32Array,
    B: number,
    N: number,
    taus: ArrayLike<number>,
  ): Float32Array {
    const h = this.h;
    const E = this.o.quantileEmbeddingSize;
    // ReLU applied in place on the output views: a linear output layer's backward never reads them
    const phi = torso.forward(x, B);
    for (let i = 0; i < phi.length; i++) if ((phi[i] as number) < 0) phi[i] = 0;
    const { cosF, z } = this.forwardScratch(B * N);
    for (let r = 0; r < B * N; r++) {
      const tau = taus[r] as number;
      for (let i = 0; i < E; i++) cosF[r * E + i] = Math.cos(Math.PI * i * tau);
    }
    const psi = embed.forward(cosF, B * N);
    for (let i = 0; i < psi.length; i++) if ((psi[i] as number) < 0) psi[i] = 0;
    for (let b = 0; b < B; b++) {
      for (let n = 0; n < N; n++) {
        const r = b * N + n;
        for (let j = 0; j < h; j++) z[r * h + j] = (phi[b * h + j] as number) * (psi[r * h + j] as number);
      }
    }
    this.fwdPhi = phi;
    this.fwdPsi = psi;
    return head.forward(z, B * N);
  }

  /** One quantile-regression update (docs/method.md §A.7). */
  update(): number {
    const o = this.o;
    const B = o.batchSize;
    const A = this.numActions;
    const N = o.numTauSamples;
    const Np = o.numTauPrimeSamples;
    const K = o.numQuantileSamples;
    const batch = this.replay.sample(B, this.rng);
    // a* = argmax_a mean_k Z_{τ̃_k}(s', a) with the target network (Dopamine)
    const tauK = Float64Array.from({ length: B * K }, () => this.rng.float());
    const zk = this.forward(this.targetTorso, this.targetEmbed, this.targetHead, batch.nextObs, B, K, tauK);
    const aStar = new Int32Array(B);
    for (let b = 0; b < B; b++) {
      let best = 0;
      let bestV = Number.NEGATIVE_INFINITY;
      for (let a = 0; a < A; a++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += zk[(b * K + k) * A + a] as number;
        if (s > bestV) {
          bestV = s;
          best = a;
        }
      }
      aStar[b] = best;
    }
    const tauP = Float64Array.from({ length: B * Np }, () => this.rng.float());
    const zp = this.forward(this.targetTorso, this.targetEmbed, this.targetHead, batch.nextObs, B, Np, tauP);
    const y = new Float64Array(B * Np);
    for (let b = 0; b < B; b++) {
      const disc = batch.terminated[b] ? 0 : o.gamma ** (batch.steps[b] as number);
      for (let j = 0; j < Np; j++)
        y[b * Np + j] =
          (batch.rewards[b] as number) + disc * (zp[(b * Np + j) * A + (aStar[b] as number)] as number);
    }
    const tau = Float64Array.from({ length: B * N }, () => this.rng.float());
    const z = this.forward(this.torso, this.embed, this.head, batch.obs, B, N, tau);
    const dOut = new Float32Array(B * N * A);
    const kappa = o.kappa;
    let loss = 0;
    for (let b = 0; b < B; b++) {
      const a = batch.actions[b] as number;
      for (let i = 0; i < N; i++) {
        const zi = z[(b * N + i) * A + a] as number;
        const ti = tau[b * N + i] as number;
        let g = 0;
        for (let j = 0; j < Np; j++) {
          const d = (y[b * Np + j] as number) - zi;
          const ad = Math.abs(d);
          const w = Math.abs(ti - (d < 0 ? 1 : 0));
          loss += (w * (ad <= kappa ? 0.5 * d * d : kappa * (ad - 0.5 * kappa))) / kappa;
          // ∂ρ/∂Z_i = −w·clip(δ, −κ, κ)/κ
          g -= (w * Math.min(Math.max(d, -kappa), kappa)) / kappa;
        }
        dOut[(b * N + i) * A + a] = g / (Np * B);
      }
    }
    this.backward(dOut, B, N);
    this.optimizer.step(this.params, this.grads);
    this.unpackParams();
    this.gradientSteps += 1;
    this.lastLoss = loss / (Np * B);
    return this.lastLoss;
  }

  /** Backprop through head, the product and both branches; packs gradients and parameters. */
  private backward(dOut: Float32Array, B: number, N: number): void {
    const h = this.h;
    this.torso.zeroGrad();
    this.embed.zeroGrad();
    this.head.zeroGrad();
    const dz = this.head.backward(dOut);
    // φ and ψ (after ReLU) of the online forward that produced dOut
    const phi = this.fwdPhi;
    const psi = this.fwdPsi;
    const dphi = new Float32Array(B * h);
    const dpsi = new Float32Array(B * N * h);
    for (let b = 0; b < B; b++) {
      for (let n = 0; n < N; n++) {
        const r = b * N + n;
        for (let j = 0; j < h; j++) {
          const d = dz[r * h + j] as number;
          dpsi[r * h + j] = (psi[r * h + j] as number) > 0 ? d * (phi[b * h + j] as number) : 0;
          dphi[b * h + j] = (dphi[b * h + j] as number) + d * (psi[r * h + j] as number);
        }
      }
    }
    for (let i = 0; i < dphi.length; i++) if (!((phi[i] as number) > 0)) dphi[i] = 0;
    this.embed.backward(dpsi);
    this.torso.backward(dphi);
    let off = 0;
    for (const net of [this.torso, this.embed, this.head]) {
      this.params.set(net.params, off);
      this.grads.set(net.grads, off);
      off += net.size;
    }
  }

  private unpackParams(): void {
    let off = 0;
    for (const net of [this.torso, this.embed, this.head]) {
      net.params.set(this.params.subarray(off, off + net.size));
      off += net.size;
    }
  }

  /** The cos features and φ⊙ψ rows of {@link forward}, allocated once per row count (as Mlp's workspaces). */
  private forwardScratch(rows: number): { cosF: Float32Array; z: Float32Array } {
    let s = this.scratch.get(rows);
    if (s === undefined) {
      s = {
        cosF: new Float32Array(rows * this.o.quantileEmbeddingSize),
        z: new Float32Array(rows * this.h),
      };
      this.scratch.set(rows, s);
    }
    return s;
  }

  private readonly scratch = new Map<number, { cosF: Float32Array; z: Float32Array }>();
  private fwdPhi: Float32Array<ArrayBufferLike> = new Float32Array(0);
  private fwdPsi: Float32Array<ArrayBufferLike> = new Float32Array(0);
}
