/**
 * The oracle baseline `genieBestN` (docs/method.md §c.3 [C], used by the authors to calibrate thresholds): rank the
 * users by ‖a_{u,t}‖; for n = 1..N let the top n contend with p = 1/n on the frame's own channel draws,
 * aggregate, evaluate on the test data, and keep the n with the best score. It costs N evaluations per
 * frame and knows the future of the channel: an upper reference, not a deployable policy.
 *
 * @example
 * ```ts
 * await runRachFl({ ...config, policy: genieBestNPolicy(), evaluate }); // needs `evaluate`
 * ```
 */
import { assertInteger } from "@descent/core-tensor";
import type { AccessPolicy } from "./policy.js";

/** Options of {@link genieBestNPolicy}. */
export interface GenieBestNOptions {
  /** Largest n tried. Default N (all users; docs/method.md §c.3). */
  maxContenders?: number;
}

/** Oracle: the best number of top-‖a‖ contenders, chosen by trial evaluation every frame. */
export function genieBestNPolicy(options: GenieBestNOptions = {}): AccessPolicy {
  const { maxContenders } = options;
  if (maxContenders !== undefined) assertInteger(maxContenders, "maxContenders", { min: 1 });
  const topN = (norms: readonly number[], n: number): Float64Array => {
    const order = norms.map((_, i) => i).sort((i, j) => (norms[j] as number) - (norms[i] as number) || i - j);
    const p = new Float64Array(norms.length);
    for (let r = 0; r < n; r++) p[order[r] as number] = 1 / n;
    return p;
  };
  return {
    name: "genieBestN",
    score: (u) => u.compensatedNorm,
    // without trials (e.g. called directly) it behaves as vanilla ALOHA on everybody
    frameProbabilities: ({ users }) => new Float64Array(users.length).fill(1 / users.length),
    async selectByTrial({ users }, trial) {
      const norms = users.map((u) => u.compensatedNorm);
      const upper = Math.min(users.length, maxContenders ?? users.length);
      let best = topN(norms, 1);
      let bestScore = await trial(best);
      for (let n = 2; n <= upper; n++) {
        const p = topN(norms, n);
        const score = await trial(p);
        if (score > bestScore) {
          best = p;
          bestScore = score;
        }
      }
      return best;
    },
  };
}
