/**
 * The margin losses of the paper (docs/method.md §b) in numerically stable float64 form (docs/method.md §h: "stable
 * logistic"): `ℓ(m) = log(1 + e^{−m})` and its derivative weight `σ(−m) = 1/(1 + e^{m})`.
 */

/** Logistic loss `log(1 + e^{−m})`, stable for large |m|. */
export function logisticLoss(m: number): number {
  return m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
}

/** `σ(−m) = 1/(1 + e^{m}) = −ℓ'(m)` for the logistic loss, without overflow. */
export function logisticWeight(m: number): number {
  if (m >= 0) {
    const e = Math.exp(-m);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(m));
}

/** Hinge loss `max(0, 1 − m)` (evaluation only: the solvers are for the logistic loss, docs/method.md §h). */
export function hingeLoss(m: number): number {
  return m < 1 ? 1 - m : 0;
}
