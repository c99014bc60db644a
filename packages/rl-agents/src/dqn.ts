/**
 * DQN (Mnih et al. 2015) as configured by Dopamine (docs/method.md §A.6), on the `ts` MLP backend: ε-greedy acting
 * with Dopamine's linearly decaying ε after a warm-up, uniform replay, a Huber-loss (δ = 1) regression
 * to r + γ·(1 − terminated)·max_a' Q_θ⁻(s', a'), a target network synchronised every
 * `targetUpdatePeriod` environment steps; Double-DQN target as an option.
 */
import {
  assertAllFinite,
  assertInteger,
  assertNonNegative,
  assertPositive,
  DescentError,
  Rng,
} from "@descent/core-tensor";
import { assertObservation, assertTransition, type LearningAgent, type Transition } from "./agent.js";
import { assertDiscreteAction } from "./env.js";
import { type DenseNetwork, type MlpInit, resolveHiddenSizes } from "./mlp.js";
import { createOptimizer, type Optimizer, type OptimizerKind } from "./optimizers.js";
import { ReplayBuffer } from "./replay-buffer.js";
import { createNetwork, type NetworkBackend, resolveNetworkBackend } from "./tfjs-mlp.js";
import {
  linearlyDecayingEpsilon,
  resolveValueAgentSchedule,
  type ValueAgentScheduleOptions,
  validateValueAgentSchedule,
} from "./value-agent-schedule.js";

/** Options of {@link DqnAgent}; defaults are Dopamine's `dqn_cartpole.gin` (docs/method.md §A.6) unless noted. */
export interface DqnOptions extends ValueAgentScheduleOptions {
  /** Hidden widths; default [512, 512] (Dopamine CartPole). The reduced experiments use [64, 64]. */
  hiddenSizes?: readonly number[];
  /** Optimizer = 'adam'. */
  optimizer?: OptimizerKind;
  /** Learning rate = 1e-3 (Dopamine CartPole). */
  learningRate?: number;
  /** Adam/RMSProp ε = 3.125e-4 (Dopamine CartPole). */
  optimizerEpsilon?: number;
  /** Momentum for `optimizer: 'rmsprop'` ("RMSProp-M"); default 0. */
  rmspropMomentum?: number;
  /** Global gradient-norm clipping; off by default (docs/method.md §A.5). */
  maxGradNorm?: number;
  /** Huber threshold δ = 1. */
  huberDelta?: number;
  /** Double-DQN target (option, docs/method.md §A.6); default false. */
  doubleDqn?: boolean;
  /** Weight init = 'glorot' (Dopamine). */
  init?: MlpInit;
  /**
   * Network backend (docs/method.md §A.5): `'auto'` (default: `'tfjs'` from the measured crossover size up, when tfjs
   * runs on wasm, else `'ts'`; see `resolveNetworkBackend`), `'ts'` (hand-written backprop, fastest for small
   * nets) or `'tfjs'` (tfjs with core-tensor's `dense` layer; call `initBackend()` first).
   */
  backend?: NetworkBackend;
  /**
   * Min–max bounds of the observations. When given, every input is scaled to [−1, 1] as
   * 2·(x − low)/(high − low) − 1 before the network, as Dopamine's CartPole preset does with its fixed
   * bounds (docs/method.md §A.6; {@link CARTPOLE_DOPAMINE_INPUT_BOUNDS}). Default: none, raw observations (our
   * choice: the agent does not know its environment, and the protocol's B-R1 agent lists no scaling).
   */
  inputBounds?: { readonly low: readonly number[]; readonly high: readonly number[] };
  /** Seed of the agent's stream (initial weights, ε-greedy, replay sampling). */
  seed?: number;
}

/** Statistics of the last update. */
export interface DqnUpdateStats {
  loss: number;
  meanQ: number;
}

/** A DQN agent (docs/method.md §A.6) for discrete actions on float64 observations. */
export class DqnAgent implements LearningAgent<number> {
  readonly online: DenseNetwork;
  readonly target: DenseNetwork;
  readonly optimizer: Optimizer;
  readonly replay: ReplayBuffer;
  readonly numActions: number;
  private readonly o: Required<
    Omit<DqnOptions, "hiddenSizes" | "seed" | "backend" | "maxGradNorm" | "rmspropMomentum" | "inputBounds">
  >;
  private readonly rng: Rng;
  private readonly obsF32: Float32Array;
  private readonly dOut: Float32Array;
  private readonly targets: Float32Array;
  /** low and high − low per input when `inputBounds` is set. */
  private readonly inputScale: { low: Float64Array; span: Float64Array } | null;
  envSteps = 0;
  gradientSteps = 0;
  /** The last update's loss and mean Q (NaN before the first update). */
  lastUpdate: DqnUpdateStats = { loss: Number.NaN, meanQ: Number.NaN };

  constructor(obsDim: number, numActions: number, opts: DqnOptions = {}) {
    assertInteger(obsDim, "obsDim", { min: 1 });
    assertInteger(numActions, "numActions", { min: 1 });
    const hidden = resolveHiddenSizes(opts.hiddenSizes, [512, 512]);
    this.o = {
      ...resolveValueAgentSchedule(opts),
      optimizer: opts.optimizer ?? "adam",
      learningRate: opts.learningRate ?? 1e-3,
      optimizerEpsilon: opts.optimizerEpsilon ?? 3.125e-4,
      huberDelta: opts.huberDelta ?? 1,
      doubleDqn: opts.doubleDqn ?? false,
      init: opts.init ?? "glorot",
    };
    const o = this.o;
    validateValueAgentSchedule(o);
    assertPositive(o.learningRate, "learningRate");
    assertPositive(o.huberDelta, "huberDelta");
    if (opts.maxGradNorm !== undefined) assertPositive(opts.maxGradNorm, "maxGradNorm");
    if (opts.rmspropMomentum !== undefined) assertNonNegative(opts.rmspropMomentum, "rmspropMomentum");
    this.rng = new Rng(opts.seed ?? 0);
    const sizes = [obsDim, ...hidden, numActions];
    const backend = resolveNetworkBackend(opts.backend ?? "auto", sizes, o.batchSize);
    this.numActions = numActions;
    this.online = createNetwork(backend, {
      sizes,
      init: o.init,
      rng: this.rng,
    });
    this.target = this.online.clone();
    this.optimizer = createOptimizer(o.optimizer, {
      learningRate: o.learningRate,
      epsilon: o.optimizerEpsilon,
      resetEvery: Math.max(1, Math.round(o.targetUpdatePeriod / o.updatePeriod)),
      ...(opts.maxGradNorm === undefined ? {} : { maxGradNorm: opts.maxGradNorm }),
      ...(opts.rmspropMomentum === undefined ? {} : { momentum: opts.rmspropMomentum }),
    });
    this.replay = new ReplayBuffer({ capacity: o.replayCapacity, obsDim });
    this.inputScale = opts.inputBounds === undefined ? null : checkInputBounds(opts.inputBounds, obsDim);
    this.obsF32 = new Float32Array(obsDim);
    this.dOut = new Float32Array(o.batchSize * numActions);
    this.targets = new Float32Array(o.batchSize);
  }

  get optimizers(): readonly Optimizer[] {
    return [this.optimizer];
  }

  /** Dopamine's `linearly_decaying_epsilon` (docs/method.md §A.6 step 1): 1 during warm-up, then linear to ε_train. */
  epsilon(): number {
    return linearlyDecayingEpsilon(this.o, this.envSteps);
  }

  /** Q_θ(obs, ·) as a fresh array. */
  qValues(obs: ArrayLike<number>): Float32Array {
    assertObservation(obs, this.obsF32.length);
    for (let i = 0; i < this.obsF32.length; i++) this.obsF32[i] = obs[i] as number;
    this.scaleInputs(this.obsF32);
    return Float32Array.from(this.online.forward(this.obsF32, 1));
  }

  /** Min–max scaling to [−1, 1] in place (option `inputBounds`); rows of obsDim values. */
  private scaleInputs(x: Float32Array): void {
    const sc = this.inputScale;
    if (sc === null) return;
    const d = sc.low.length;
    for (let i = 0; i < x.length; i++) {
      const j = i % d;
      x[i] = (2 * ((x[i] as number) - (sc.low[j] as number))) / (sc.span[j] as number) - 1;
    }
  }

  act(obs: Float64Array, opts: { explore?: boolean } = {}): number {
    assertObservation(obs, this.obsF32.length);
    const eps = opts.explore === false ? this.o.epsilonEval : this.epsilon();
    if (this.rng.float() < eps) return this.rng.int(0, this.numActions);
    return argmax(this.qValues(obs));
  }

  observe(t: Transition<number>): void {
    assertTransition(t);
    // an action ≥ numActions would update a row of another sample's Q-values
    assertDiscreteAction(t.action, this.numActions);
    this.replay.add(t.obs, t.action, t.reward, t.nextObs, t.terminated);
    this.envSteps += 1;
    const o = this.o;
    // Dopamine: train once the buffer holds more than min_replay_history transitions
    if (this.replay.size > o.minReplay && this.envSteps % o.updatePeriod === 0) this.update();
    if (this.envSteps % o.targetUpdatePeriod === 0) this.syncTarget();
  }

  /** θ⁻ ← θ (docs/method.md §A.6 step 4); tells the optimizer (AdamRel restarts its timestep). */
  syncTarget(): void {
    this.target.copyFrom(this.online);
    this.optimizer.onTargetUpdate?.();
  }

  /** One gradient step on a replay batch (docs/method.md §A.6 step 3). */
  update(): DqnUpdateStats {
    const o = this.o;
    const B = o.batchSize;
    const A = this.numActions;
    const batch = this.replay.sample(B, this.rng);
    // the batch arrays are the buffer's reused copies, so scaling them in place leaves the replay intact
    this.scaleInputs(batch.obs);
    this.scaleInputs(batch.nextObs);
    const y = this.targets;
    const qNext = this.target.forward(batch.nextObs, B);
    if (o.doubleDqn) {
      const qOnlineNext = this.online.forward(batch.nextObs, B);
      for (let r = 0; r < B; r++) {
        const a = argmaxRow(qOnlineNext, r * A, A);
        y[r] = qNext[r * A + a] as number;
      }
    } else {
      for (let r = 0; r < B; r++) y[r] = qNext[r * A + argmaxRow(qNext, r * A, A)] as number;
    }
    for (let r = 0; r < B; r++) {
      y[r] = (batch.rewards[r] as number) + (batch.terminated[r] ? 0 : o.gamma * (y[r] as number));
    }
    const q = this.online.forward(batch.obs, B);
    const dOut = this.dOut;
    dOut.fill(0);
    let loss = 0;
    let meanQ = 0;
    const delta = o.huberDelta;
    for (let r = 0; r < B; r++) {
      const idx = r * A + (batch.actions[r] as number);
      const qa = q[idx] as number;
      const e = qa - (y[r] as number);
      const ae = Math.abs(e);
      loss += ae <= delta ? 0.5 * e * e : delta * (ae - 0.5 * delta);
      meanQ += qa;
      // d(mean Huber)/dq = clip(e, −δ, δ)/B
      dOut[idx] = Math.min(Math.max(e, -delta), delta) / B;
    }
    this.online.zeroGrad();
    this.online.backward(dOut);
    this.optimizer.step(this.online.params, this.online.grads);
    this.gradientSteps += 1;
    this.lastUpdate = { loss: loss / B, meanQ: meanQ / B };
    return this.lastUpdate;
  }
}

/** Dopamine's CartPole input bounds (`gym_lib.py`): x ±2.4, ẋ ±5, θ ±π/12, θ̇ ±2π (docs/method.md §A.6). */
export const CARTPOLE_DOPAMINE_INPUT_BOUNDS = {
  low: [-2.4, -5, -Math.PI / 12, -2 * Math.PI],
  high: [2.4, 5, Math.PI / 12, 2 * Math.PI],
} as const;

function checkInputBounds(
  b: { readonly low: readonly number[]; readonly high: readonly number[] },
  obsDim: number,
): { low: Float64Array; span: Float64Array } {
  if (b === null || typeof b !== "object" || !Array.isArray(b.low) || !Array.isArray(b.high)) {
    throw new DescentError("inputBounds must be { low: number[], high: number[] }", {
      parameter: "inputBounds",
    });
  }
  if (b.low.length !== obsDim || b.high.length !== obsDim) {
    throw new DescentError(
      `inputBounds.low and .high must hold obsDim = ${obsDim} values, received ${b.low.length} and ${b.high.length}`,
      { parameter: "inputBounds", code: "shape" },
    );
  }
  assertAllFinite(b.low, "inputBounds.low");
  assertAllFinite(b.high, "inputBounds.high");
  const low = Float64Array.from(b.low);
  const span = Float64Array.from(b.high, (h, i) => h - (low[i] as number));
  span.forEach((s, i) => {
    if (!(s > 0)) {
      throw new DescentError(`inputBounds.high[${i}] must exceed inputBounds.low[${i}], received span ${s}`, {
        parameter: "inputBounds",
      });
    }
  });
  return { low, span };
}

function argmax(v: ArrayLike<number>): number {
  return argmaxRow(v, 0, v.length);
}

/** Index (within the row) of the largest of v[offset … offset+n); ties → lowest index. */
function argmaxRow(v: ArrayLike<number>, offset: number, n: number): number {
  let best = 0;
  let bv = v[offset] as number;
  for (let j = 1; j < n; j++) {
    const x = v[offset + j] as number;
    if (x > bv) {
      bv = x;
      best = j;
    }
  }
  return best;
}
