/**
 * The scheduled reference (docs/method.md §c.3 `roundRobin` [D]): user u sends in slot s of frame t iff
 * u ≡ (t·S + s) mod N. No collisions, S distinct deliveries per frame while S ≤ N.
 *
 * @example
 * ```ts
 * const policy = roundRobinPolicy();
 * ```
 */
import type { AccessPolicy } from "./policy.js";

/** Round-robin TDMA over the users, one user per slot. */
export function roundRobinPolicy(): AccessPolicy {
  return {
    name: "roundRobin",
    frameProbabilities({ frame, slotsPerFrame, users }) {
      const n = users.length;
      const p = new Float64Array(n);
      for (let s = 0; s < slotsPerFrame; s++) p[(frame * slotsPerFrame + s) % n] = 1;
      return p;
    },
    slotProbabilities({ frame, slot, slotsPerFrame, users }) {
      const n = users.length;
      const p = new Float64Array(n);
      p[(frame * slotsPerFrame + slot) % n] = 1;
      return p;
    },
  };
}
