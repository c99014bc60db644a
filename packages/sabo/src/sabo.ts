/**
 * SABO — Sharpness-Aware Black-Box Optimization (Ye, Lyu, Wang, Sugiyama, Zhang, Tsang; ICLR 2025).
 *
 * Minimises the worst Gaussian-smoothed value inside a KL ball around the search Gaussian,
 * min_θ max_{KL(p_{θ+δ}‖p_θ) ≤ ρ²} E_{p_{θ+δ}}[F], with function values only (docs/method.md §c.4). Each iteration
 * queries two batches of N points: an *ascent* batch at the current Gaussian whose score-function gradient
 * gives the worst case in closed form (docs/method.md §c.2), and a *descent* batch drawn from that worst case whose
 * gradient drives the INGO-style natural-gradient step of the current Gaussian (docs/method.md §c.3).
 *
 * @example
 * ```ts
 * import { Sabo, minimize } from "@descent/sabo";
 * const sphere = (x: Float64Array) => x.reduce((a, v) => a + v * v, 0);
 * const result = await minimize(sphere, new Sabo({ dim: 10, mean0: 1, rho: 1, seed: 0 }), { maxEvaluations: 8000 });
 * console.log(result.x, result.best.value);
 * ```
 */
import { GaussianSearch } from "./gaussian-search.js";
import { resolveSaboOptions, SABO_OPTION_KEYS, type SaboOptions } from "./gaussian-search-options.js";
import { assertOptionsObject } from "./options-object.js";

/** Default ρ = 0.5·√d (docs/method.md §c.4 and h.1; not a paper value). */
export function defaultRho(dim: number): number {
  return 0.5 * Math.sqrt(dim);
}

/** The SABO optimiser (ask/tell). With `rho: 0` it is INGO step for step (docs/method.md §f.4). */
export class Sabo extends GaussianSearch {
  readonly name = "sabo";

  constructor(options: SaboOptions) {
    assertOptionsObject(options, "options", SABO_OPTION_KEYS);
    super(resolveSaboOptions(options, defaultRho));
  }
}
