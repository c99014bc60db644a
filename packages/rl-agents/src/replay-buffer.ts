/**
 * Uniform experience replay on preallocated typed arrays (docs/method.md §A.4): a ring buffer of fixed capacity;
 * `sample` draws indices uniformly with replacement (Dopamine and the TD3 reference code) into reusable
 * batch arrays, so sampling allocates nothing. Only `terminated` is stored: truncated transitions
 * bootstrap (docs/method.md §A.1).
 */
import { assertInteger, DescentError, type Rng } from "@descent/core-tensor";
import { assertObservation } from "./agent.js";

/** Sizes of a {@link ReplayBuffer}. */
export interface ReplayBufferOptions {
  /** Maximum number of transitions kept; the oldest is overwritten first. */
  capacity: number;
  /** Length of an observation vector. */
  obsDim: number;
  /** Length of an action vector; 0 (default) stores one integer action per transition. */
  actionDim?: number;
}

/** A sampled mini-batch: views into arrays the buffer reuses on the next `sample` call. */
export interface ReplayBatch {
  readonly size: number;
  readonly obs: Float32Array;
  /** Integer actions (discrete buffers). */
  readonly actions: Int32Array;
  /** `size × actionDim` continuous actions (continuous buffers). */
  readonly continuousActions: Float32Array;
  readonly rewards: Float32Array;
  readonly nextObs: Float32Array;
  readonly terminated: Uint8Array;
  /** Number of rewards summed in each row (n-step transitions; 1 otherwise): bootstrap with γ^steps. */
  readonly steps: Uint8Array;
  /** Buffer slots the rows came from. */
  readonly indices: Int32Array;
}

/** Ring-buffer replay memory (docs/method.md §A.4). */
export class ReplayBuffer {
  readonly capacity: number;
  readonly obsDim: number;
  readonly actionDim: number;
  private readonly obs: Float32Array;
  private readonly nextObs: Float32Array;
  private readonly actions: Int32Array;
  private readonly contActions: Float32Array;
  private readonly rewards: Float32Array;
  private readonly terminated: Uint8Array;
  private readonly stepCounts: Uint8Array;
  private cursor = 0;
  private count = 0;
  private batch: ReplayBatch | null = null;

  constructor(opts: ReplayBufferOptions) {
    assertInteger(opts.capacity, "capacity", { min: 1 });
    assertInteger(opts.obsDim, "obsDim", { min: 1 });
    const actionDim = opts.actionDim ?? 0;
    assertInteger(actionDim, "actionDim", { min: 0 });
    this.capacity = opts.capacity;
    this.obsDim = opts.obsDim;
    this.actionDim = actionDim;
    this.obs = new Float32Array(opts.capacity * opts.obsDim);
    this.nextObs = new Float32Array(opts.capacity * opts.obsDim);
    this.actions = new Int32Array(actionDim === 0 ? opts.capacity : 0);
    this.contActions = new Float32Array(opts.capacity * actionDim);
    this.rewards = new Float32Array(opts.capacity);
    this.terminated = new Uint8Array(opts.capacity);
    this.stepCounts = new Uint8Array(opts.capacity);
  }

  /** Number of stored transitions (≤ capacity). */
  get size(): number {
    return this.count;
  }

  /**
   * Stores one transition, overwriting the oldest when full. `steps` (default 1, at most 255) is the
   * number of rewards summed in `reward` for n-step returns.
   */
  add(
    obs: ArrayLike<number>,
    action: number | ArrayLike<number>,
    reward: number,
    nextObs: ArrayLike<number>,
    terminated: boolean,
    steps = 1,
  ): void {
    if (obs.length !== this.obsDim || nextObs.length !== this.obsDim) {
      throw new DescentError(
        `obs and nextObs must have length obsDim = ${this.obsDim}, received ${obs.length} and ${nextObs.length}`,
        { parameter: "obs", code: "shape" },
      );
    }
    assertObservation(obs, this.obsDim, "obs");
    assertObservation(nextObs, this.obsDim, "nextObs");
    if (!Number.isFinite(reward)) {
      throw new DescentError(`reward must be finite, received ${reward}`, {
        parameter: "reward",
        code: "finite",
      });
    }
    assertInteger(steps, "steps", { min: 1, max: 255 });
    const i = this.cursor;
    this.obs.set(obs, i * this.obsDim);
    this.nextObs.set(nextObs, i * this.obsDim);
    if (this.actionDim === 0) {
      if (typeof action !== "number" || !Number.isInteger(action)) {
        throw new DescentError(
          `action must be an integer for a discrete buffer, received ${String(action)}`,
          {
            parameter: "action",
            code: "invalid-argument",
          },
        );
      }
      this.actions[i] = action;
    } else {
      const a = typeof action === "number" ? [action] : action;
      if (a.length !== this.actionDim) {
        throw new DescentError(
          `action must have length actionDim = ${this.actionDim}, received ${a.length}`,
          {
            parameter: "action",
            code: "shape",
          },
        );
      }
      assertObservation(a, this.actionDim, "action");
      this.contActions.set(a, i * this.actionDim);
    }
    this.rewards[i] = reward;
    this.terminated[i] = terminated ? 1 : 0;
    this.stepCounts[i] = steps;
    this.cursor = (i + 1) % this.capacity;
    if (this.count < this.capacity) this.count += 1;
  }

  /** Draws `batchSize` transitions uniformly with replacement (docs/method.md §A.4). */
  sample(batchSize: number, rng: Rng): ReplayBatch {
    assertInteger(batchSize, "batchSize", { min: 1 });
    if (this.count === 0) {
      throw new DescentError("cannot sample from an empty replay buffer", {
        parameter: "batchSize",
        code: "empty",
      });
    }
    const b = this.ensureBatch(batchSize);
    const d = this.obsDim;
    const ad = this.actionDim;
    for (let r = 0; r < batchSize; r++) {
      const i = Math.floor(rng.float() * this.count);
      b.indices[r] = i;
      b.obs.set(this.obs.subarray(i * d, i * d + d), r * d);
      b.nextObs.set(this.nextObs.subarray(i * d, i * d + d), r * d);
      if (ad === 0) b.actions[r] = this.actions[i] as number;
      else b.continuousActions.set(this.contActions.subarray(i * ad, i * ad + ad), r * ad);
      b.rewards[r] = this.rewards[i] as number;
      b.terminated[r] = this.terminated[i] as number;
      b.steps[r] = this.stepCounts[i] as number;
    }
    return b;
  }

  private ensureBatch(n: number): ReplayBatch {
    if (this.batch === null || this.batch.size !== n) {
      this.batch = {
        size: n,
        obs: new Float32Array(n * this.obsDim),
        actions: new Int32Array(n),
        continuousActions: new Float32Array(n * this.actionDim),
        rewards: new Float32Array(n),
        nextObs: new Float32Array(n * this.obsDim),
        terminated: new Uint8Array(n),
        steps: new Uint8Array(n),
        indices: new Int32Array(n),
      };
    }
    return this.batch;
  }
}

/** A transition emitted by {@link NStepAccumulator}. */
export interface NStepTransition<A> {
  obs: Float64Array;
  action: A;
  /** Σ_{i<m} γ^i r_{t+i}, with m ≤ n the steps actually available. */
  reward: number;
  nextObs: Float64Array;
  terminated: boolean;
  /** m: the number of rewards summed (bootstrap with γ^m). */
  steps: number;
}

/**
 * n-step return accumulator (docs/method.md §A.4): a per-episode FIFO that emits (s_t, a_t, Σ γ^i r_{t+i},
 * s_{t+n}, done) once n steps are available and flushes the remainder at the episode's end.
 */
export class NStepAccumulator<A = number> {
  private readonly queue: { obs: Float64Array; action: A; reward: number }[] = [];

  constructor(
    readonly n: number,
    readonly gamma: number,
  ) {
    assertInteger(n, "n", { min: 1 });
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new DescentError(`gamma must lie in [0, 1], received ${gamma}`, {
        parameter: "gamma",
        code: "range",
      });
    }
  }

  /** Adds one step; returns the transitions that became complete (several at an episode end). */
  push(
    obs: Float64Array,
    action: A,
    reward: number,
    nextObs: Float64Array,
    terminated: boolean,
    truncated: boolean,
  ): NStepTransition<A>[] {
    this.queue.push({ obs, action, reward });
    const out: NStepTransition<A>[] = [];
    if (terminated || truncated) {
      while (this.queue.length > 0) out.push(this.emit(nextObs, terminated));
    } else if (this.queue.length === this.n) {
      out.push(this.emit(nextObs, false));
    }
    return out;
  }

  private emit(nextObs: Float64Array, terminated: boolean): NStepTransition<A> {
    let ret = 0;
    let g = 1;
    for (const q of this.queue) {
      ret += g * q.reward;
      g *= this.gamma;
    }
    const head = this.queue.shift() as { obs: Float64Array; action: A };
    return {
      obs: head.obs,
      action: head.action,
      reward: ret,
      nextObs,
      terminated,
      steps: this.queue.length + 1,
    };
  }
}
