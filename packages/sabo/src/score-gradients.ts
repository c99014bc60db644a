/**
 * Monte-Carlo score-function estimators of the gradient of the Gaussian relaxation J(μ, s) = E[F(x)],
 * x = μ + σ ⊙ z, z ~ N(0, I), shared by SABO and INGO (docs/method.md §c.1, eqs. (5)-(6)):
 *
 *   ĝ = (1/N) Σ_i f̂_i z_i ⊘ σ                (gradient w.r.t. the mean, eq. (3))
 *   Ĝ = (1/(2N)) Σ_i f̂_i (z_i ⊙ z_i − 1) ⊘ s  (gradient w.r.t. the variances, eq. (4))
 *
 * The batch `z` is stored row-major in one `Float64Array` of N·d entries; the loop touches every entry
 * once and allocates nothing per element.
 */

/** The two gradient estimates of eqs. (5)-(6) ({@link kernels}.scoreGradients). */
export interface DiagonalGradients {
  /** ĝ, gradient of J w.r.t. the mean (eq. (5)). */
  readonly gMean: Float64Array;
  /** Ĝ, gradient of J w.r.t. the diagonal variances (eq. (6)). */
  readonly gVar: Float64Array;
}

/**
 * Eqs. (5)-(6) for a batch `z` (N rows of length d, row-major) drawn at variances `variance`, with shaped
 * values `shaped` (length N). `out` buffers are reused when given.
 */
export function scoreGradients(
  variance: Float64Array,
  z: Float64Array,
  shaped: ArrayLike<number>,
  out?: { gMean: Float64Array; gVar: Float64Array },
): DiagonalGradients {
  const d = variance.length;
  const n = shaped.length;
  const gMean = out?.gMean ?? new Float64Array(d);
  const gVar = out?.gVar ?? new Float64Array(d);
  gMean.fill(0);
  gVar.fill(0);
  let sumF = 0;
  for (let i = 0; i < n; i++) {
    const f = shaped[i] as number;
    sumF += f;
    const row = i * d;
    for (let j = 0; j < d; j++) {
      const zij = z[row + j] as number;
      gMean[j] = (gMean[j] as number) + f * zij;
      gVar[j] = (gVar[j] as number) + f * zij * zij;
    }
  }
  for (let j = 0; j < d; j++) {
    const s = variance[j] as number;
    gMean[j] = (gMean[j] as number) / (n * Math.sqrt(s));
    // Σ f (z² − 1) = Σ f z² − Σ f
    gVar[j] = ((gVar[j] as number) - sumF) / (2 * n * s);
  }
  return { gMean, gVar };
}
