/**
 * The access-policy interface (docs/method.md §c.1 step 5, §g): a policy maps what each user knows at the start of a
 * frame to its slot transmission probability p_{u,t}, constant over the frame, and may refine it slot by
 * slot. Every policy of this package (AoG and the baselines) implements it; so can a user's own.
 *
 * @example
 * ```ts
 * // a policy that lets only even users contend, with p = 1/(number of even users)
 * const even: AccessPolicy = {
 *   name: "even",
 *   frameProbabilities: ({ users }) => activeToProbabilities(users.map((u) => u.id % 2 === 0), "countAware"),
 * };
 * ```
 */
import { assertInRange, assertOneOf, DescentError } from "@descent/core-tensor";
import type { AccessChannel } from "./channel.js";

/** The local state of one user that a policy may read (docs/method.md §g). */
export interface UserView {
  readonly id: number;
  /** ‖Δ_{u,t}‖: the fresh local update. */
  readonly updateNorm: number;
  /** ‖m_{u,t}‖: the memory carried into this frame (before adding Δ). */
  readonly memoryNorm: number;
  /** ‖a_{u,t}‖ = ‖Δ + γ m‖. */
  readonly compensatedNorm: number;
  /** t − (last frame with a delivery); a user never delivered counts from frame −1. */
  readonly framesSinceDelivery: number;
  /** Slots since the last delivered slot, at the start of the frame (never delivered: from slot −1). */
  readonly slotsSinceDelivery: number;
  /** Number of frames in which this user's packet reached the PS. */
  readonly deliveries: number;
}

/** What a policy sees at the start of frame t. */
export interface FrameContext {
  readonly frame: number;
  readonly slotsPerFrame: number;
  readonly users: readonly UserView[];
}

/** What a slot-level policy sees before slot s. */
export interface SlotContext extends FrameContext {
  /** Slot index inside the frame (≥ S when `emptyFrame: 'repeatFrame'` repeats the frame's slots). */
  readonly slot: number;
  /** Users already received in this frame. */
  readonly deliveredThisFrame: ReadonlySet<number>;
  /** The probabilities the policy returned for the frame. */
  readonly frameProbabilities: Float64Array;
  /** Slot-level age of every user before this slot (slots since its last delivered slot). */
  readonly slotAges: Float64Array;
}

/**
 * An oracle hook (used by {@link genieBestNPolicy}): evaluates what a candidate probability vector would
 * give in this frame, on the frame's own channel draws, and returns the score (higher is better).
 */
export type TrialEvaluator = (probabilities: Float64Array) => Promise<number>;

/** An access policy. Only `name` and `frameProbabilities` are required. */
export interface AccessPolicy {
  readonly name: string;
  /** p_{u,t} for every user (length N, each in [0, 1]), constant over the frame. */
  frameProbabilities(context: FrameContext): Float64Array;
  /** Optional slot-level override (slot-granular policies such as round robin or slot-age thresholds). */
  slotProbabilities?(context: SlotContext): Float64Array;
  /** The score the policy ranks users by, logged in `localUpdate` events as `aog`. */
  score?(user: UserView): number;
  /** The channel the policy is meant for (e.g. `ideal` → collision-free), used when the config names none. */
  defaultChannel?(): AccessChannel;
  /** Oracle policies: choose the frame's probabilities by trials (costly; optional). */
  selectByTrial?(context: FrameContext, trial: TrialEvaluator): Promise<Float64Array>;
}

/**
 * How active users set their slot transmission probability (docs/method.md §c.2):
 * `'countAware'` → p = min(1, 1/|A_t|), the throughput-optimal ALOHA probability for |A_t| contenders
 * (assumes every user knows |A_t|, e.g. the PS broadcasts it; docs/method.md §h.9); `{ fixed: p }` → a constant.
 */
export type AccessRule = "countAware" | { readonly fixed: number };

/** What a threshold policy does when nobody is active (docs/method.md §c.2 [D]). */
export type EmptyActiveRule = "vanilla" | "silent";

/** Validates an {@link AccessRule}. */
export function checkAccessRule(rule: unknown, parameter = "access"): asserts rule is AccessRule {
  if (rule === "countAware") return;
  if (rule !== null && typeof rule === "object" && "fixed" in rule) {
    assertInRange((rule as { fixed: unknown }).fixed, `${parameter}.fixed`, { min: 0, max: 1 });
    return;
  }
  throw new DescentError(
    `${parameter} must be "countAware" or { fixed: p }, received ${JSON.stringify(rule)}`,
    {
      parameter,
      code: "type",
    },
  );
}

/** Validates an {@link EmptyActiveRule}. */
export function checkEmptyActive(rule: unknown): asserts rule is EmptyActiveRule {
  assertOneOf(rule, "emptyActive", ["vanilla", "silent"]);
}

// Probability vectors that came from the empty-set fallback; a WeakSet keeps the return type a plain
// Float64Array (every policy's contract) while the simulator can still log which frames fell back.
const emptyActiveFallbacks = new WeakSet<Float64Array>();

/**
 * Whether `probabilities` is the vanilla fallback of {@link activeToProbabilities} for an empty active set
 * (every user at 1/N because nobody was chosen), as opposed to users the policy chose.
 */
export function isEmptyActiveFallback(probabilities: Float64Array): boolean {
  return emptyActiveFallbacks.has(probabilities);
}

/**
 * Turns an active set into probabilities: active users get the rule's p, the others 0; an empty active set
 * falls back to vanilla ALOHA (p = 1/N for all, marked for {@link isEmptyActiveFallback}) or stays silent.
 */
export function activeToProbabilities(
  active: readonly boolean[],
  rule: AccessRule,
  emptyActive: EmptyActiveRule = "vanilla",
): Float64Array {
  if (!Array.isArray(active) || !active.every((a) => typeof a === "boolean")) {
    throw new DescentError("active must be an array of booleans", { parameter: "active", code: "type" });
  }
  checkAccessRule(rule);
  checkEmptyActive(emptyActive);
  const n = active.length;
  const p = new Float64Array(n);
  let count = 0;
  for (const a of active) if (a) count++;
  if (count === 0) {
    if (emptyActive === "vanilla" && n > 0) {
      p.fill(1 / n);
      emptyActiveFallbacks.add(p);
    }
    return p;
  }
  const on = rule === "countAware" ? Math.min(1, 1 / count) : rule.fixed;
  for (let u = 0; u < n; u++) if (active[u]) p[u] = on;
  return p;
}
