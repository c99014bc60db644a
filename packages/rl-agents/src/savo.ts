/**
 * SAVO-TD3, successive actors for value optimization (Jain et al., "Mitigating Suboptimality of
 * Deterministic Policy Gradients in Complex Q-functions", RLC 2025; docs/savo.md). k actors propose
 * actions one after the other; actor i sees the earlier proposals a_{<i} and ascends a learned surrogate
 * Ψ̂_i of the truncated landscape max(Q(s,·), max_{j<i} Q(s, a_j)), so later actors look for regions
 * better than what earlier ones found. The executed action is the proposal with the largest Q-value.
 * Everything else is TD3 (twin critics, target smoothing, delayed actor updates, Polyak targets); with one
 * actor and no surrogates the updates are TD3's, bit for bit.
 *
 * Continuous actions in [−maxAction, maxAction], or a discrete item set embedded in ℝ^d: proposals are
 * then mapped to their nearest item (1-NN) before Q evaluates them, and the replay stores the item's
 * embedding.
 */
import {
  assertInRange,
  assertInteger,
  assertKnownOptions,
  assertNonNegative,
  assertOneOf,
  assertPositive,
  DescentError,
  Rng,
} from "@descent/core-tensor";
import type { LearningAgent, Transition } from "./agent.js";
import { ConditionedNetwork, type Conditioning } from "./conditioned-network.js";
import {
  assertEmbeddedActionSpec,
  type EmbeddedDiscreteActionSpec,
  nearestItem,
  nearestNeighbors,
} from "./embedded-actions.js";
import { type DenseNetwork, resolveHiddenSizes } from "./mlp.js";
import { Adam, type Optimizer } from "./optimizers.js";
import { ReplayBuffer } from "./replay-buffer.js";
import type { Td3Options } from "./td3.js";
import { createNetwork } from "./tfjs-mlp.js";
import { truncatedSurrogate } from "./truncated-surrogate.js";
import { twinCriticStep } from "./twin-critic-step.js";

/** The mix of actions at which Ψ̂_i is fitted (our choice; docs/savo.md, "surrogate sampling"). */
export interface SurrogateSampling {
  /** Weight of replay actions = 1. */
  buffer: number;
  /** Weight of actions around actor i's proposal = 1. */
  aroundActor: number;
  /** Weight of uniform actions over the action box = 1. */
  uniform: number;
  /** Standard deviation of the around-actor noise, in units of maxAction = 0.2. */
  noise: number;
}

/**
 * A known action-value function used instead of the learned critic for acting and for the actor and
 * surrogate updates (the "oracle critic" regime of the multimodal task; docs/savo.md, C-R1).
 */
export interface ActionValueOracle {
  value(obs: ArrayLike<number>, action: ArrayLike<number>): number;
  /** The value; writes ∂value/∂action into `grad`. */
  gradient(obs: ArrayLike<number>, action: ArrayLike<number>, grad: Float64Array): number;
}

/** Options of {@link SavoAgent}; TD3's options keep their defaults (reference-code values). */
export interface SavoOptions extends Td3Options {
  /** Number of successive actors k = 3 (our default; the paper reports gains growing with k, then levelling off). */
  numActors?: number;
  /** Train actors i ≥ 1 on learned surrogates Ψ̂_i (true) or on Q itself ("SAVO − surrogates", false). */
  surrogates?: boolean;
  /**
   * How actor i and Ψ̂_i see a_{<i}: `'deepset'` (default), `'lstm'`, `'concat'` or `'none'` (our choice:
   * the paper conditions each actor on the earlier actions but its mechanism is ours).
   */
  conditioning?: Conditioning;
  /** Sampling mix of the surrogate fit = { buffer: 1, aroundActor: 1, uniform: 1, noise: 0.2 }. */
  surrogateSampling?: Partial<SurrogateSampling>;
  /** Surrogate Adam learning rate = 3e-4. */
  surrogateLearningRate?: number;
  /** Width of the deep-set summary = 64. */
  summaryWidth?: number;
  /** A known action-value function replacing Q1 for acting and for actor/surrogate training. */
  valueOracle?: ActionValueOracle;
  /**
   * Weight λ of a penalty λ·mean_batch ‖z_i‖² on the pre-tanh outputs z_i of the successor actors ν_1…ν_{k−1}
   * = 1e-2 (our choice, not in the paper; docs/savo.md, "successor penalty"). On a truncated surrogate
   * the landscape below the plateau is flat, so Ψ̂_i's gradient there is fitting noise that can push a
   * successor to the action bounds, where tanh saturates, its gradient vanishes and it stays stuck (its
   * proposal is then never selected). The penalty keeps successors out of saturation. Actor 0 is never
   * penalised (TD3's update is unchanged); 0 switches the penalty off.
   */
  successorPenalty?: number;
  /**
   * Embedded items only: candidate items per proposal = 1. Each proto-action is mapped to its
   * `neighbours` nearest items and the one with the largest Q1 among them is the proposal's action
   * (Wolpertinger's k-NN step, Dulac-Arnold et al. 2015; the TD target scores candidates with
   * min(Q1', Q2')). 1 is SAVO's 1-NN mapping; see {@link createWolpertinger}.
   */
  neighbours?: number;
}

/** Every key of {@link SavoOptions} (the Record type keeps the list complete). @internal */
export const SAVO_OPTION_KEYS: readonly (keyof SavoOptions)[] = Object.keys({
  hiddenSizes: true,
  gamma: true,
  tau: true,
  policyNoise: true,
  noiseClip: true,
  policyDelay: true,
  explorationNoise: true,
  startSteps: true,
  batchSize: true,
  replayCapacity: true,
  actorLearningRate: true,
  criticLearningRate: true,
  init: true,
  backend: true,
  seed: true,
  numActors: true,
  surrogates: true,
  conditioning: true,
  surrogateSampling: true,
  surrogateLearningRate: true,
  summaryWidth: true,
  valueOracle: true,
  successorPenalty: true,
  neighbours: true,
} satisfies Record<keyof SavoOptions, true>) as (keyof SavoOptions)[];

/** What {@link SavoAgent.proposals} returns. */
export interface SavoProposals {
  /** Each actor's proposal a_i (mapped to its item's embedding for embedded actions). */
  actions: Float64Array[];
  /** Q1(s, a_i) of each proposal (or the oracle's value). */
  q: number[];
  /** Index of the executed proposal (the Q-argmax; the lowest index on ties). */
  chosen: number;
  /** Item index of each proposal (embedded actions only). */
  items?: number[];
}

/** Statistics of the last update. */
export interface SavoUpdateStats {
  criticLoss: number;
  /** −mean Q1(s, ν_0(s)) of the last actor update (NaN before the first one). */
  actorLoss: number;
  /** Mean squared error of each surrogate fit Ψ̂_1…Ψ̂_{k−1} in the last actor update. */
  surrogateLosses: number[];
}

/** SAVO-TD3 (Jain et al. 2025; docs/savo.md). `A` is Float64Array for box actions, number for items. */
export class SavoAgent<A extends Float64Array | number = Float64Array> implements LearningAgent<A> {
  readonly actors: ConditionedNetwork[];
  readonly actorTargets: ConditionedNetwork[];
  /** Ψ̂_1…Ψ̂_{k−1} at indices 1…k−1 (index 0 is Q itself); empty without surrogates. */
  readonly surrogateNetworks: (ConditionedNetwork | null)[];
  readonly critic1: DenseNetwork;
  readonly critic2: DenseNetwork;
  readonly critic1Target: DenseNetwork;
  readonly critic2Target: DenseNetwork;
  readonly critic1Optimizer: Adam;
  readonly critic2Optimizer: Adam;
  readonly replay: ReplayBuffer;
  readonly maxAction: Float64Array;
  readonly numActors: number;
  /** The embedded item set (discrete variant) or null. */
  readonly items: EmbeddedDiscreteActionSpec | null;
  private readonly actorOptimizers: Adam[][];
  private readonly surrogateOptimizers: (Adam[] | null)[];
  private readonly o: {
    gamma: number;
    tau: number;
    policyNoise: number;
    noiseClip: number;
    policyDelay: number;
    explorationNoise: number;
    startSteps: number;
    batchSize: number;
    surrogates: boolean;
    sampling: SurrogateSampling;
    successorPenalty: number;
    neighbours: number;
  };
  private readonly oracle: ActionValueOracle | null;
  private readonly rng: Rng;
  private readonly obsDim: number;
  private readonly actDim: number;
  private readonly obsF32: Float32Array;
  private readonly xNext: Float32Array;
  private readonly x: Float32Array;
  private readonly y: Float32Array;
  private readonly dq: Float32Array;
  private criticUpdates = 0;
  envSteps = 0;
  gradientSteps = 0;
  lastUpdate: SavoUpdateStats = { criticLoss: Number.NaN, actorLoss: Number.NaN, surrogateLosses: [] };

  /**
   * @param obsDim observation length.
   * @param action per-dimension bounds of a box action space symmetric around 0, or an embedded item set.
   */
  constructor(
    obsDim: number,
    action: ArrayLike<number> | EmbeddedDiscreteActionSpec,
    opts: SavoOptions = {},
  ) {
    assertKnownOptions(opts, SAVO_OPTION_KEYS);
    assertInteger(obsDim, "obsDim", { min: 1 });
    const k = opts.numActors ?? 3;
    assertInteger(k, "numActors", { min: 1 });
    if (
      action !== null &&
      typeof action === "object" &&
      (action as EmbeddedDiscreteActionSpec).kind === "embedded"
    ) {
      const spec = action as EmbeddedDiscreteActionSpec;
      assertEmbeddedActionSpec(spec, "action");
      this.items = spec;
      // proto-actions live in the box spanned by the embeddings
      const m = new Float64Array(spec.dim);
      for (let i = 0; i < spec.embeddings.length; i++) {
        const j = i % spec.dim;
        m[j] = Math.max(m[j] as number, Math.abs(spec.embeddings[i] as number));
      }
      for (let j = 0; j < spec.dim; j++) if (!((m[j] as number) > 0)) m[j] = 1;
      this.maxAction = m;
    } else {
      const bounds = action as ArrayLike<number>;
      if (bounds === null || typeof bounds !== "object" || bounds.length === 0) {
        throw new DescentError("action must be non-empty action bounds or an embedded item set", {
          parameter: "action",
          code: "empty",
        });
      }
      for (let i = 0; i < bounds.length; i++) assertPositive(bounds[i], `action[${i}]`);
      this.items = null;
      this.maxAction = Float64Array.from(bounds);
    }
    const hidden = resolveHiddenSizes(opts.hiddenSizes, [256, 256]);
    const s = opts.surrogateSampling ?? {};
    this.o = {
      gamma: opts.gamma ?? 0.99,
      tau: opts.tau ?? 0.005,
      policyNoise: opts.policyNoise ?? 0.2,
      noiseClip: opts.noiseClip ?? 0.5,
      policyDelay: opts.policyDelay ?? 2,
      explorationNoise: opts.explorationNoise ?? 0.1,
      startSteps: opts.startSteps ?? 25_000,
      batchSize: opts.batchSize ?? 256,
      surrogates: opts.surrogates ?? true,
      successorPenalty: opts.successorPenalty ?? 1e-2,
      neighbours: opts.neighbours ?? 1,
      sampling: {
        buffer: s.buffer ?? 1,
        aroundActor: s.aroundActor ?? 1,
        uniform: s.uniform ?? 1,
        noise: s.noise ?? 0.2,
      },
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
    assertNonNegative(o.sampling.buffer, "surrogateSampling.buffer");
    assertNonNegative(o.sampling.aroundActor, "surrogateSampling.aroundActor");
    assertNonNegative(o.sampling.uniform, "surrogateSampling.uniform");
    assertNonNegative(o.sampling.noise, "surrogateSampling.noise");
    assertNonNegative(o.successorPenalty, "successorPenalty");
    assertInteger(o.neighbours, "neighbours", { min: 1, max: this.items === null ? 1 : this.items.n });
    if (o.sampling.buffer + o.sampling.aroundActor + o.sampling.uniform <= 0) {
      throw new DescentError("surrogateSampling needs a positive weight", {
        parameter: "surrogateSampling",
        code: "range",
      });
    }
    const conditioning = opts.conditioning ?? "deepset";
    assertOneOf(conditioning, "conditioning", ["deepset", "lstm", "concat", "none"] as const);
    const replayCapacity = opts.replayCapacity ?? 1_000_000;
    assertInteger(replayCapacity, "replayCapacity", { min: 1 });
    const actorLr = opts.actorLearningRate ?? 3e-4;
    const criticLr = opts.criticLearningRate ?? 3e-4;
    const surrogateLr = opts.surrogateLearningRate ?? 3e-4;
    assertPositive(actorLr, "actorLearningRate");
    assertPositive(criticLr, "criticLearningRate");
    assertPositive(surrogateLr, "surrogateLearningRate");
    const init = opts.init ?? "torch";
    const backend = opts.backend ?? "ts";
    this.oracle = opts.valueOracle ?? null;
    this.rng = new Rng(opts.seed ?? 0);
    this.numActors = k;
    this.obsDim = obsDim;
    const d = this.maxAction.length;
    this.actDim = d;
    const rng = this.rng;
    const conditioned = (inputDim: number, earlier: number, outputDim: number, output: "linear" | "tanh") =>
      new ConditionedNetwork({
        inputDim,
        actionDim: d,
        earlier,
        hiddenSizes: hidden,
        outputDim,
        output,
        conditioning,
        init,
        backend,
        rng,
        ...(opts.summaryWidth !== undefined ? { summaryWidth: opts.summaryWidth } : {}),
      });
    // draw order = TD3's (actor, critic 1, critic 2) first, so that k = 1 starts from TD3's weights
    const actor0 = conditioned(obsDim, 0, d, "tanh");
    this.critic1 = createNetwork(backend, { sizes: [obsDim + d, ...hidden, 1], init, rng });
    this.critic2 = createNetwork(backend, { sizes: [obsDim + d, ...hidden, 1], init, rng });
    this.actors = [actor0];
    for (let i = 1; i < k; i++) this.actors.push(conditioned(obsDim, i, d, "tanh"));
    this.surrogateNetworks = [null];
    for (let i = 1; i < k; i++)
      this.surrogateNetworks.push(o.surrogates ? conditioned(obsDim + d, i, 1, "linear") : null);
    this.actorTargets = this.actors.map((a) => a.clone());
    this.critic1Target = this.critic1.clone();
    this.critic2Target = this.critic2.clone();
    this.actorOptimizers = this.actors.map((a) => a.networks.map(() => new Adam({ learningRate: actorLr })));
    this.surrogateOptimizers = this.surrogateNetworks.map((net) =>
      net === null ? null : net.networks.map(() => new Adam({ learningRate: surrogateLr })),
    );
    this.critic1Optimizer = new Adam({ learningRate: criticLr });
    this.critic2Optimizer = new Adam({ learningRate: criticLr });
    this.replay = new ReplayBuffer({ capacity: replayCapacity, obsDim, actionDim: d });
    this.obsF32 = new Float32Array(obsDim);
    const B = o.batchSize;
    this.xNext = new Float32Array(B * (obsDim + d));
    this.x = new Float32Array(B * (obsDim + d));
    this.y = new Float32Array(B);
    this.dq = new Float32Array(B);
  }

  get optimizers(): readonly Optimizer[] {
    return [
      ...this.actorOptimizers.flat(),
      this.critic1Optimizer,
      this.critic2Optimizer,
      ...this.surrogateOptimizers.flatMap((x) => x ?? []),
    ];
  }

  /** Every actor's proposal at `obs`, their Q1-values and the executed one (the Q-argmax). */
  proposals(obs: ArrayLike<number>): SavoProposals {
    this.checkObs(obs);
    for (let i = 0; i < this.obsDim; i++) this.obsF32[i] = obs[i] as number;
    const p = this.proposeBatch(this.obsF32, 1, this.actors, true);
    const actions = p.evaluated.map((a) => Float64Array.from(a));
    // the executed action of actor 0 uses TD3's float64 scaling (bit-identical acting for k = 1)
    if (this.items === null) {
      const raw = p.raw[0] as Float32Array;
      const a0 = actions[0] as Float64Array;
      for (let j = 0; j < this.actDim; j++) a0[j] = (raw[j] as number) * (this.maxAction[j] as number);
    }
    const q = (p.q as Float32Array[]).map((v) => v[0] as number);
    let chosen = 0;
    for (let i = 1; i < q.length; i++) if ((q[i] as number) > (q[chosen] as number)) chosen = i;
    const out: SavoProposals = { actions, q, chosen };
    if (p.items !== null) out.items = p.items.map((v) => v[0] as number);
    return out;
  }

  /**
   * Ψ̂_i(obs, action; a_{<i}) with a_{<i} the current proposals at `obs` (for landscape plots); i = 0, or
   * any i without surrogates, gives Q1(obs, action).
   */
  surrogateValue(i: number, obs: ArrayLike<number>, action: ArrayLike<number>): number {
    assertInteger(i, "i", { min: 0, max: this.numActors - 1 });
    this.checkObs(obs);
    this.checkAction(action);
    const net = this.surrogateNetworks[i] ?? null;
    if (net === null) return this.valueAt(obs, action);
    const earlier = this.earlierAt(obs, i);
    const d = this.actDim;
    const x = new Float32Array(this.obsDim + d);
    for (let j = 0; j < this.obsDim; j++) x[j] = obs[j] as number;
    for (let j = 0; j < d; j++) x[this.obsDim + j] = action[j] as number;
    return net.forward(x, earlier, 1)[0] as number;
  }

  /** The analytic truncated surrogate Ψ_i(obs, action) = max(Q1(obs, action), max_{j<i} Q1(obs, a_j)). */
  surrogateTarget(i: number, obs: ArrayLike<number>, action: ArrayLike<number>): number {
    assertInteger(i, "i", { min: 0, max: this.numActors - 1 });
    this.checkAction(action);
    const p = this.proposals(obs);
    const psi = truncatedSurrogate<ArrayLike<number>>(
      (a: ArrayLike<number>) => this.valueAt(obs, this.mapAction(a)),
      p.actions.slice(0, i),
    );
    return psi(action);
  }

  /** Q1(obs, action) (the oracle's value when one is set); embedded actions are mapped to their item first. */
  qValue(obs: ArrayLike<number>, action: ArrayLike<number>): number {
    this.checkObs(obs);
    this.checkAction(action);
    return this.valueAt(obs, this.mapAction(action));
  }

  /** spec: uniform before `startSteps`, then the Q-argmax proposal + N(0, (σ_expl·maxAction)²), clipped. */
  act(obs: Float64Array, opts: { explore?: boolean } = {}): A {
    const explore = opts.explore !== false;
    const d = this.actDim;
    if (explore && this.envSteps < this.o.startSteps) {
      if (this.items !== null) return this.rng.int(0, this.items.n) as A;
      const a = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        const m = this.maxAction[j] as number;
        a[j] = this.rng.uniform(-m, m);
      }
      return a as A;
    }
    const p = this.proposals(obs);
    const a = Float64Array.from(p.actions[p.chosen] as Float64Array);
    if (explore) {
      // our choice: exploration noise on the selected action (after the argmax)
      for (let j = 0; j < d; j++) {
        const m = this.maxAction[j] as number;
        a[j] = clip((a[j] as number) + this.rng.normal(0, this.o.explorationNoise * m), -m, m);
      }
    }
    if (this.items !== null)
      return (explore ? nearestItem(a, this.items) : (p.items as number[])[p.chosen]) as A;
    return a as A;
  }

  observe(t: Transition<A>): void {
    let action: ArrayLike<number>;
    if (this.items !== null) {
      const item = t.action as number;
      if (!Number.isInteger(item) || item < 0 || item >= this.items.n) {
        throw new DescentError(
          `action must be an item index in [0, ${this.items.n}), received ${String(item)}`,
          {
            parameter: "action",
            code: "range",
          },
        );
      }
      action = this.items.embeddings.subarray(item * this.actDim, (item + 1) * this.actDim);
    } else {
      action = t.action as Float64Array;
      this.checkAction(action);
    }
    this.replay.add(t.obs, action, t.reward, t.nextObs, t.terminated);
    this.envSteps += 1;
    if (this.envSteps > this.o.startSteps) this.update();
  }

  /** One SAVO-TD3 update: the critic step, and every `policyDelay` critic steps the actor/surrogate step. */
  update(): SavoUpdateStats {
    const o = this.o;
    const B = o.batchSize;
    const dO = this.obsDim;
    const dA = this.actDim;
    const batch = this.replay.sample(B, this.rng);
    const next = this.targetActions(batch.nextObs, B);
    const { xNext, x, y, dq } = this;
    const smooth = this.items === null;
    for (let r = 0; r < B; r++) {
      for (let i = 0; i < dO; i++) {
        xNext[r * (dO + dA) + i] = batch.nextObs[r * dO + i] as number;
        x[r * (dO + dA) + i] = batch.obs[r * dO + i] as number;
      }
      for (let j = 0; j < dA; j++) {
        const m = this.maxAction[j] as number;
        if (smooth) {
          const noise = clip(this.rng.normal(0, o.policyNoise * m), -o.noiseClip * m, o.noiseClip * m);
          xNext[r * (dO + dA) + dO + j] = clip((next[r * dA + j] as number) + noise, -m, m);
        } else {
          // our choice: no target smoothing for items (a smoothed embedding is not an item)
          xNext[r * (dO + dA) + dO + j] = next[r * dA + j] as number;
        }
        x[r * (dO + dA) + dO + j] = batch.continuousActions[r * dA + j] as number;
      }
    }
    const criticLoss = twinCriticStep(this, x, xNext, batch.rewards, batch.terminated, o.gamma, B, y, dq);
    this.criticUpdates += 1;
    this.gradientSteps += 1;
    let actorLoss = this.lastUpdate.actorLoss;
    let surrogateLosses = this.lastUpdate.surrogateLosses;
    if (this.criticUpdates % o.policyDelay === 0) {
      const stats = this.updateActors(batch.obs, B, batch.continuousActions);
      actorLoss = stats.actorLoss;
      surrogateLosses = stats.surrogateLosses;
      for (let i = 0; i < this.numActors; i++) {
        (this.actorTargets[i] as ConditionedNetwork).softUpdateFrom(
          this.actors[i] as ConditionedNetwork,
          o.tau,
        );
      }
      this.critic1Target.softUpdateFrom(this.critic1, o.tau);
      this.critic2Target.softUpdateFrom(this.critic2, o.tau);
    }
    this.lastUpdate = { criticLoss, actorLoss, surrogateLosses };
    return this.lastUpdate;
  }

  /**
   * One actor/surrogate step on `batch` observations (batch × obsDim): proposals with stop-gradient
   * between actors; actor 0 ascends Q1; for i ≥ 1, Ψ̂_i is fitted to max(Q1(s, â), max_{j<i} Q1(s, a_j))
   * at the sampling mix, then actor i ascends Ψ̂_i (or Q1 without surrogates). `bufferActions`
   * (batch × d) feeds the "buffer" source of the mix; without it that source is skipped. Used by
   * {@link update} and, with an oracle, directly (the oracle-critic regime). Targets are not touched.
   */
  updateActors(
    obs: Float32Array,
    batch: number,
    bufferActions: ArrayLike<number> | null = null,
  ): { actorLoss: number; surrogateLosses: number[] } {
    assertInteger(batch, "batch", { min: 1 });
    if (!(obs instanceof Float32Array) || obs.length < batch * this.obsDim) {
      throw new DescentError(`obs must be a Float32Array of batch × ${this.obsDim} values`, {
        parameter: "obs",
        code: "shape",
      });
    }
    const k = this.numActors;
    const p = this.proposeBatch(obs, batch, this.actors, k > 1);
    const surrogateLosses: number[] = [];
    let actorLoss = Number.NaN;
    for (let i = 0; i < k; i++) {
      const actor = this.actors[i] as ConditionedNetwork;
      const earlier = p.earlier[i] as Float32Array;
      const net = this.surrogateNetworks[i] ?? null;
      if (net !== null) surrogateLosses.push(this.fitSurrogate(i, obs, batch, p, bufferActions));
      const { value, actionGrad } = this.ascentDirection(net, obs, p.raw[i] as Float32Array, earlier, batch);
      if (i === 0) actorLoss = -value;
      else this.addSuccessorPenalty(p.raw[i] as Float32Array, actionGrad, batch);
      actor.zeroGrad();
      actor.backward(actionGrad);
      const opts = this.actorOptimizers[i] as Adam[];
      actor.networks.forEach((n, j) => {
        (opts[j] as Adam).step(n.params, n.grads);
      });
    }
    return { actorLoss, surrogateLosses };
  }

  /**
   * The objective that actor i ascends, mean over the batch of Ψ̂_i(s, ν_i(s, a_{<i}); a_{<i}) (Q1 for
   * i = 0 or without surrogates), and its gradient with respect to each of actor i's parameter blocks
   * (head, then φ and ρ); no parameter changes. For gradient checks and diagnostics.
   */
  actorObjective(i: number, obs: Float32Array, batch: number): { value: number; grads: Float32Array[] } {
    assertInteger(i, "i", { min: 0, max: this.numActors - 1 });
    const p = this.proposeBatch(obs, batch, this.actors.slice(0, i + 1), false);
    const actor = this.actors[i] as ConditionedNetwork;
    const net = this.surrogateNetworks[i] ?? null;
    const raw = p.raw[i] as Float32Array;
    const { value, actionGrad } = this.ascentDirection(net, obs, raw, p.earlier[i] as Float32Array, batch);
    const penalty = i === 0 ? 0 : this.addSuccessorPenalty(raw, actionGrad, batch);
    actor.zeroGrad();
    actor.backward(actionGrad);
    // the ascent direction is of −objective; report the gradient of +objective
    return {
      value: value - penalty,
      grads: actor.networks.map((n) => Float32Array.from(n.grads, (g) => -g)),
    };
  }

  /**
   * Adds the gradient of the successor penalty λ·(1/B)·Σ_r ‖z_r‖² (z = atanh(y) the pre-tanh output) to
   * `actionGrad` = d loss / d y and returns the penalty. The actor's backward pass multiplies d/dy by
   * tanh'(z) = 1 − y², so d/dy = 2λz / (B(1 − y²)) reaches z as exactly 2λz/B; an output that float32
   * rounded to ±1 carries no recoverable z and is skipped.
   */
  private addSuccessorPenalty(y: Float32Array, actionGrad: Float32Array, B: number): number {
    const lambda = this.o.successorPenalty;
    if (lambda === 0) return 0;
    let penalty = 0;
    const n = B * this.actDim;
    for (let e = 0; e < n; e++) {
      const v = y[e] as number;
      const slope = 1 - v * v;
      if (!(slope > 0)) continue;
      const z = Math.atanh(v);
      penalty += (lambda * z * z) / B;
      actionGrad[e] = (actionGrad[e] as number) + (2 * lambda * z) / (B * slope);
    }
    return penalty;
  }

  /** Fits Ψ̂_i for one step; returns the mean squared error before the step. */
  private fitSurrogate(
    i: number,
    obs: Float32Array,
    B: number,
    p: BatchProposals,
    bufferActions: ArrayLike<number> | null,
  ): number {
    const net = this.surrogateNetworks[i] as ConditionedNetwork;
    const d = this.actDim;
    const dO = this.obsDim;
    const s = this.o.sampling;
    const weights = [bufferActions === null ? 0 : s.buffer, s.aroundActor, s.uniform];
    if (weights[0] + weights[1] + weights[2] <= 0) weights[2] = 1;
    const sampled = new Float32Array(B * d);
    const own = p.evaluated[i] as Float32Array;
    for (let r = 0; r < B; r++) {
      const source = this.rng.categorical(weights);
      for (let j = 0; j < d; j++) {
        const m = this.maxAction[j] as number;
        let v: number;
        if (source === 0) v = (bufferActions as ArrayLike<number>)[r * d + j] as number;
        else if (source === 1) v = clip((own[r * d + j] as number) + this.rng.normal(0, s.noise * m), -m, m);
        else v = this.rng.uniform(-m, m);
        sampled[r * d + j] = v;
      }
    }
    const qSampled = this.batchValues(obs, this.mapBatch(sampled, B), B);
    const target = new Float32Array(B);
    for (let r = 0; r < B; r++) {
      let plateau = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < i; j++) plateau = Math.max(plateau, (p.q[j] as Float32Array)[r] as number);
      target[r] = Math.max(qSampled[r] as number, plateau);
    }
    const xIn = new Float32Array(B * (dO + d));
    for (let r = 0; r < B; r++) {
      for (let j = 0; j < dO; j++) xIn[r * (dO + d) + j] = obs[r * dO + j] as number;
      for (let j = 0; j < d; j++) xIn[r * (dO + d) + dO + j] = sampled[r * d + j] as number;
    }
    const out = net.forward(xIn, p.earlier[i] as Float32Array, B);
    const dOut = new Float32Array(B);
    let loss = 0;
    for (let r = 0; r < B; r++) {
      const e = (out[r] as number) - (target[r] as number);
      loss += (e * e) / B;
      dOut[r] = (2 * e) / B;
    }
    net.zeroGrad();
    net.backward(dOut);
    const opts = this.surrogateOptimizers[i] as Adam[];
    net.networks.forEach((n, j) => {
      (opts[j] as Adam).step(n.params, n.grads);
    });
    return loss;
  }

  /**
   * Mean value of the ascended function at the actor outputs `raw` (tanh units) and
   * d(−mean value)/d raw (batch × d): through Ψ̂_i when given, else through Q1 or the oracle.
   */
  private ascentDirection(
    net: ConditionedNetwork | null,
    obs: Float32Array,
    raw: Float32Array,
    earlier: Float32Array,
    B: number,
  ): { value: number; actionGrad: Float32Array } {
    const d = this.actDim;
    const dO = this.obsDim;
    const actionGrad = new Float32Array(B * d);
    let value = 0;
    if (net === null && this.oracle !== null) {
      const s = new Float64Array(dO);
      const a = new Float64Array(d);
      const g = new Float64Array(d);
      for (let r = 0; r < B; r++) {
        for (let j = 0; j < dO; j++) s[j] = obs[r * dO + j] as number;
        for (let j = 0; j < d; j++) a[j] = (raw[r * d + j] as number) * (this.maxAction[j] as number);
        value += this.oracle.gradient(s, a, g) / B;
        for (let j = 0; j < d; j++)
          actionGrad[r * d + j] = (-(g[j] as number) / B) * (this.maxAction[j] as number);
      }
      return { value, actionGrad };
    }
    // TD3's arithmetic: x = [s, μ(s)·maxAction] in float32, backprop −1/B to the action input
    const x = this.x.length === B * (dO + d) ? this.x : new Float32Array(B * (dO + d));
    for (let r = 0; r < B; r++) {
      for (let j = 0; j < dO; j++) x[r * (dO + d) + j] = obs[r * dO + j] as number;
      for (let j = 0; j < d; j++)
        x[r * (dO + d) + dO + j] = (raw[r * d + j] as number) * (this.maxAction[j] as number);
    }
    const q = net === null ? this.critic1.forward(x, B) : net.forward(x, earlier, B);
    for (let r = 0; r < B; r++) value += (q[r] as number) / B;
    const dq = this.dq.length === B ? this.dq : new Float32Array(B);
    dq.fill(-1 / B);
    // dQ/da only: neither the critic nor Ψ̂_i is updated by the actor loss
    const dx = net === null ? this.critic1.inputGradient(dq) : net.inputGradient(dq);
    const w = dO + d;
    for (let r = 0; r < B; r++) {
      for (let j = 0; j < d; j++)
        actionGrad[r * d + j] = (dx[r * w + dO + j] as number) * (this.maxAction[j] as number);
    }
    return { value, actionGrad };
  }

  /**
   * The executed next-state actions of the TD target: the proposals of the target actors, the argmax of
   * min(Q1', Q2') over them, batched as one forward of k·B rows per critic (our choice: the natural TD3
   * extension). Returned in action units (float64, as TD3 scales its target actor).
   */
  private targetActions(nextObs: Float32Array, B: number): Float64Array {
    const k = this.numActors;
    const d = this.actDim;
    const dO = this.obsDim;
    const out = new Float64Array(B * d);
    const p = this.proposeBatch(nextObs, B, this.actorTargets, false, true);
    if (k === 1) {
      const raw = p.raw[0] as Float32Array;
      const ev = p.evaluated[0] as Float32Array;
      for (let r = 0; r < B; r++) {
        for (let j = 0; j < d; j++) {
          out[r * d + j] =
            this.items === null
              ? (raw[r * d + j] as number) * (this.maxAction[j] as number)
              : (ev[r * d + j] as number);
        }
      }
      return out;
    }
    const stacked = new Float32Array(k * B * (dO + d));
    for (let i = 0; i < k; i++) {
      const ev = p.evaluated[i] as Float32Array;
      for (let r = 0; r < B; r++) {
        const row = (i * B + r) * (dO + d);
        for (let j = 0; j < dO; j++) stacked[row + j] = nextObs[r * dO + j] as number;
        for (let j = 0; j < d; j++) stacked[row + dO + j] = ev[r * d + j] as number;
      }
    }
    const q1 = Float32Array.from(this.critic1Target.forward(stacked, k * B));
    const q2 = this.critic2Target.forward(stacked, k * B);
    for (let r = 0; r < B; r++) {
      let best = 0;
      let bestV = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < k; i++) {
        const v = Math.min(q1[i * B + r] as number, q2[i * B + r] as number);
        if (v > bestV) {
          bestV = v;
          best = i;
        }
      }
      const ev = p.evaluated[best] as Float32Array;
      for (let j = 0; j < d; j++) out[r * d + j] = ev[r * d + j] as number;
    }
    return out;
  }

  /**
   * Proposals of `actors` for `B` observations: raw actor outputs (tanh units), the evaluated actions
   * (scaled; mapped to items for embedded actions), the conditioning input of each actor and, when
   * `withValues`, Q1 (or the oracle) of each proposal. Earlier actions enter later actors as plain
   * inputs: the stop-gradient between actors.
   */
  private proposeBatch(
    obs: Float32Array,
    B: number,
    actors: ConditionedNetwork[],
    withValues: boolean,
    target = false,
  ): BatchProposals {
    const d = this.actDim;
    const n = actors.length;
    const raw: Float32Array[] = [];
    const evaluated: Float32Array[] = [];
    const earlierList: Float32Array[] = [];
    const items: Int32Array[] | null = this.items === null ? null : [];
    const q: Float32Array[] = [];
    for (let i = 0; i < n; i++) {
      const earlier = new Float32Array(B * i * d);
      for (let r = 0; r < B; r++) {
        for (let j = 0; j < i; j++) {
          const ev = evaluated[j] as Float32Array;
          for (let c = 0; c < d; c++) {
            earlier[(r * i + j) * d + c] = (ev[r * d + c] as number) / (this.maxAction[c] as number);
          }
        }
      }
      earlierList.push(earlier);
      const y = Float32Array.from((actors[i] as ConditionedNetwork).forward(obs, earlier, B));
      raw.push(y);
      const scaled = new Float32Array(B * d);
      for (let r = 0; r < B; r++)
        for (let c = 0; c < d; c++)
          scaled[r * d + c] = (y[r * d + c] as number) * (this.maxAction[c] as number);
      if (items !== null) {
        const idx = new Int32Array(B);
        const mapped =
          this.o.neighbours > 1
            ? this.bestNeighbours(obs, scaled, B, idx, target)
            : this.mapBatch(scaled, B, idx);
        items.push(idx);
        evaluated.push(mapped);
      } else {
        evaluated.push(scaled);
      }
      if (withValues) q.push(this.batchValues(obs, evaluated[i] as Float32Array, B));
    }
    return { raw, evaluated, earlier: earlierList, q, items };
  }

  /**
   * Wolpertinger's selection: for each of the B proto-actions, its `neighbours` nearest items, scored in
   * one batched forward by Q1 (or the oracle), or by min(Q1', Q2') for the TD target; returns the
   * best candidate's embedding per row (ties to the nearer candidate) and writes its item into `itemsOut`.
   */
  private bestNeighbours(
    obs: Float32Array,
    protos: Float32Array,
    B: number,
    itemsOut: Int32Array,
    target: boolean,
  ): Float32Array {
    const spec = this.items as EmbeddedDiscreteActionSpec;
    const K = this.o.neighbours;
    const d = this.actDim;
    const dO = this.obsDim;
    const cand = new Int32Array(B * K);
    const x = new Float32Array(B * K * (dO + d));
    for (let r = 0; r < B; r++) {
      cand.set(nearestNeighbors(protos.subarray(r * d, (r + 1) * d), spec, K), r * K);
      for (let c = 0; c < K; c++) {
        const row = (r * K + c) * (dO + d);
        for (let j = 0; j < dO; j++) x[row + j] = obs[r * dO + j] as number;
        const item = cand[r * K + c] as number;
        for (let j = 0; j < d; j++) x[row + dO + j] = spec.embeddings[item * d + j] as number;
      }
    }
    let scores: Float32Array;
    if (target) {
      scores = Float32Array.from(this.critic1Target.forward(x, B * K));
      const q2 = this.critic2Target.forward(x, B * K);
      for (let e = 0; e < B * K; e++) scores[e] = Math.min(scores[e] as number, q2[e] as number);
    } else if (this.oracle !== null) {
      scores = new Float32Array(B * K);
      for (let e = 0; e < B * K; e++)
        scores[e] = this.oracle.value(
          x.subarray(e * (dO + d), e * (dO + d) + dO),
          x.subarray(e * (dO + d) + dO, (e + 1) * (dO + d)),
        );
    } else {
      scores = this.critic1.forward(x, B * K);
    }
    const out = new Float32Array(B * d);
    for (let r = 0; r < B; r++) {
      let best = 0;
      for (let c = 1; c < K; c++)
        if ((scores[r * K + c] as number) > (scores[r * K + best] as number)) best = c;
      const item = cand[r * K + best] as number;
      itemsOut[r] = item;
      out.set(spec.embeddings.subarray(item * d, (item + 1) * d), r * d);
    }
    return out;
  }

  /** Maps proto-actions to their nearest items' embeddings (identity for box actions). */
  private mapBatch(actions: Float32Array, B: number, itemsOut?: Int32Array): Float32Array {
    if (this.items === null) return actions;
    const d = this.actDim;
    const out = new Float32Array(B * d);
    for (let r = 0; r < B; r++) {
      const item = nearestItem(actions.subarray(r * d, (r + 1) * d), this.items);
      if (itemsOut) itemsOut[r] = item;
      out.set(this.items.embeddings.subarray(item * d, (item + 1) * d), r * d);
    }
    return out;
  }

  private mapAction(action: ArrayLike<number>): ArrayLike<number> {
    if (this.items === null) return action;
    const item = nearestItem(action, this.items);
    return this.items.embeddings.subarray(item * this.actDim, (item + 1) * this.actDim);
  }

  /** Q1 (or the oracle) of B (obs, action) rows; a fresh array. */
  private batchValues(obs: Float32Array, actions: Float32Array, B: number): Float32Array {
    const d = this.actDim;
    const dO = this.obsDim;
    const out = new Float32Array(B);
    if (this.oracle !== null) {
      for (let r = 0; r < B; r++) {
        out[r] = this.oracle.value(obs.subarray(r * dO, (r + 1) * dO), actions.subarray(r * d, (r + 1) * d));
      }
      return out;
    }
    const x = new Float32Array(B * (dO + d));
    for (let r = 0; r < B; r++) {
      for (let j = 0; j < dO; j++) x[r * (dO + d) + j] = obs[r * dO + j] as number;
      for (let j = 0; j < d; j++) x[r * (dO + d) + dO + j] = actions[r * d + j] as number;
    }
    out.set(this.critic1.forward(x, B));
    return out;
  }

  private valueAt(obs: ArrayLike<number>, action: ArrayLike<number>): number {
    const o = Float32Array.from({ length: this.obsDim }, (_, j) => obs[j] as number);
    const a = Float32Array.from({ length: this.actDim }, (_, j) => action[j] as number);
    if (this.oracle !== null) return this.oracle.value(o, a);
    return this.batchValues(o, a, 1)[0] as number;
  }

  /** The conditioning input of actor/surrogate i at one observation. */
  private earlierAt(obs: ArrayLike<number>, i: number): Float32Array {
    const o = Float32Array.from({ length: this.obsDim }, (_, j) => obs[j] as number);
    const p = this.proposeBatch(o, 1, this.actors.slice(0, i + 1), false);
    return p.earlier[i] as Float32Array;
  }

  private checkObs(obs: ArrayLike<number>): void {
    if (obs === null || typeof obs !== "object" || obs.length !== this.obsDim) {
      throw new DescentError(
        `obs must have length obsDim = ${this.obsDim}, received ${String(obs?.length)}`,
        {
          parameter: "obs",
          code: "shape",
        },
      );
    }
  }

  private checkAction(action: ArrayLike<number>): void {
    if (action === null || typeof action !== "object" || action.length !== this.actDim) {
      throw new DescentError(
        `action must have the action dimension ${this.actDim}, received length ${String(action?.length)}`,
        { parameter: "action", code: "shape" },
      );
    }
  }
}

interface BatchProposals {
  raw: Float32Array[];
  evaluated: Float32Array[];
  earlier: Float32Array[];
  q: Float32Array[];
  items: Int32Array[] | null;
}

function clip(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}
