/**
 * SABO's inner maximisation (docs/method.md §c.2): the worst-case Gaussian inside the KL ball
 * KL(p_{θ+δ} ‖ p_θ) ≤ ρ² for the linearised relaxation J(θ) + ĝᵀδ_μ + Ĝᵀδ_s, in closed form.
 *
 * - `'fisher'` (default, derived): the quadratic (Fisher) KL (2); δ is the natural-gradient ascent
 *   direction scaled to Fisher length √2·ρ, eqs. (7)-(8).
 * - `'exactKL'` (derived): the exact Gaussian KL (1); the multiplier λ is found by bisection on log λ.
 *
 * Both are followed by the positivity safeguard (our choice) s̃ = s ⊙ (1 + clip(δ_s ⊘ s, −c, c)).
 */

/** Which KL the inner maximisation uses. */
export type PerturbationKind = "fisher" | "exactKL";

/** The accepted {@link PerturbationKind} values. */
export const PERTURBATION_KINDS: readonly PerturbationKind[] = ["fisher", "exactKL"];

/** A perturbation δ = (δ_μ, δ_s) and its Lagrange multiplier. */
export interface Perturbation {
  readonly dMean: Float64Array;
  readonly dVar: Float64Array;
  /** λ of the Lagrangian; `Infinity` when δ = 0 (ρ = 0 or a flat batch). */
  readonly lambda: number;
}

/**
 * An inner maximiser (docs/method.md §c.2): the δ of the linearised objective on the KL ball of radius ρ around
 * N(μ, diag(s)), written into `out` when given (fresh arrays otherwise).
 */
export type PerturbationSolver = (
  variance: Float64Array,
  gMean: Float64Array,
  gVar: Float64Array,
  rho: number,
  out?: { dMean: Float64Array; dVar: Float64Array },
) => Perturbation;

/** Below this q the batch carries no direction and δ := 0 (docs/method.md §c.2, h.5). */
export const FLAT_Q = 1e-300;

/** The quadratic (Fisher) KL (2): ½ Σ δ_μ²/s + ¼ Σ (δ_s/s)². */
export function quadraticKL(variance: Float64Array, dMean: Float64Array, dVar: Float64Array): number {
  let a = 0;
  let b = 0;
  for (let j = 0; j < variance.length; j++) {
    const s = variance[j] as number;
    const m = dMean[j] as number;
    const r = (dVar[j] as number) / s;
    a += (m * m) / s;
    b += r * r;
  }
  return 0.5 * a + 0.25 * b;
}

/** The exact KL (1) of N(μ+δ_μ, diag(s+δ_s)) from N(μ, diag(s)); `Infinity` if some s + δ_s ≤ 0. */
export function exactKL(variance: Float64Array, dMean: Float64Array, dVar: Float64Array): number {
  let total = 0;
  for (let j = 0; j < variance.length; j++) {
    const s = variance[j] as number;
    const r = (dVar[j] as number) / s;
    if (!(1 + r > 0)) return Number.POSITIVE_INFINITY;
    const m = dMean[j] as number;
    total += r - Math.log1p(r) + (m * m) / s;
  }
  return 0.5 * total;
}

/** q = ½ Σ s ĝ² + Σ s² Ĝ², the squared Fisher norm of the natural gradient (docs/method.md §c.2). */
function fisherQ(variance: Float64Array, gMean: Float64Array, gVar: Float64Array): number {
  let q = 0;
  for (let j = 0; j < variance.length; j++) {
    const s = variance[j] as number;
    const g = gMean[j] as number;
    const G = gVar[j] as number;
    q += 0.5 * s * g * g + s * s * G * G;
  }
  return q;
}

/** δ = 0 with λ = ∞: ρ = 0, or a flat batch (docs/method.md §c.2, h.5). */
function zeroPerturbation(dMean: Float64Array, dVar: Float64Array): Perturbation {
  dMean.fill(0);
  dVar.fill(0);
  return { dMean, dVar, lambda: Number.POSITIVE_INFINITY };
}

/**
 * The frame both inner maximisers share: output buffers (`out`'s or fresh), q, and δ = 0 when ρ = 0 or the
 * batch is flat (docs/method.md §c.2, h.5); otherwise `solve(q, dMean, dVar)` fills δ and returns λ.
 */
function perturbation(
  variance: Float64Array,
  gMean: Float64Array,
  gVar: Float64Array,
  rho: number,
  out: { dMean: Float64Array; dVar: Float64Array } | undefined,
  solve: (q: number, dMean: Float64Array, dVar: Float64Array) => number,
): Perturbation {
  const d = variance.length;
  const dMean = out?.dMean ?? new Float64Array(d);
  const dVar = out?.dVar ?? new Float64Array(d);
  const q = fisherQ(variance, gMean, gVar);
  if (!(q >= FLAT_Q) || rho === 0) return zeroPerturbation(dMean, dVar);
  const lambda = solve(q, dMean, dVar);
  return { dMean, dVar, lambda };
}

/**
 * Eqs. (7)-(8): q = ½ Σ s ĝ² + Σ s² Ĝ², λ = √q/ρ, δ_μ = s ⊙ ĝ/λ, δ_s = 2 s² ⊙ Ĝ/λ.
 * The quadratic KL (2) of the result is exactly ρ² (unless q < 1e-300 or ρ = 0, then δ = 0).
 */
export const perturbFisher: PerturbationSolver = (variance, gMean, gVar, rho, out) =>
  perturbation(variance, gMean, gVar, rho, out, (q, dMean, dVar) => {
    const lambda = Math.sqrt(q) / rho;
    for (let j = 0; j < variance.length; j++) {
      const s = variance[j] as number;
      dMean[j] = (s * (gMean[j] as number)) / lambda;
      dVar[j] = (2 * s * s * (gVar[j] as number)) / lambda;
    }
    return lambda;
  });

/** KL (1) as a function of λ at the stationary point (docs/method.md §c.2, 'exactKL'), with a_j = 2 s_j Ĝ_j/λ. */
function exactKLOfLambda(
  variance: Float64Array,
  gMean: Float64Array,
  gVar: Float64Array,
  lambda: number,
): number {
  let meanPart = 0;
  let varPart = 0;
  for (let j = 0; j < variance.length; j++) {
    const s = variance[j] as number;
    const g = gMean[j] as number;
    const a = (2 * s * (gVar[j] as number)) / lambda;
    if (!(a < 1)) return Number.POSITIVE_INFINITY;
    meanPart += s * g * g;
    varPart += a / (1 - a) + Math.log1p(-a);
  }
  return 0.5 * (meanPart / (lambda * lambda) + varPart);
}

/** Bisection steps on log λ (docs/method.md §c.2). */
const BISECTION_STEPS = 60;

/**
 * The exact-KL stationary point (docs/method.md §c.2, option 'exactKL'): δ_μ = s ⊙ ĝ/λ and
 * δ_s,j = 2 s_j² Ĝ_j/(λ − 2 s_j Ĝ_j), with λ > λ_min = max(0, max_j 2 s_j Ĝ_j) chosen by 60 bisection
 * steps on log λ so that KL (1) = ρ². KL(λ) decreases monotonically from +∞ to 0 on (λ_min, ∞).
 */
export const perturbExactKL: PerturbationSolver = (variance, gMean, gVar, rho, out) =>
  perturbation(variance, gMean, gVar, rho, out, (q, dMean, dVar) => {
    const d = variance.length;
    let lambdaMin = 0;
    for (let j = 0; j < d; j++)
      lambdaMin = Math.max(lambdaMin, 2 * (variance[j] as number) * (gVar[j] as number));
    const target = rho * rho;
    const kl = (lambda: number) => exactKLOfLambda(variance, gMean, gVar, lambda);
    // the Fisher multiplier is the small-ρ limit, a natural starting guess for the bracket
    const guess = Math.max(Math.sqrt(q) / rho, lambdaMin * 2);
    let hi = guess;
    for (let k = 0; k < 2000 && kl(hi) >= target; k++) hi *= 2;
    let lo: number;
    if (lambdaMin > 0) {
      lo = lambdaMin * (1 + 1e-12);
    } else {
      lo = Math.min(guess, hi);
      for (let k = 0; k < 2000 && kl(lo) <= target; k++) lo /= 2;
    }
    let logLo = Math.log(lo);
    let logHi = Math.log(hi);
    for (let k = 0; k < BISECTION_STEPS; k++) {
      const mid = 0.5 * (logLo + logHi);
      if (kl(Math.exp(mid)) > target) logLo = mid;
      else logHi = mid;
    }
    const lambda = Math.exp(0.5 * (logLo + logHi));
    for (let j = 0; j < d; j++) {
      const s = variance[j] as number;
      const G = gVar[j] as number;
      dMean[j] = (s * (gMean[j] as number)) / lambda;
      dVar[j] = (2 * s * s * G) / (lambda - 2 * s * G);
    }
    return lambda;
  });

/**
 * The positivity safeguard (docs/method.md §c.2, our choice): s̃ = s ⊙ (1 + clip(δ_s ⊘ s, −c, c)), μ̃ = μ + δ_μ.
 * With c = Infinity the perturbation is applied unchanged (and s̃ may then be ≤ 0 for large ρ).
 */
export function applyPerturbation(
  mean: Float64Array,
  variance: Float64Array,
  p: Perturbation,
  clip: number,
  outMean: Float64Array,
  outVar: Float64Array,
): void {
  for (let j = 0; j < mean.length; j++) {
    const s = variance[j] as number;
    let r = (p.dVar[j] as number) / s;
    if (r > clip) r = clip;
    else if (r < -clip) r = -clip;
    outMean[j] = (mean[j] as number) + (p.dMean[j] as number);
    outVar[j] = s * (1 + r);
  }
}
