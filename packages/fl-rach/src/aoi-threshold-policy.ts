/**
 * Threshold-ALOHA from the age-of-information literature (docs/method.md §c.3 `aoiThreshold` [D]; "Analysis of
 * Slotted ALOHA with an Age Threshold", arXiv 2007.09197): a user contends only when the PS's view of it is
 * at least Γ old, in frames (decided per frame) or in slots (decided per slot).
 *
 * With a fixed access probability the policy can fall into a congested equilibrium (docs/method.md §h.9); the
 * default count-aware rule avoids it but assumes every user knows |A_t|.
 *
 * @example
 * ```ts
 * const byFrames = aoiThresholdPolicy({ ageThreshold: 4 });                  // N = 10: Γ ≈ 0.4 N frames
 * const bySlots = aoiThresholdPolicy({ ageThreshold: 44, unit: "slot", access: { fixed: 4.69 / 20 } });
 * ```
 */
import { assertOneOf, assertPositive } from "@descent/core-tensor";
import {
  type AccessPolicy,
  type AccessRule,
  activeToProbabilities,
  checkAccessRule,
  checkEmptyActive,
  type EmptyActiveRule,
} from "./policy.js";

/** Options of {@link aoiThresholdPolicy}. */
export interface AoiThresholdOptions {
  /** Γ: the age at which a user starts to contend. No default (docs/method.md §e uses ≈ 0.4·N frames). */
  ageThreshold: number;
  /** Default `'frame'`: ages in frames since the last delivery; `'slot'` decides slot by slot. */
  unit?: "frame" | "slot";
  /** Default `'countAware'` (docs/method.md §e); the literature's rule is `{ fixed: p_age }` (≈ 4.69/n for slots). */
  access?: AccessRule;
  /** Default `'vanilla'` (our choice, as for AoG). */
  emptyActive?: EmptyActiveRule;
}

/** Active iff the age (frames or slots since the last delivery) is at least Γ. */
export function aoiThresholdPolicy(options: AoiThresholdOptions): AccessPolicy {
  const { ageThreshold, unit = "frame", access = "countAware", emptyActive = "vanilla" } = options ?? {};
  assertPositive(ageThreshold, "ageThreshold");
  assertOneOf(unit, "unit", ["frame", "slot"]);
  checkAccessRule(access);
  checkEmptyActive(emptyActive);
  const policy: AccessPolicy = {
    name: `aoiThreshold(Γ=${ageThreshold} ${unit}s)`,
    score: (u) => (unit === "frame" ? u.framesSinceDelivery : u.slotsSinceDelivery),
    frameProbabilities: ({ users }) =>
      activeToProbabilities(
        users.map((u) => (unit === "frame" ? u.framesSinceDelivery : u.slotsSinceDelivery) >= ageThreshold),
        access,
        emptyActive,
      ),
  };
  if (unit === "slot") {
    policy.slotProbabilities = ({ slotAges }) =>
      activeToProbabilities(
        Array.from(slotAges, (age) => age >= ageThreshold),
        access,
        emptyActive,
      );
  }
  return policy;
}
