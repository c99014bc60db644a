/**
 * The σ accuracy measure of Douglas–Karp–Lukic–Reinbacher and the Monge–Ampère L² loss
 * (docs/method.md §6): with weights w and ratios η, η̄ = Σwη/Σw, ρ = η/η̄,
 * σ̂ = Σw|1 − ρ|/Σw and L₂ = Σw(ρ − 1)²/Σw. Points with a NaN η (degenerate metric) are excluded.
 */
import { assertRatios } from "./argument-checks.js";

/** σ̂ with its Monte-Carlo standard error, κ̂ = η̄ and the number of excluded points. */
export interface SigmaResult {
  /** σ̂ = Σw|1 − η/η̄|/Σw. */
  sigma: number;
  /** Standard error of σ̂ (delta method over points, treating η̄ as fixed). */
  standardError: number;
  /** κ̂ = η̄, the Monge–Ampère constant in these units. */
  kappa: number;
  /** Points excluded because η was not finite. */
  excluded: number;
}

/** σ̂ of ratios `eta` under weights `weight`. */
export function sigmaOfRatios(eta: Float64Array, weight: Float64Array): SigmaResult {
  assertRatios(eta, weight);
  let W = 0;
  let S = 0;
  let excluded = 0;
  for (let i = 0; i < eta.length; i++) {
    const e = eta[i] as number;
    if (!Number.isFinite(e)) {
      excluded++;
      continue;
    }
    W += weight[i] as number;
    S += (weight[i] as number) * e;
  }
  const kappa = S / W;
  let sig = 0;
  for (let i = 0; i < eta.length; i++) {
    const e = eta[i] as number;
    if (!Number.isFinite(e)) continue;
    sig += (weight[i] as number) * Math.abs(1 - e / kappa);
  }
  sig /= W;
  // ratio estimator: Var ≈ Σ w²(|1−ρ| − σ)² / W²
  let v = 0;
  for (let i = 0; i < eta.length; i++) {
    const e = eta[i] as number;
    if (!Number.isFinite(e)) continue;
    const w = weight[i] as number;
    v += w * w * (Math.abs(1 - e / kappa) - sig) ** 2;
  }
  return { sigma: sig, standardError: Math.sqrt(v) / W, kappa, excluded };
}

/** The Monge–Ampère L² loss Σw(ρ − 1)²/Σw. */
export function maL2OfRatios(eta: Float64Array, weight: Float64Array): number {
  assertRatios(eta, weight);
  let W = 0;
  let S = 0;
  for (let i = 0; i < eta.length; i++) {
    const e = eta[i] as number;
    if (!Number.isFinite(e)) continue;
    W += weight[i] as number;
    S += (weight[i] as number) * e;
  }
  const kappa = S / W;
  let L = 0;
  for (let i = 0; i < eta.length; i++) {
    const e = eta[i] as number;
    if (!Number.isFinite(e)) continue;
    L += (weight[i] as number) * (e / kappa - 1) ** 2;
  }
  return L / W;
}
