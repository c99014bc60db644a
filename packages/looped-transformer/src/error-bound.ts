/**
 * The paper's error theory (docs/method.md §c.4): T loops of the GD construction contract the weight error by
 * `(1 − 1/κ)^T` with `η = 1/λ_max`, or `((κ−1)/(κ+1))^T` with the optimal fixed step; and the closed
 * form (3) of the best one-step model on Gaussian prompts.
 */
import { assertInRange, assertInteger, assertOneOf } from "@descent/core-tensor";

/** Step-size rule of the bound: `η = 1/λ_max(Ŝ)` or the optimal fixed step `2/(λ_max + λ_min)`. */
export type StepRule = "inverseLmax" | "optimal";

/**
 * Upper bound on `‖w_T − w*‖/‖w_0 − w*‖` after `loops` GD steps (docs/method.md §c.4, eq. (2)).
 * `κ = Infinity` gives 1 (no guarantee, docs/method.md §h.8).
 *
 * @param kappa condition number of `XᵀX` (≥ 1)
 * @param loops number of loops T (integer ≥ 0)
 * @param rule `"inverseLmax"` (default, the paper's step) or `"optimal"`
 */
export function errorBound(kappa: number, loops: number, rule: StepRule = "inverseLmax"): number {
  if (kappa !== Number.POSITIVE_INFINITY) assertInRange(kappa, "kappa", { min: 1 });
  assertInteger(loops, "loops", { min: 0 });
  assertOneOf(rule, "rule", ["inverseLmax", "optimal"] as const);
  if (kappa === Number.POSITIVE_INFINITY) return 1;
  const factor = rule === "inverseLmax" ? 1 - 1 / kappa : (kappa - 1) / (kappa + 1);
  return factor ** loops;
}

/**
 * Smallest T with `errorBound(κ, T) ≤ ε` (docs/method.md §c.4: `T ≥ κ ln(1/ε)` suffices; this is the exact
 * smallest T of the bound, which is ≤ ⌈κ ln(1/ε)⌉). `Infinity` for `κ = Infinity`; 0 for `κ = 1`.
 */
export function loopsForAccuracy(kappa: number, epsilon: number, rule: StepRule = "inverseLmax"): number {
  if (kappa !== Number.POSITIVE_INFINITY) assertInRange(kappa, "kappa", { min: 1 });
  assertInRange(epsilon, "epsilon", { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true });
  assertOneOf(rule, "rule", ["inverseLmax", "optimal"] as const);
  if (kappa === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (kappa === 1) return 1; // one step with η = 1/λ_max lands on w* exactly
  const factor = rule === "inverseLmax" ? 1 - 1 / kappa : (kappa - 1) / (kappa + 1);
  return Math.ceil(Math.log(epsilon) / Math.log(factor) - 1e-12);
}

/**
 * The best one-loop model on Gaussian prompts (docs/method.md §c.4, eq. (3)): with `E[Ŝ²] = (1 + (d+1)/n) I`,
 * the optimal scalar step is `η*₁ = n/(n+d+1)` and its population MSE `d(d+1)/(n+d+1)`.
 *
 * @example oneStepOptimum(5, 20) // { eta: 0.769…, mse: 1.1538… }
 */
export function oneStepOptimum(d: number, n: number): { eta: number; mse: number } {
  assertInteger(d, "d", { min: 1 });
  assertInteger(n, "n", { min: 1 });
  return { eta: n / (n + d + 1), mse: (d * (d + 1)) / (n + d + 1) };
}

/**
 * Limit of κ for Gaussian data at a fixed ratio `n/d` as `d → ∞` (docs/method.md §e.3, Marchenko–Pastur edges):
 * `((1 + √(d/n)) / (1 − √(d/n)))²`; `Infinity` for `n/d ≤ 1`.
 */
export function asymptoticKappa(ratio: number): number {
  assertInRange(ratio, "ratio", { min: 0, exclusiveMin: true });
  if (ratio <= 1) return Number.POSITIVE_INFINITY;
  const r = Math.sqrt(1 / ratio);
  return ((1 + r) / (1 - r)) ** 2;
}
