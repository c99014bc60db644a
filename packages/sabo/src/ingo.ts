/**
 * INGO — Black-box optimiser with Implicit Natural Gradient (Lyu & Tsang, arXiv:1910.04301), the method
 * SABO builds on and its main baseline (docs/method.md §c.6): one batch per iteration, the score-function gradients
 * (5)-(6) at the current Gaussian and the KL-proximal step (9)-(10). The diagonal version is SABO with
 * ρ = 0; the full version updates Σ⁻¹ with the whitened outer products.
 *
 * **Defaults: SABO's** (N = 20, β = 1/√d, mean step with s_{t+1} as in eq. (10), floor 1e-12), not the
 * optunahub reference sampler's. Why: INGO is SABO's ablation — with equal defaults the two differ only by
 * ρ (docs/method.md §f.4: ρ = 0 is INGO step for step), and every experiment of docs/method.md (e.1–e.3) runs INGO with
 * N = 20 next to SABO. The sampler's choices (docs/method.md §c.6: N = 4 + ⌊3 ln d⌋ rounded down to even, β = 1/√d,
 * mean step with the *current* variance, inverse-variance floor 1e-8) are one spread away:
 * `new Ingo({ dim, ...ingoReferenceOptions(dim) })`.
 *
 * @example
 * ```ts
 * const result = await minimize(f, new Ingo({ dim: 100, mean0: 1, learningRate: 0.2 }), { maxEvaluations: 40_000 });
 * ```
 */
import { assertInteger } from "@descent/core-tensor";
import { GaussianSearch } from "./gaussian-search.js";
import {
  GAUSSIAN_SEARCH_OPTION_KEYS,
  type GaussianSearchOptions,
  resolveSaboOptions,
} from "./gaussian-search-options.js";
import { assertOptionsObject } from "./options-object.js";

/** Options of {@link Ingo}: SABO's without the perturbation. */
export type IngoOptions = GaussianSearchOptions;

/** The INGO optimiser (ask/tell), diagonal (default) or full covariance. */
export class Ingo extends GaussianSearch {
  readonly name = "ingo";

  constructor(options: IngoOptions) {
    // rho is accepted and ignored (INGO is SABO at ρ = 0), as documented
    assertOptionsObject(options, "options", [...GAUSSIAN_SEARCH_OPTION_KEYS, "rho"]);
    const o = options === null || typeof options !== "object" ? options : { ...options, rho: 0 };
    super(resolveSaboOptions(o as IngoOptions, () => 0));
  }
}

/** Population size of the optunahub INGO sampler: 4 + ⌊3 ln d⌋, rounded down to an even number (docs/method.md §c.6). */
export function ingoReferencePopulation(dim: number): number {
  assertInteger(dim, "dim", { min: 1 });
  const n = 4 + Math.floor(3 * Math.log(dim));
  return n - (n % 2);
}

/**
 * The optunahub INGO sampler's defaults (docs/method.md §c.6) as {@link IngoOptions} to spread into `new Ingo(...)`:
 * population 4 + ⌊3 ln d⌋ rounded down to even, β = 1/√d, mean step with the current variance
 * (`meanPreconditioner: 'current'`, the "fast" form) and inverse variances floored at 1e-8.
 */
export function ingoReferenceOptions(
  dim: number,
): Required<
  Pick<IngoOptions, "populationSize" | "learningRate" | "meanPreconditioner" | "invVarianceFloor">
> {
  return {
    populationSize: ingoReferencePopulation(dim),
    learningRate: 1 / Math.sqrt(dim),
    meanPreconditioner: "current",
    invVarianceFloor: 1e-8,
  };
}
