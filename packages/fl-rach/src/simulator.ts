/**
 * The RACH-FL simulator (docs/method.md §c.1): N users with local data train from the broadcast model, compensate
 * with their error-feedback memory, compress with top-K, contend for S slots of slotted ALOHA under an
 * access policy, and the PS averages what it received and broadcasts the new model at the end of the frame.
 *
 * Deterministic: every random draw is addressed through the run's {@link counterRng} (channel uniforms
 * `U(Channel, t, s, u)`, sampling `U(Sampling, t, u, ·)`), so the same config and seed give the same event
 * log, and two policies see the same channel (docs/method.md §g, §f.13). Model results are deterministic per tfjs
 * backend (docs/method.md §h.14).
 *
 * @example
 * ```ts
 * const result = await runRachFl({
 *   users: 10, slotsPerFrame: 5, frames: 60, seed: 1,
 *   trainer, initialWeights: trainer.init(1),
 *   policy: aogPolicy({ threshold: 0.05 }),
 *   evaluate: (w) => trainer.evaluate(w, test),
 * });
 * console.log(result.curve.at(-1), result.summary.throughput);
 * ```
 */
import {
  assertAllFinite,
  assertInteger,
  assertOneOf,
  assertPositive,
  DescentError,
} from "@descent/core-tensor";
import { type Aggregator, meanAggregator, type ReceivedPacket } from "./aggregator.js";
import {
  type AccessChannel,
  checkOutcome,
  collisionChannel,
  deliveredUsers,
  type SlotOutcome,
} from "./channel.js";
import { ErrorFeedbackMemory, type ErrorFeedbackMemoryOptions } from "./error-feedback-memory.js";
import type { RachFlEvent } from "./event-log.js";
import type { LocalTrainer } from "./local-trainer.js";
import type { AccessPolicy, FrameContext, SlotContext, UserView } from "./policy.js";
import { isEmptyActiveFallback } from "./policy.js";
import { counterRng, type RandomSource, RngStream } from "./random-source.js";
import { type Compressor, type SparseUpdate, squaredNorm, topK } from "./top-k.js";

/** Progress of a run, reported after every frame. */
export interface RachFlProgress {
  readonly frame: number;
  readonly frames: number;
  readonly slotsUsed: number;
}

/** Configuration of {@link runRachFl}. Defaults follow docs/method.md §b–§c. */
export interface RachFlConfig {
  /** N, the number of users. */
  users: number;
  /** S, slots per frame (docs/method.md §e: 5). */
  slotsPerFrame: number;
  /** T, the number of frames (docs/method.md §e: 60). */
  frames: number;
  /** Seed of every draw of the run (channel, sampling). */
  seed: number;
  trainer: LocalTrainer;
  /** w_0; its type (Float32Array or Float64Array) is the model's type throughout. */
  initialWeights: Float32Array | Float64Array;
  policy: AccessPolicy;
  /** Default `topK({ fraction: 0.05 })`, K = ⌈0.05 d⌉ (docs/method.md §b, §e). */
  compressor?: Compressor;
  /** Default: the policy's `defaultChannel()` if it has one, else `collisionChannel()` (docs/method.md §b [C]). */
  channel?: AccessChannel;
  /** Default `meanAggregator()`: normalize `'received'`, η_s = 1 (docs/method.md §c.1 step 8 [C]). */
  aggregator?: Aggregator;
  /** Error-feedback memory: default γ = 1, `'acknowledged'`, float64 (docs/method.md §c.1 steps 3 and 7 [D]). */
  memory?: ErrorFeedbackMemoryOptions;
  /** n_u, used by `normalize: 'dataSize'`. Default 1 for every user. */
  userWeights?: ArrayLike<number>;
  /**
   * Default `'keepContending'` (a delivered user keeps transmitting its packet and its copies are ignored,
   * [C]); `'stopContending'`: a user that got an ACK stays silent for the rest of the frame [D].
   */
  afterSuccess?: "keepContending" | "stopContending";
  /**
   * Default `'keepModel'`: a frame with no delivery leaves w unchanged (its slots still count) [D];
   * `'repeatFrame'`: the frame's slots are repeated until something arrives (one of the authors' scripts),
   * at most `maxFrameRepeats` times.
   */
  emptyFrame?: "keepModel" | "repeatFrame";
  /** Cap on repetitions for `emptyFrame: 'repeatFrame'`. Default 100 (our choice). */
  maxFrameRepeats?: number;
  /** Test metrics of a model (e.g. accuracy and loss); called on w_0 and after every `evalEvery` frames. */
  evaluate?: (
    w: Float32Array | Float64Array,
    frame: number,
  ) => Promise<Record<string, number>> | Record<string, number>;
  /** Evaluate every this many frames (and after the last). Default 1. */
  evalEvery?: number;
  /** The metric oracle policies maximise (`selectByTrial`). Default `'accuracy'`. */
  oracleMetric?: string;
  /** Streaming event log. */
  onEvent?: (event: RachFlEvent) => void;
  onProgress?: (progress: RachFlProgress) => void;
  signal?: AbortSignal;
}

/** Per-frame record of a run. */
export interface FrameRecord {
  readonly frame: number;
  /** |A_t|: users with p_{u,t} > 0. */
  readonly activeUsers: number;
  /** R_t, ascending. */
  readonly received: readonly number[];
  readonly slotsUsed: number;
  /** ‖w_{t+1} − w_t‖. */
  readonly modelStep: number;
  /** ‖m_{u,t+1}‖ per user. */
  readonly memoryNorms: Float64Array;
}

/** Summary metrics of a run (issue 5: throughput, collision rate, age statistics). */
export interface RunSummary {
  readonly totalSlots: number;
  /** Successful slots / slots (orthogonal slots of `ideal` count as successes). */
  readonly throughput: number;
  readonly idleRate: number;
  readonly collisionRate: number;
  readonly erasureRate: number;
  /** Mean |R_t|. */
  readonly meanDistinctDeliveries: number;
  /** Mean |A_t|. */
  readonly meanActiveUsers: number;
  readonly minDeliveriesPerUser: number;
  /** Coefficient of variation (std/mean) of the per-user delivery counts. */
  readonly deliveriesCv: number;
  /** Time-average slot-level age (slots since the last delivered slot, 1 in a delivery slot), over users. */
  readonly meanSlotAge: number;
  /** Largest slot-level age reached. */
  readonly peakSlotAge: number;
  /** Mean frames-since-delivery at the start of a frame, over frames and users. */
  readonly meanFrameAge: number;
}

/** What {@link runRachFl} returns. */
export interface RachFlResult {
  /** Test metrics: `frame` = frames completed (0 = w_0), `slots` = cumulative slots. */
  readonly curve: { frame: number; slots: number; metrics: Record<string, number> }[];
  readonly framesLog: FrameRecord[];
  readonly deliveriesPerUser: Int32Array;
  readonly slotStats: { idle: number; success: number; collision: number; erasure: number };
  readonly summary: RunSummary;
  readonly finalWeights: Float32Array | Float64Array;
}

interface SlotRecord {
  slot: number;
  transmitters: number[];
  outcome: SlotOutcome;
}

function validate(config: RachFlConfig): void {
  if (config === null || typeof config !== "object") {
    throw new DescentError("config must be an object", { parameter: "config", code: "type" });
  }
  assertInteger(config.users, "users", { min: 1 });
  assertInteger(config.slotsPerFrame, "slotsPerFrame", { min: 1 });
  assertInteger(config.frames, "frames", { min: 0 });
  assertInteger(config.seed, "seed", { min: 0, max: Number.MAX_SAFE_INTEGER });
  const { trainer, policy } = config;
  if (trainer === null || typeof trainer !== "object" || typeof trainer.localUpdate !== "function") {
    throw new DescentError("trainer must implement LocalTrainer (localUpdate)", {
      parameter: "trainer",
      code: "type",
    });
  }
  assertInteger(trainer.dimension, "trainer.dimension", { min: 1 });
  if (trainer.users !== undefined && trainer.users !== config.users) {
    throw new DescentError(`trainer holds data of ${trainer.users} users, but users = ${config.users}`, {
      parameter: "users",
      code: "shape",
    });
  }
  const w = config.initialWeights;
  if (!(w instanceof Float32Array || w instanceof Float64Array)) {
    throw new DescentError("initialWeights must be a Float32Array or Float64Array", {
      parameter: "initialWeights",
      code: "type",
    });
  }
  if (w.length !== trainer.dimension) {
    throw new DescentError(
      `initialWeights must have length trainer.dimension = ${trainer.dimension}, received ${w.length}`,
      { parameter: "initialWeights", code: "shape" },
    );
  }
  assertAllFinite(w, "initialWeights");
  if (policy === null || typeof policy !== "object" || typeof policy.frameProbabilities !== "function") {
    throw new DescentError("policy must implement AccessPolicy (frameProbabilities)", {
      parameter: "policy",
      code: "type",
    });
  }
  if (config.userWeights !== undefined) {
    if (config.userWeights.length !== config.users) {
      throw new DescentError(`userWeights must have length users = ${config.users}`, {
        parameter: "userWeights",
        code: "shape",
      });
    }
    for (let u = 0; u < config.users; u++) assertPositive(config.userWeights[u], `userWeights[${u}]`);
  }
  if (config.afterSuccess !== undefined)
    assertOneOf(config.afterSuccess, "afterSuccess", ["keepContending", "stopContending"]);
  if (config.emptyFrame !== undefined)
    assertOneOf(config.emptyFrame, "emptyFrame", ["keepModel", "repeatFrame"]);
  if (config.maxFrameRepeats !== undefined)
    assertInteger(config.maxFrameRepeats, "maxFrameRepeats", { min: 0 });
  if (config.evalEvery !== undefined) assertInteger(config.evalEvery, "evalEvery", { min: 1 });
  if (config.evaluate !== undefined && typeof config.evaluate !== "function") {
    throw new DescentError("evaluate must be a function", { parameter: "evaluate", code: "type" });
  }
}

function checkProbabilities(p: unknown, users: number, policy: string): Float64Array {
  if (!(p instanceof Float64Array) || p.length !== users) {
    throw new DescentError(`policy "${policy}" must return a Float64Array of length ${users}`, {
      parameter: "policy",
      code: "shape",
    });
  }
  for (let u = 0; u < users; u++) {
    const v = p[u] as number;
    if (!(v >= 0 && v <= 1)) {
      throw new DescentError(`policy "${policy}" returned p[${u}] = ${v}, outside [0, 1]`, {
        parameter: "policy",
        code: "range",
      });
    }
  }
  return p;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new DescentError("runRachFl was aborted", {
      parameter: "signal",
      code: "aborted",
      cause: signal.reason,
    });
  }
}

/** Runs T frames of RACH-FL (docs/method.md §c.1) and returns the learning curve, the per-frame log and summaries. */
export async function runRachFl(config: RachFlConfig): Promise<RachFlResult> {
  validate(config);
  const {
    users: N,
    slotsPerFrame: S,
    frames: T,
    trainer,
    policy,
    afterSuccess = "keepContending",
    emptyFrame = "keepModel",
    maxFrameRepeats = 100,
    evalEvery = 1,
    oracleMetric = "accuracy",
    onEvent,
    onProgress,
    signal,
    evaluate,
  } = config;
  const rng: RandomSource = counterRng(config.seed);
  const compressor = config.compressor ?? topK({ fraction: 0.05 });
  const channel = config.channel ?? policy.defaultChannel?.() ?? collisionChannel();
  const aggregator = config.aggregator ?? meanAggregator();
  const d = trainer.dimension;
  const weights = Float64Array.from({ length: N }, (_, u) => (config.userWeights?.[u] as number) ?? 1);
  const memories = Array.from({ length: N }, () => new ErrorFeedbackMemory(d, config.memory ?? {}));
  const emit = onEvent ?? (() => {});

  let w: Float32Array | Float64Array = config.initialWeights.slice();
  const lastDeliveryFrame = new Float64Array(N).fill(-1);
  const lastDeliverySlot = new Float64Array(N).fill(-1);
  const deliveries = new Int32Array(N);
  const slotStats = { idle: 0, success: 0, collision: 0, erasure: 0 };
  const curve: RachFlResult["curve"] = [];
  const framesLog: FrameRecord[] = [];
  let slotsUsed = 0;
  let ageSum = 0;
  let peakAge = 0;
  let frameAgeSum = 0;
  let activeSum = 0;
  let distinctSum = 0;

  const record = async (frame: number) => {
    if (evaluate === undefined) return;
    const metrics = { ...(await evaluate(w, frame)) };
    curve.push({ frame, slots: slotsUsed, metrics });
    emit({ type: "eval", frame, slotsUsed, metrics });
  };
  await record(0);

  /**
   * Plays the frame's slots under `frameP` (and the policy's slot rule) without side effects, on the
   * frame's own channel draws U(Channel, t, s, u). Returns the slots and R_t.
   */
  const playSlots = (
    t: number,
    frameContext: FrameContext,
    frameP: Float64Array,
    useSlotRule: boolean,
  ): { slots: SlotRecord[]; received: Set<number> } => {
    const received = new Set<number>();
    const slots: SlotRecord[] = [];
    const last = lastDeliverySlot.slice();
    const slotAges = new Float64Array(N);
    const rounds = emptyFrame === "repeatFrame" ? maxFrameRepeats + 1 : 1;
    for (let round = 0; round < rounds && (round === 0 || received.size === 0); round++) {
      for (let k = 0; k < S; k++) {
        const s = round * S + k;
        const g = slotsUsed + s;
        let p = frameP;
        if (useSlotRule && policy.slotProbabilities) {
          for (let u = 0; u < N; u++) slotAges[u] = g - (last[u] as number);
          const slotContext: SlotContext = {
            ...frameContext,
            slot: s,
            deliveredThisFrame: received,
            frameProbabilities: frameP,
            slotAges,
          };
          p = checkProbabilities(policy.slotProbabilities(slotContext), N, policy.name);
        }
        const transmitters: number[] = [];
        for (let u = 0; u < N; u++) {
          const pu = p[u] as number;
          if (pu <= 0) continue;
          if (afterSuccess === "stopContending" && received.has(u)) continue;
          if (rng.uniform(RngStream.Channel, t, s, u) < pu) transmitters.push(u);
        }
        const outcome = channel.resolve(transmitters, { frame: t, slot: s }, rng);
        checkOutcome(outcome, transmitters, channel.name);
        for (const u of deliveredUsers(outcome)) {
          received.add(u);
          last[u] = g;
        }
        slots.push({ slot: s, transmitters, outcome });
      }
    }
    return { slots, received };
  };

  for (let t = 0; t < T; t++) {
    throwIfAborted(signal);
    emit({ type: "frameStart", frame: t });

    // docs/method.md §c.1 steps 1–3: broadcast, local training of every user, error compensation
    const deltas = await Promise.all(
      Array.from({ length: N }, (_, u) => Promise.resolve(trainer.localUpdate(w, u, t, rng))),
    );
    const compensated: (Float32Array | Float64Array)[] = [];
    const views: UserView[] = [];
    for (let u = 0; u < N; u++) {
      const delta = deltas[u];
      if (!(delta instanceof Float32Array || delta instanceof Float64Array) || delta.length !== d) {
        throw new DescentError(`trainer.localUpdate must return a float array of length ${d} (user ${u})`, {
          parameter: "trainer",
          code: "shape",
        });
      }
      assertAllFinite(delta, `trainer.localUpdate(user ${u}, frame ${t})`);
      const memory = memories[u] as ErrorFeedbackMemory;
      const memoryNorm = memory.norm();
      const a = memory.compensate(delta);
      compensated.push(a);
      views.push({
        id: u,
        updateNorm: Math.sqrt(squaredNorm(delta)),
        memoryNorm,
        compensatedNorm: Math.sqrt(squaredNorm(a)),
        framesSinceDelivery: t - (lastDeliveryFrame[u] as number),
        slotsSinceDelivery: slotsUsed - (lastDeliverySlot[u] as number),
        deliveries: deliveries[u] as number,
      });
    }
    for (const v of views) {
      const aog = policy.score ? policy.score(v) : v.memoryNorm - v.updateNorm;
      emit({
        type: "localUpdate",
        frame: t,
        user: v.id,
        updateNorm: v.updateNorm,
        memoryNorm: v.memoryNorm,
        compensatedNorm: v.compensatedNorm,
        aog,
      });
      frameAgeSum += v.framesSinceDelivery;
    }

    // step 4 is lazy: a packet is only built when it is needed (delivered, or optimistic memory)
    const packets: (SparseUpdate | undefined)[] = new Array(N);
    const packetOf = (u: number): SparseUpdate => {
      let g = packets[u];
      if (g === undefined) {
        g = compressor.compress(compensated[u] as Float32Array | Float64Array);
        packets[u] = g;
      }
      return g;
    };
    const aggregateFrom = (received: Iterable<number>): Float32Array | Float64Array => {
      const list: ReceivedPacket[] = [...received]
        .sort((x, y) => x - y)
        .map((u) => ({ user: u, update: packetOf(u), weight: weights[u] as number }));
      return list.length === 0 ? w.slice() : aggregator.aggregate(w, list, N);
    };

    // step 5: access decision
    const frameContext: FrameContext = { frame: t, slotsPerFrame: S, users: views };
    let frameP: Float64Array;
    if (policy.selectByTrial) {
      if (evaluate === undefined) {
        throw new DescentError(`policy "${policy.name}" needs evaluate to run its trials`, {
          parameter: "evaluate",
          code: "missing",
        });
      }
      const trial = async (p: Float64Array) => {
        const candidate = checkProbabilities(p, N, policy.name);
        const { received } = playSlots(t, frameContext, candidate, false);
        const metrics = await evaluate(aggregateFrom(received), t);
        const score = metrics[oracleMetric];
        if (typeof score !== "number") {
          throw new DescentError(`evaluate returned no metric "${oracleMetric}" for the oracle policy`, {
            parameter: "oracleMetric",
            code: "missing",
          });
        }
        return score;
      };
      frameP = checkProbabilities(await policy.selectByTrial(frameContext, trial), N, policy.name);
    } else {
      frameP = checkProbabilities(policy.frameProbabilities(frameContext), N, policy.name);
    }
    let active = 0;
    const fallback = isEmptyActiveFallback(frameP);
    for (let u = 0; u < N; u++) {
      const p = frameP[u] as number;
      if (p > 0) active++;
      emit({ type: "access", frame: t, user: u, p, active: p > 0, fallback });
    }

    // step 6: the slots
    const { slots, received } = playSlots(t, frameContext, frameP, true);
    for (const { slot, transmitters, outcome } of slots) {
      const g = slotsUsed + slot;
      switch (outcome.kind) {
        case "idle":
          slotStats.idle++;
          break;
        case "collision":
          slotStats.collision++;
          break;
        case "erasure":
          slotStats.erasure++;
          break;
        default:
          slotStats.success++;
      }
      for (const u of deliveredUsers(outcome)) lastDeliverySlot[u] = g;
      // slot-level age after this slot: 1 in a delivery slot, else one more than before (docs/method.md §f.6)
      for (let u = 0; u < N; u++) {
        const age = g + 1 - (lastDeliverySlot[u] as number);
        ageSum += age;
        if (age > peakAge) peakAge = age;
      }
      emit({ type: "slot", frame: t, slot, transmitters, outcome });
    }
    const frameSlots = slots.length;

    // step 8 (before 7 so that the packets are built from a before the memory moves on)
    const next = aggregateFrom(received);
    // step 7: memory update with acknowledgement
    const memoryNorms = new Float64Array(N);
    for (let u = 0; u < N; u++) {
      const delivered = received.has(u);
      const memory = memories[u] as ErrorFeedbackMemory;
      const needsPacket = delivered || memory.mode === "optimistic";
      memory.commit(needsPacket ? packetOf(u) : null, delivered);
      memoryNorms[u] = memory.norm();
      if (delivered) {
        deliveries[u] = (deliveries[u] as number) + 1;
        lastDeliveryFrame[u] = t;
      }
    }
    let step = 0;
    for (let i = 0; i < d; i++) {
      const diff = (next[i] as number) - (w[i] as number);
      step += diff * diff;
    }
    w = next;
    slotsUsed += frameSlots;
    activeSum += active;
    distinctSum += received.size;
    const receivedList = [...received].sort((x, y) => x - y);
    framesLog.push({
      frame: t,
      activeUsers: active,
      received: receivedList,
      slotsUsed: frameSlots,
      modelStep: Math.sqrt(step),
      memoryNorms,
    });
    emit({
      type: "aggregate",
      frame: t,
      received: receivedList,
      updateNorm: Math.sqrt(step),
      slotsUsed: frameSlots,
      memoryNorms: Array.from(memoryNorms),
    });
    // step 9
    if ((t + 1) % evalEvery === 0 || t === T - 1) await record(t + 1);
    onProgress?.({ frame: t + 1, frames: T, slotsUsed });
  }

  let mean = 0;
  for (const c of deliveries) mean += c;
  mean /= N;
  let variance = 0;
  for (const c of deliveries) variance += (c - mean) ** 2;
  variance /= N;
  const total = Math.max(1, slotsUsed);
  const summary: RunSummary = {
    totalSlots: slotsUsed,
    throughput: slotStats.success / total,
    idleRate: slotStats.idle / total,
    collisionRate: slotStats.collision / total,
    erasureRate: slotStats.erasure / total,
    meanDistinctDeliveries: T > 0 ? distinctSum / T : 0,
    meanActiveUsers: T > 0 ? activeSum / T : 0,
    minDeliveriesPerUser: Math.min(...deliveries),
    deliveriesCv: mean > 0 ? Math.sqrt(variance) / mean : 0,
    meanSlotAge: slotsUsed > 0 ? ageSum / (slotsUsed * N) : 0,
    peakSlotAge: peakAge,
    meanFrameAge: T > 0 ? frameAgeSum / (T * N) : 0,
  };
  return { curve, framesLog, deliveriesPerUser: deliveries, slotStats, summary, finalWeights: w };
}
