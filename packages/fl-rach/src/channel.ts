/**
 * Channel models of the uplink: what the parameter server decodes in one slot, given who transmitted
 * (docs/method.md §b, "Uplink"). The default is the authors' collision model: success iff exactly one user transmits,
 * every packet of a collision is lost [C]. The interface is pluggable: capture and erasures are provided
 * here, and `collisionFreeChannel` is the `ideal` baseline's orthogonal uplink.
 *
 * @example
 * ```ts
 * const ch = captureChannel({ captureProbability: 0.3 });
 * ch.resolve([2, 5], { frame: 0, slot: 1 }, counterRng(1)); // collision, or a capture of 2 or 5
 * ```
 */
import { assertInRange, DescentError } from "@descent/core-tensor";
import { type RandomSource, RngStream } from "./random-source.js";

/** What happened in one slot. */
export type SlotOutcome =
  /** Nobody transmitted. */
  | { readonly kind: "idle" }
  /** One packet was decoded. `contenders` lists every transmitter when a capture resolved a collision. */
  | { readonly kind: "success"; readonly user: number; readonly contenders?: readonly number[] }
  /** Two or more transmitted and nothing was decoded. */
  | { readonly kind: "collision"; readonly users: readonly number[] }
  /** A lone packet was lost to channel noise (erasure channels only). */
  | { readonly kind: "erasure"; readonly user: number }
  /** An orthogonal (collision-free) uplink decoded every transmitter (the `ideal` baseline). */
  | { readonly kind: "orthogonal"; readonly users: readonly number[] };

/** Where in the run a slot lies (channel models may draw from `RngStream.Capture` at this address). */
export interface SlotAddress {
  readonly frame: number;
  readonly slot: number;
}

/** A channel model: maps the set of transmitters of a slot to its outcome. Must be pure given `rng`. */
export interface AccessChannel {
  readonly name: string;
  /** The users whose packets the PS decodes, as a {@link SlotOutcome}; `transmitters` is ascending. */
  resolve(transmitters: readonly number[], at: SlotAddress, rng: RandomSource): SlotOutcome;
}

/** The users a slot outcome delivers to the PS. */
export function deliveredUsers(outcome: SlotOutcome): readonly number[] {
  switch (outcome.kind) {
    case "success":
      return [outcome.user];
    case "orthogonal":
      return outcome.users;
    default:
      return [];
  }
}

function collisionOutcome(transmitters: readonly number[]): SlotOutcome {
  if (transmitters.length === 0) return { kind: "idle" };
  if (transmitters.length === 1) return { kind: "success", user: transmitters[0] as number };
  return { kind: "collision", users: transmitters.slice() };
}

/** Slotted ALOHA with the collision model: success iff exactly one user transmits (docs/method.md §b [C]). */
export function collisionChannel(): AccessChannel {
  return { name: "collision", resolve: (transmitters) => collisionOutcome(transmitters) };
}

/** Options of {@link captureChannel}. */
export interface CaptureChannelOptions {
  /**
   * Probability c that a collision of k ≥ 2 packets is still resolved in favour of one transmitter chosen
   * uniformly at random (docs/method.md §f.7). No default: a capture model must be chosen deliberately.
   */
  captureProbability: number;
}

/**
 * Collision model with capture (docs/method.md §f.7): a collision is decoded with probability c, as the packet of a
 * uniformly chosen transmitter. Draws `U(Capture, frame, slot, 0)` and `U(Capture, frame, slot, 1)`.
 */
export function captureChannel(options: CaptureChannelOptions): AccessChannel {
  const c = options?.captureProbability;
  assertInRange(c, "captureProbability", { min: 0, max: 1 });
  return {
    name: `capture(${c})`,
    resolve(transmitters, at, rng) {
      if (transmitters.length < 2) return collisionOutcome(transmitters);
      if (rng.uniform(RngStream.Capture, at.frame, at.slot, 0) >= c) return collisionOutcome(transmitters);
      const pick = Math.floor(rng.uniform(RngStream.Capture, at.frame, at.slot, 1) * transmitters.length);
      return { kind: "success", user: transmitters[pick] as number, contenders: transmitters.slice() };
    },
  };
}

/** Options of {@link erasureChannel}. */
export interface ErasureChannelOptions {
  /** Probability that a lone packet is lost anyway (packet error rate). No default. */
  erasureProbability: number;
}

/**
 * Collision model with packet erasures: a lone transmission is lost with probability e (draw
 * `U(Capture, frame, slot, 2)`), collisions are lost as usual. Our addition, to show the interface is open.
 */
export function erasureChannel(options: ErasureChannelOptions): AccessChannel {
  const e = options?.erasureProbability;
  assertInRange(e, "erasureProbability", { min: 0, max: 1 });
  return {
    name: `erasure(${e})`,
    resolve(transmitters, at, rng) {
      const outcome = collisionOutcome(transmitters);
      if (outcome.kind === "success" && rng.uniform(RngStream.Capture, at.frame, at.slot, 2) < e) {
        return { kind: "erasure", user: outcome.user };
      }
      return outcome;
    },
  };
}

/** An orthogonal uplink: every transmitter is decoded (the `ideal` baseline of docs/method.md §c.3). */
export function collisionFreeChannel(): AccessChannel {
  return {
    name: "collision-free",
    resolve(transmitters) {
      if (transmitters.length === 0) return { kind: "idle" };
      return { kind: "orthogonal", users: transmitters.slice() };
    },
  };
}

/** Checks that a user-supplied channel returned a well-formed outcome (used by the simulator). */
export function checkOutcome(outcome: SlotOutcome, transmitters: readonly number[], channel: string): void {
  const ok = (u: number) => transmitters.includes(u);
  const valid =
    outcome !== null &&
    typeof outcome === "object" &&
    (outcome.kind === "idle" ||
      (outcome.kind === "success" && ok(outcome.user)) ||
      (outcome.kind === "erasure" && ok(outcome.user)) ||
      ((outcome.kind === "collision" || outcome.kind === "orthogonal") && outcome.users.every(ok)));
  if (!valid) {
    throw new DescentError(
      `channel "${channel}" returned an outcome that names a user who did not transmit (transmitters [${transmitters.join(", ")}])`,
      { parameter: "channel", code: "channel-outcome" },
    );
  }
}
