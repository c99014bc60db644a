/**
 * The collision-free upper bound (docs/method.md §c.3 `ideal` [C], the authors' "centralized" round): every user
 * transmits and the orthogonal uplink of {@link collisionFreeChannel} receives all of them, every frame.
 * With `identityCompressor()` and γ = 1 this is FedAvg (`idealDense`, docs/method.md §f.11). It uses no RACH slots;
 * compare it with the contention policies as a reference line (docs/method.md §h.10).
 *
 * @example
 * ```ts
 * await runRachFl({ ...config, policy: idealPolicy() }); // channel defaults to collisionFreeChannel()
 * ```
 */
import { collisionFreeChannel } from "./channel.js";
import type { AccessPolicy } from "./policy.js";

/** Every user transmits with probability 1 on a collision-free channel. */
export function idealPolicy(): AccessPolicy {
  return {
    name: "ideal",
    frameProbabilities: ({ users }) => new Float64Array(users.length).fill(1),
    defaultChannel: () => collisionFreeChannel(),
  };
}
