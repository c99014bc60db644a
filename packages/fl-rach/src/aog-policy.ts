/**
 * The Age-of-Gradient (AoG) policy, the paper's method (docs/method.md §c.2).
 *
 * Each user compares a local staleness score with a threshold τ; active users contend for the frame's
 * slots, the others stay silent. The paper's score is "the current local memory magnitude minus the
 * magnitude of the fresh gradient update" [P]: aog = ‖m_{u,t}‖ − ‖Δ_{u,t}‖. Because the memory grows while a
 * user's packets are not getting through, the score tracks the age of the PS's view of that user.
 *
 * @example
 * ```ts
 * const policy = aogPolicy({ threshold: 0.02 });                      // difference form, count-aware access
 * const ratio = aogPolicy({ metric: "ratio", threshold: 3 });         // ‖m‖/‖Δ‖ ≥ 1 + τ
 * const half = aogPolicy({ threshold: { quantile: 0.5 } });           // the more stale half (oracle variant)
 * ```
 */
import {
  assertFiniteNumber,
  assertInRange,
  assertKnownOptions,
  assertOneOf,
  DescentError,
} from "@descent/core-tensor";
import {
  type AccessPolicy,
  type AccessRule,
  activeToProbabilities,
  checkAccessRule,
  checkEmptyActive,
  type EmptyActiveRule,
  type UserView,
} from "./policy.js";

/** The AoG staleness score (docs/method.md §c.2). */
export type AogMetric = "memoryMinusUpdate" | "accumulatedMinusUpdate" | "ratio";

/** Options of {@link aogPolicy}. */
export interface AogPolicyOptions {
  /**
   * τ, or `{ quantile: q }` for τ_t = the q-quantile of the N scores of frame t (linear interpolation; an
   * oracle variant that needs every user's score, [D]). Default 0 for the difference forms and 1 for
   * `'ratio'` (docs/method.md §g). τ is in update-norm units: no value is prescribed by the paper; sweep it
   * (docs/method.md §c.2, pitfall 8). `-Infinity` makes every user active.
   */
  threshold?: number | { quantile: number };
  /**
   * Default `'memoryMinusUpdate'`: ‖m_{u,t}‖ − ‖Δ_{u,t}‖ with the memory before adding Δ ([P] for the
   * difference, [D] for "before"). `'accumulatedMinusUpdate'`: ‖a_{u,t}‖ − ‖Δ_{u,t}‖. `'ratio'`:
   * ‖m‖/‖Δ‖ compared with 1 + τ (scale-free variant, [D]).
   */
  metric?: AogMetric;
  /** Default `'countAware'`: p = min(1, 1/|A_t|) for active users ([D], docs/method.md §c.2). */
  access?: AccessRule;
  /** Default `'vanilla'`: an empty active set falls back to p = 1/N for all ([D]). */
  emptyActive?: EmptyActiveRule;
}

/**
 * The AoG score of one user. For `'ratio'` a zero update gives +∞ when the memory is non-zero and 0 when
 * both are zero (our convention).
 */
export function aogScore(user: UserView, metric: AogMetric = "memoryMinusUpdate"): number {
  switch (metric) {
    case "memoryMinusUpdate":
      return user.memoryNorm - user.updateNorm;
    case "accumulatedMinusUpdate":
      return user.compensatedNorm - user.updateNorm;
    case "ratio":
      if (user.updateNorm > 0) return user.memoryNorm / user.updateNorm;
      return user.memoryNorm > 0 ? Number.POSITIVE_INFINITY : 0;
  }
}

/**
 * The q-quantile of `values` with linear interpolation between order statistics (type 7). ±Infinity is a
 * legitimate score (the ratio metric of a user with no update); NaN and an empty list are errors.
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values === null || typeof values !== "object" || !((values as ArrayLike<number>).length > 0)) {
    throw new DescentError("values must be a non-empty array of numbers", {
      parameter: "values",
      code: "empty",
    });
  }
  assertInRange(q, "q", { min: 0, max: 1 });
  const sorted = Float64Array.from(values).sort();
  if (sorted.some(Number.isNaN)) {
    throw new DescentError("values must not contain NaN", { parameter: "values", code: "finite" });
  }
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/** The AoG policy (docs/method.md §c.2): A_t = { u : score ≥ τ } (ratio form: score ≥ 1 + τ). */
export function aogPolicy(options: AogPolicyOptions = {}): AccessPolicy {
  assertKnownOptions(options, ["metric", "threshold", "access", "emptyActive"]);
  const { metric = "memoryMinusUpdate", access = "countAware", emptyActive = "vanilla" } = options;
  assertOneOf(metric, "metric", ["memoryMinusUpdate", "accumulatedMinusUpdate", "ratio"]);
  checkAccessRule(access);
  checkEmptyActive(emptyActive);
  const threshold = options.threshold ?? (metric === "ratio" ? 1 : 0);
  let quantileLevel: number | undefined;
  if (typeof threshold === "object" && threshold !== null) {
    if (!("quantile" in threshold)) {
      throw new DescentError("threshold must be a number or { quantile }", {
        parameter: "threshold",
        code: "type",
      });
    }
    assertInRange(threshold.quantile, "threshold.quantile", { min: 0, max: 1 });
    quantileLevel = threshold.quantile;
  } else if (threshold !== Number.NEGATIVE_INFINITY) {
    assertFiniteNumber(threshold, "threshold");
  }
  const offset = metric === "ratio" ? 1 : 0; // docs/method.md §c.2: the ratio form compares with 1 + τ
  const label = quantileLevel === undefined ? `τ=${String(threshold)}` : `quantile=${String(quantileLevel)}`;
  return {
    name: `aog(${metric}, ${label})`,
    score: (user) => aogScore(user, metric),
    frameProbabilities({ users }) {
      const scores = users.map((u) => aogScore(u, metric));
      const tau =
        quantileLevel === undefined ? (threshold as number) + offset : quantile(scores, quantileLevel);
      return activeToProbabilities(
        scores.map((s) => s >= tau),
        access,
        emptyActive,
      );
    },
  };
}
