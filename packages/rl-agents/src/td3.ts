/**
 * TD3 (Fujimoto et al. 2018) with the reference code's defaults (docs/method.md §A.8) on the `ts` MLP backend:
 * a deterministic tanh actor scaled to the action bound, twin critics with clipped double-Q targets,
 * target-policy smoothing, delayed actor updates and Polyak-averaged targets. Part C (SAVO) builds on it.
 */
import {
  assertInRange,
  assertInteger,
  assertNonNegative,
  assertPositive,
  DescentError,
  Rng,
} from "@descent/core-tensor";
import { assertObservation, assertTransition, type LearningAgent, type Transition } from "./agent.js";
import { type DenseNetwork, type MlpInit, resolveHiddenSizes } from "./mlp.js";
import { Adam, type Optimizer } from "./optimizers.js";
import { ReplayBuffer } from "./replay-buffer.js";
import { createNetwork, type NetworkBackend, resolveNetworkBackend } from "./tfjs-mlp.js";
import { twinCriticStep } from "./twin-critic-step.js";

/** Options of {@link Td3Agent}; defaults are the TD3 reference code's (docs/method.md §A.8). */
export interface Td3Options {
  /** Hidden widths of actor and critics = [256, 256]. */
  hiddenSizes?: readonly number[];
  /** γ = 0.99. */
  gamma?: number;
  /** Polyak factor τ = 0.005. */
  tau?: number;
  /** Target-policy noise σ_tgt = 0.2 (× maxAction). */
  policyNoise?: number;
  /** Target-noise clip c = 0.5 (× maxAction). */
  noiseClip?: number;
  /** Actor and target updates every d = 2 critic updates. */
  policyDelay?: number;
  /** Exploration noise σ_expl = 0.1 (× maxAction). */
  explorationNoise?: number;
  /** Uniform random actions for the first 25 000 steps; updates start after them. */
  startSteps?: number;
  /** Batch size = 256. */
  batchSize?: number;
  /** Replay capacity = 1 000 000. */
  replayCapacity?: number;
  /** Actor Adam learning rate = 3e-4. */
  actorLearningRate?: number;
  /** Critic Adam learning rate = 3e-4. */
  criticLearningRate?: number;
  /** Weight init = 'torch' (PyTorch's nn.Linear default, as in the reference code). */
  init?: MlpInit;
  /**
   * Network backend (docs/method.md §A.5): `'auto'` (default: `'tfjs'` from the measured crossover size up, decided on
   * the critic, when tfjs runs on wasm, else `'ts'`; see `resolveNetworkBackend`), `'ts'` (hand-written
   * backprop, fastest for small nets) or `'tfjs'` (tfjs with core-tensor's `dense` layer; call
   * `initBackend()` first).
   */
  backend?: NetworkBackend;
  /** Seed of the agent's stream (weights, exploration noise, replay sampling). */
  seed?: number;
}

/** Statistics of the last update. */
export interface Td3UpdateStats {
  criticLoss: number;
  /** −mean Q1(s, μ(s)) of the last actor update (NaN before the first one). */
  actorLoss: number;
}

/** A TD3 agent (docs/method.md §A.8) for a box action space symmetric around 0 (|a_i| ≤ maxAction_i). */
export class Td3Agent implements LearningAgent<Float64Array> {
  readonly actor: DenseNetwork;
  readonly actorTarget: DenseNetwork;
  readonly critic1: DenseNetwork;
  readonly critic2: DenseNetwork;
  readonly critic1Target: DenseNetwork;
  readonly critic2Target: DenseNetwork;
  readonly actorOptimizer: Adam;
  readonly critic1Optimizer: Adam;
  readonly critic2Optimizer: Adam;
  readonly replay: ReplayBuffer;
  readonly maxAction: Float64Array;
  private readonly o: Required<Omit<Td3Options, "hiddenSizes" | "seed" | "backend">>;
  private readonly rng: Rng;
  private readonly obsDim: number;
  private readonly actDim: number;
  private readonly obsF32: Float32Array;
  // update() buffers, allocated once: critic inputs [s', a'] and [s, a], targets y, dL/dQ, dL/dμ
  private readonly xNext: Float32Array;
  private readonly x: Float32Array;
  private readonly y: Float32Array;
  private readonly dq: Float32Array;
  private readonly da: Float32Array;
  private criticUpdates = 0;
  envSteps = 0;
  gradientSteps = 0;
  lastUpdate: Td3UpdateStats = { criticLoss: Number.NaN, actorLoss: Number.NaN };

  /**
   * @param obsDim observation length.
   * @param maxAction per-dimension action bound (actions lie in [−maxAction, maxAction]).
   */
  constructor(obsDim: number, maxAction: ArrayLike<number>, opts: Td3Options = {}) {
    assertInteger(obsDim, "obsDim", { min: 1 });
    if (maxAction === null || typeof maxAction !== "object" || maxAction.length === 0) {
      throw new DescentError("maxAction must be a non-empty array of positive bounds", {
        parameter: "maxAction",
        code: "empty",
      });
    }
    for (let i = 0; i < maxAction.length; i++) assertPositive(maxAction[i], `maxAction[${i}]`);
    const hidden = resolveHiddenSizes(opts.hiddenSizes, [256, 256]);
    this.o = {
      gamma: opts.gamma ?? 0.99,
      tau: opts.tau ?? 0.005,
      policyNoise: opts.policyNoise ?? 0.2,
      noiseClip: opts.noiseClip ?? 0.5,
      policyDelay: opts.policyDelay ?? 2,
      explorationNoise: opts.explorationNoise ?? 0.1,
      startSteps: opts.startSteps ?? 25_000,
      batchSize: opts.batchSize ?? 256,
      replayCapacity: opts.replayCapacity ?? 1_000_000,
      actorLearningRate: opts.actorLearningRate ?? 3e-4,
      criticLearningRate: opts.criticLearningRate ?? 3e-4,
      init: opts.init ?? "torch",
    };
    const o = this.o;
    assertInRange(o.gamma, "gamma", { min: 0, max: 1 });
    assertInRange(o.tau, "tau", { min: 0, max: 1, exclusiveMin: true });
    assertNonNegative(o.policyNoise, "policyNoise");
    assertNonNegative(o.noiseClip, "noiseClip");
    assertInteger(o.policyDelay, "policyDelay", { min: 1 });
    assertNonNegative(o.explorationNoise, "explorationNoise");
    assertInteger(o.startSteps, "startSteps", { min: 0 });
    assertInteger(o.batchSize, "batchSize", { min: 1 });
    assertInteger(o.replayCapacity, "replayCapacity", { min: 1 });
    assertPositive(o.actorLearningRate, "actorLearningRate");
    assertPositive(o.criticLearningRate, "criticLearningRate");
    this.rng = new Rng(opts.seed ?? 0);
    // the critics are the largest nets and take two of the three backward passes per update
    const backend = resolveNetworkBackend(
      opts.backend ?? "auto",
      [obsDim + maxAction.length, ...hidden, 1],
      o.batchSize,
    );
    this.obsDim = obsDim;
    this.actDim = maxAction.length;
    this.maxAction = Float64Array.from(maxAction);
    this.actor = createNetwork(backend, {
      sizes: [obsDim, ...hidden, this.actDim],
      output: "tanh",
      init: o.init,
      rng: this.rng,
    });
    this.critic1 = createNetwork(backend, {
      sizes: [obsDim + this.actDim, ...hidden, 1],
      init: o.init,
      rng: this.rng,
    });
    this.critic2 = createNetwork(backend, {
      sizes: [obsDim + this.actDim, ...hidden, 1],
      init: o.init,
      rng: this.rng,
    });
    this.actorTarget = this.actor.clone();
    this.critic1Target = this.critic1.clone();
    this.critic2Target = this.critic2.clone();
    this.actorOptimizer = new Adam({ learningRate: o.actorLearningRate });
    this.critic1Optimizer = new Adam({ learningRate: o.criticLearningRate });
    this.critic2Optimizer = new Adam({ learningRate: o.criticLearningRate });
    this.replay = new ReplayBuffer({ capacity: o.replayCapacity, obsDim, actionDim: this.actDim });
    this.obsF32 = new Float32Array(obsDim);
    const B = o.batchSize;
    this.xNext = new Float32Array(B * (obsDim + this.actDim));
    this.x = new Float32Array(B * (obsDim + this.actDim));
    this.y = new Float32Array(B);
    this.dq = new Float32Array(B);
    this.da = new Float32Array(B * this.actDim);
  }

  get optimizers(): readonly Optimizer[] {
    return [this.actorOptimizer, this.critic1Optimizer, this.critic2Optimizer];
  }

  /** μ(obs) scaled to the bounds, without noise. */
  policy(obs: ArrayLike<number>): Float64Array {
    assertObservation(obs, this.obsDim);
    for (let i = 0; i < this.obsDim; i++) this.obsF32[i] = obs[i] as number;
    const y = this.actor.forward(this.obsF32, 1);
    const a = new Float64Array(this.actDim);
    for (let j = 0; j < this.actDim; j++) a[j] = (y[j] as number) * (this.maxAction[j] as number);
    return a;
  }

  /** Q1(obs, action). */
  qValue(obs: ArrayLike<number>, action: ArrayLike<number>): number {
    assertObservation(obs, this.obsDim);
    assertObservation(action, this.actDim, "action");
    const x = new Float32Array(this.obsDim + this.actDim);
    for (let i = 0; i < this.obsDim; i++) x[i] = obs[i] as number;
    for (let j = 0; j < this.actDim; j++) x[this.obsDim + j] = action[j] as number;
    return this.critic1.forward(x, 1)[0] as number;
  }

  /** docs/method.md §A.8 step 1: uniform before `startSteps`, then μ(s) + N(0, (σ_expl·maxAction)²), clipped. */
  act(obs: Float64Array, opts: { explore?: boolean } = {}): Float64Array {
    assertObservation(obs, this.obsDim);
    const explore = opts.explore !== false;
    if (explore && this.envSteps < this.o.startSteps) {
      const a = new Float64Array(this.actDim);
      for (let j = 0; j < this.actDim; j++) {
        const m = this.maxAction[j] as number;
        a[j] = this.rng.uniform(-m, m);
      }
      return a;
    }
    const a = this.policy(obs);
    if (explore) {
      for (let j = 0; j < this.actDim; j++) {
        const m = this.maxAction[j] as number;
        a[j] = clip((a[j] as number) + this.rng.normal(0, this.o.explorationNoise * m), -m, m);
      }
    }
    return a;
  }

  observe(t: Transition<Float64Array>): void {
    assertTransition(t);
    this.replay.add(t.obs, t.action, t.reward, t.nextObs, t.terminated);
    this.envSteps += 1;
    // the reference code trains once per step from its 0-based step t = startSteps on
    if (this.envSteps > this.o.startSteps) this.update();
  }

  /** One TD3 update (docs/method.md §A.8 steps 2-5). */
  update(): Td3UpdateStats {
    const o = this.o;
    const B = o.batchSize;
    const dO = this.obsDim;
    const dA = this.actDim;
    const batch = this.replay.sample(B, this.rng);
    // target actions with clipped smoothing noise (step 3)
    const mu = this.actorTarget.forward(batch.nextObs, B);
    const { xNext, x, y, dq, da } = this;
    for (let r = 0; r < B; r++) {
      for (let i = 0; i < dO; i++) {
        xNext[r * (dO + dA) + i] = batch.nextObs[r * dO + i] as number;
        x[r * (dO + dA) + i] = batch.obs[r * dO + i] as number;
      }
      for (let j = 0; j < dA; j++) {
        const m = this.maxAction[j] as number;
        const noise = clip(this.rng.normal(0, o.policyNoise * m), -o.noiseClip * m, o.noiseClip * m);
        xNext[r * (dO + dA) + dO + j] = clip((mu[r * dA + j] as number) * m + noise, -m, m);
        x[r * (dO + dA) + dO + j] = batch.continuousActions[r * dA + j] as number;
      }
    }
    const criticLoss = twinCriticStep(this, x, xNext, batch.rewards, batch.terminated, o.gamma, B, y, dq);
    this.criticUpdates += 1;
    this.gradientSteps += 1;
    let actorLoss = this.lastUpdate.actorLoss;
    if (this.criticUpdates % o.policyDelay === 0) {
      // actor step (step 5): ascend Q1(s, μ(s)); backprop −1/B through the critic to the action input
      const a = this.actor.forward(batch.obs, B);
      for (let r = 0; r < B; r++) {
        for (let j = 0; j < dA; j++)
          x[r * (dO + dA) + dO + j] = (a[r * dA + j] as number) * (this.maxAction[j] as number);
      }
      const q = this.critic1.forward(x, B);
      actorLoss = 0;
      for (let r = 0; r < B; r++) actorLoss -= (q[r] as number) / B;
      dq.fill(-1 / B);
      // dQ/da only: the critic is not updated by the actor loss
      const dx = this.critic1.inputGradient(dq);
      for (let r = 0; r < B; r++) {
        for (let j = 0; j < dA; j++)
          da[r * dA + j] = (dx[r * (dO + dA) + dO + j] as number) * (this.maxAction[j] as number);
      }
      this.actor.zeroGrad();
      this.actor.backward(da);
      this.actorOptimizer.step(this.actor.params, this.actor.grads);
      this.actorTarget.softUpdateFrom(this.actor, o.tau);
      this.critic1Target.softUpdateFrom(this.critic1, o.tau);
      this.critic2Target.softUpdateFrom(this.critic2, o.tau);
    }
    this.lastUpdate = { criticLoss, actorLoss };
    return this.lastUpdate;
  }
}

function clip(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}
