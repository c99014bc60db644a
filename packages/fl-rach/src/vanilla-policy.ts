/**
 * Plain slotted ALOHA, the baseline every RACH-FL paper compares with (docs/method.md §c.3 `vanilla`): every user
 * contends in every slot with the same probability, p = 1/N by default [C].
 *
 * @example
 * ```ts
 * const policy = vanillaAlohaPolicy();          // p = 1/N
 * const eager = vanillaAlohaPolicy({ p: 0.3 });
 * ```
 */
import { assertInRange } from "@descent/core-tensor";
import type { AccessPolicy } from "./policy.js";

/** Options of {@link vanillaAlohaPolicy}. */
export interface VanillaAlohaOptions {
  /** Slot transmission probability. Default 1/N (the authors' scripts, [C]). */
  p?: number;
}

/** Every user transmits in every slot with probability p (default 1/N). */
export function vanillaAlohaPolicy(options: VanillaAlohaOptions = {}): AccessPolicy {
  const { p } = options;
  if (p !== undefined) assertInRange(p, "p", { min: 0, max: 1 });
  return {
    name: p === undefined ? "vanilla" : `vanilla(p=${p})`,
    frameProbabilities: ({ users }) => new Float64Array(users.length).fill(p ?? 1 / users.length),
  };
}
