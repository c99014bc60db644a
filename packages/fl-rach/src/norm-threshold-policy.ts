/**
 * The norm-threshold baseline (docs/method.md §c.3 `normThreshold` [C]): a user contends when the norm of its
 * memory-compensated update ‖a_{u,t}‖ is large, either above a fixed threshold or among the top fraction f
 * of users (an oracle ranking that needs every user's norm).
 *
 * @example
 * ```ts
 * const half = normThresholdPolicy({ topFraction: 0.5 });   // docs/method.md §e: top half by ‖a‖
 * const fixed = normThresholdPolicy({ threshold: 0.8 });
 * ```
 */
import { assertFiniteNumber, assertInRange, DescentError } from "@descent/core-tensor";
import {
  type AccessPolicy,
  type AccessRule,
  activeToProbabilities,
  checkAccessRule,
  checkEmptyActive,
  type EmptyActiveRule,
} from "./policy.js";

/** Which users are active: ‖a‖ ≥ threshold, or the ⌈f·N⌉ largest ‖a‖ (ties to the lower index). */
export type NormThresholdRule = { threshold: number } | { topFraction: number };

/** Options of {@link normThresholdPolicy} besides the rule. */
export interface NormThresholdOptions {
  /** Default `'countAware'` (p = 1/|A_t|, docs/method.md §c.3). */
  access?: AccessRule;
  /** Default `'vanilla'` (our choice, as for AoG). */
  emptyActive?: EmptyActiveRule;
}

/** Active iff ‖a_{u,t}‖ ≥ τ_norm, or among the top fraction of users by ‖a_{u,t}‖ (docs/method.md §c.3). */
export function normThresholdPolicy(
  rule: NormThresholdRule,
  options: NormThresholdOptions = {},
): AccessPolicy {
  const { access = "countAware", emptyActive = "vanilla" } = options;
  checkAccessRule(access);
  checkEmptyActive(emptyActive);
  if (rule === null || typeof rule !== "object") {
    throw new DescentError("rule must be { threshold } or { topFraction }", {
      parameter: "rule",
      code: "type",
    });
  }
  if ("threshold" in rule) {
    const tau = rule.threshold;
    assertFiniteNumber(tau, "threshold");
    return {
      name: `normThreshold(τ=${tau})`,
      score: (u) => u.compensatedNorm,
      frameProbabilities: ({ users }) =>
        activeToProbabilities(
          users.map((u) => u.compensatedNorm >= tau),
          access,
          emptyActive,
        ),
    };
  }
  if ("topFraction" in rule) {
    const f = rule.topFraction;
    assertInRange(f, "topFraction", { min: 0, max: 1 });
    return {
      name: `normThreshold(top ${f})`,
      score: (u) => u.compensatedNorm,
      frameProbabilities({ users }) {
        const count = Math.ceil(f * users.length);
        const order = users
          .map((_, i) => i)
          .sort((i, j) => (users[j]?.compensatedNorm ?? 0) - (users[i]?.compensatedNorm ?? 0) || i - j);
        const active = new Array<boolean>(users.length).fill(false);
        for (let r = 0; r < count; r++) active[order[r] as number] = true;
        return activeToProbabilities(active, access, emptyActive);
      },
    };
  }
  throw new DescentError("rule must be { threshold } or { topFraction }", {
    parameter: "rule",
    code: "type",
  });
}
