/**
 * The INGO-style outer step on a diagonal Gaussian (docs/method.md §c.3, eqs. (9)-(10)), shared by SABO (with the
 * gradient taken at the worst case) and INGO (gradient at the current Gaussian):
 *
 *   s_{t+1}⁻¹ = s_t⁻¹ + 2 β G̃            (KL-proximal / natural-gradient step on the precision)
 *   μ_{t+1}   = μ_t − β s_{t+1} ⊙ g̃
 *
 * with the safeguard s_{t+1}⁻¹ := max(s_{t+1}⁻¹, floor) (our choice, floor 1e-12), the option
 * `'multiplicative'` s_{t+1}⁻¹ = s_t⁻¹ ⊙ exp(clip(2β G̃ ⊙ s_t, −1, 1)) (same first-order step, always
 * positive) and the option `meanPreconditioner: 'current'` using s_t in the mean step ("fast INGO").
 */

/** How the precision is updated (docs/method.md §c.3). */
export type CovarianceUpdate = "additive" | "multiplicative";
/** The accepted {@link CovarianceUpdate} values. */
export const COVARIANCE_UPDATES: readonly CovarianceUpdate[] = ["additive", "multiplicative"];

/** Which variance preconditions the mean step: s_{t+1} (eq. (10)) or s_t ("fast INGO"). */
export type MeanPreconditioner = "next" | "current";
/** The accepted {@link MeanPreconditioner} values. */
export const MEAN_PRECONDITIONERS: readonly MeanPreconditioner[] = ["next", "current"];

/** Settings of the natural-gradient step of eqs. (9)-(10) (`kernels.naturalGradientStep`). */
export interface NaturalGradientStepSettings {
  /** How the variances are updated (see {@link CovarianceUpdate}). */
  readonly covarianceUpdate: CovarianceUpdate;
  /** Which variance preconditions the mean step (see {@link MeanPreconditioner}). */
  readonly meanPreconditioner: MeanPreconditioner;
  /** Lower bound on the updated inverse variances, keeping them positive. */
  readonly invVarianceFloor: number;
}

/** What to do when the additive step (9) gives a non-positive precision (docs/method.md §h.3). */
export type NonPositivePrecision = "stop" | "floor";
/** The accepted {@link NonPositivePrecision} values. */
export const NON_POSITIVE_PRECISIONS: readonly NonPositivePrecision[] = ["stop", "floor"];

/**
 * The first coordinate j whose additive precision step (9), 1/s_j + 2β G̃_j, is ≤ 0 (or not a number), or −1.
 * Such a step has no Gaussian to go to: flooring it sets s_j = 1/floor (1e12 by default) and the mean step (10)
 * then throws μ_j to about β·1e12·g̃_j (docs/method.md §h.3).
 */
export function firstNonPositivePrecision(variance: Float64Array, gVar: Float64Array, beta: number): number {
  for (let j = 0; j < variance.length; j++) {
    const inv = 1 / (variance[j] as number) + 2 * beta * (gVar[j] as number);
    if (!(inv > 0)) return j;
  }
  return -1;
}

/** Applies eqs. (9)-(10) in place to `mean` and `variance` with step size `beta`. */
export function naturalGradientStep(
  mean: Float64Array,
  variance: Float64Array,
  gMean: Float64Array,
  gVar: Float64Array,
  beta: number,
  settings: NaturalGradientStepSettings,
): void {
  const { covarianceUpdate, meanPreconditioner, invVarianceFloor } = settings;
  const multiplicative = covarianceUpdate === "multiplicative";
  const useNext = meanPreconditioner === "next";
  for (let j = 0; j < mean.length; j++) {
    const s = variance[j] as number;
    const G = gVar[j] as number;
    let inv: number;
    if (multiplicative) {
      let e = 2 * beta * G * s;
      if (e > 1) e = 1;
      else if (e < -1) e = -1;
      inv = Math.exp(e) / s;
    } else {
      inv = 1 / s + 2 * beta * G;
    }
    if (!(inv >= invVarianceFloor)) inv = invVarianceFloor;
    const sNext = 1 / inv;
    mean[j] = (mean[j] as number) - beta * (useNext ? sNext : s) * (gMean[j] as number);
    variance[j] = sNext;
  }
}
