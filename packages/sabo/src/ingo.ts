/**
 * INGO — Black-box optimiser with Implicit Natural Gradient (Lyu & Tsang, arXiv:1910.04301), the method
 * SABO builds on and its main baseline (spec c.6): one batch per iteration, the score-function gradients
 * (5)-(6) at the current Gaussian and the KL-proximal step (9)-(10). The diagonal version is SABO with
 * ρ = 0; the full version updates Σ⁻¹ with the whitened outer products.
 *
 * Defaults follow SABO's (N = 20, β = 1/√d, mean step with s_{t+1}, floor 1e-12) so that the two compare
 * like for like; the optunahub reference sampler's choices are available as options
 * (`populationSize: 4 + ⌊3 ln d⌋` rounded down to even, `meanPreconditioner: 'current'`,
 * `invVarianceFloor: 1e-8`).
 *
 * @example
 * ```ts
 * const result = await minimize(f, new Ingo({ dim: 100, mean0: 1, learningRate: 0.2 }), { maxEvaluations: 40_000 });
 * ```
 */
import { GaussianSearch } from "./gaussian-search.js";
import { type GaussianSearchOptions, resolveSaboOptions } from "./gaussian-search-options.js";

/** Options of {@link Ingo}: SABO's without the perturbation. */
export type IngoOptions = GaussianSearchOptions;

/** The INGO optimiser (ask/tell), diagonal (default) or full covariance. */
export class Ingo extends GaussianSearch {
  readonly name = "ingo";

  constructor(options: IngoOptions) {
    const o = options === null || typeof options !== "object" ? options : { ...options, rho: 0 };
    super(resolveSaboOptions(o as IngoOptions, () => 0));
  }
}

/** Population size of the optunahub INGO sampler: 4 + ⌊3 ln d⌋, rounded down to an even number (spec c.6). */
export function ingoReferencePopulation(dim: number): number {
  const n = 4 + Math.floor(3 * Math.log(dim));
  return n - (n % 2);
}
