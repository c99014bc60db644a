/**
 * SAVO's surrogate of the Q-landscape (Jain et al. 2025): Ψ_0 = Q and, for i ≥ 1,
 *
 *   Ψ_i(s, a; a_{<i}) = max( Q(s, a), max_{j<i} Q(s, a_j) ),
 *
 * Q itself wherever it beats every earlier proposal and a flat plateau elsewhere, so Ψ_i has no local
 * maximum below the best value found so far. The plateau has zero gradient, which is why the agent
 * fits a smooth network Ψ̂_i to it and lets actor i ascend Ψ̂_i (docs/savo.md, "surrogates").
 */
import { DescentError } from "@descent/core-tensor";

/** Ψ_i as a function of the action, given Q(s, ·) at one state and the earlier proposals a_{<i}. */
export function truncatedSurrogate<A>(
  q: (action: A) => number,
  earlierActions: readonly A[],
): (action: A) => number {
  if (typeof q !== "function") {
    throw new DescentError("q must be a function of the action", {
      parameter: "q",
      code: "invalid-argument",
    });
  }
  let plateau = Number.NEGATIVE_INFINITY;
  for (const a of earlierActions) plateau = Math.max(plateau, q(a));
  return (action: A) => Math.max(q(action), plateau);
}
