/**
 * All complex roots of a complex polynomial by the Aberth–Ehrlich simultaneous iteration, polished by
 * Newton steps (docs/method.md §2; our choice of solver, any robust one would do). Used on the quintic
 * Q_ψ(p + t·q) in t of the line-intersection sampler.
 */
import { assertKnownOptions } from "@descent/core-tensor";
import { assertSlot } from "./argument-checks.js";

/** Options of {@link polynomialRoots}. */
export interface PolynomialRootsOptions {
  /** Maximum Aberth sweeps. Default 200 (our choice). */
  maxSweeps?: number;
  /** Newton polishing steps per root after convergence. Default 2 (our choice). */
  polishSteps?: number;
}

/**
 * The `d` roots of Σⱼ cⱼ tʲ (coefficients `(cRe[j], cIm[j])`, j = 0..d, leading one nonzero), in
 * `rootsRe`/`rootsIm` (length d). Returns `false` (roots unusable) when the leading coefficient is
 * below 1e-12 in modulus or a root is not finite.
 */
export function polynomialRoots(
  cRe: Float64Array,
  cIm: Float64Array,
  rootsRe: Float64Array,
  rootsIm: Float64Array,
  options: PolynomialRootsOptions = {},
): boolean {
  assertKnownOptions(options, ["maxSweeps", "polishSteps"]);
  assertSlot(cRe, "cRe", 0, 2, false);
  assertSlot(cRe, "cRe", 0, cRe.length, true);
  assertSlot(cIm, "cIm", 0, cRe.length, true);
  assertSlot(rootsRe, "rootsRe", 0, cRe.length - 1, false);
  assertSlot(rootsIm, "rootsIm", 0, cRe.length - 1, false);
  const d = cRe.length - 1;
  const maxSweeps = options.maxSweeps ?? 200;
  const polish = options.polishSteps ?? 2;
  const lr = cRe[d] as number;
  const li = cIm[d] as number;
  if (Math.hypot(lr, li) < 1e-12) return false;
  // initial guesses on a circle of the geometric-mean root radius, rotated off the real axis
  const radius = (Math.hypot(cRe[0] as number, cIm[0] as number) / Math.hypot(lr, li)) ** (1 / d) || 1;
  for (let j = 0; j < d; j++) {
    const a = (2 * Math.PI * j) / d + 0.4;
    rootsRe[j] = radius * Math.cos(a);
    rootsIm[j] = radius * Math.sin(a);
  }
  const out = new Float64Array(4);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let converged = true;
    for (let j = 0; j < d; j++) {
      const tr = rootsRe[j] as number;
      const ti = rootsIm[j] as number;
      horner(cRe, cIm, tr, ti, out);
      const pr = out[0] as number;
      const pi = out[1] as number;
      const dr = out[2] as number;
      const di = out[3] as number;
      const dd = dr * dr + di * di;
      if (pr === 0 && pi === 0) continue;
      if (dd === 0) {
        converged = false;
        rootsRe[j] = tr + 1e-8 * (1 + Math.abs(tr));
        continue;
      }
      // ρ = P/P′
      const rr = (pr * dr + pi * di) / dd;
      const ri = (pi * dr - pr * di) / dd;
      // Σ_{l≠j} 1/(t_j − t_l)
      let sr = 0;
      let si = 0;
      for (let l = 0; l < d; l++) {
        if (l === j) continue;
        const er = tr - (rootsRe[l] as number);
        const ei = ti - (rootsIm[l] as number);
        const ee = er * er + ei * ei;
        if (ee === 0) continue;
        sr += er / ee;
        si -= ei / ee;
      }
      // Δ = ρ / (1 − ρ·Σ)
      const qr = 1 - (rr * sr - ri * si);
      const qi = -(rr * si + ri * sr);
      const qq = qr * qr + qi * qi;
      const deltaR = (rr * qr + ri * qi) / qq;
      const deltaI = (ri * qr - rr * qi) / qq;
      rootsRe[j] = tr - deltaR;
      rootsIm[j] = ti - deltaI;
      if (Math.hypot(deltaR, deltaI) > 1e-15 * (1 + Math.hypot(tr, ti))) converged = false;
    }
    if (converged) break;
  }
  for (let j = 0; j < d; j++) {
    for (let s = 0; s < polish; s++) {
      const tr = rootsRe[j] as number;
      const ti = rootsIm[j] as number;
      horner(cRe, cIm, tr, ti, out);
      const dr = out[2] as number;
      const di = out[3] as number;
      const dd = dr * dr + di * di;
      if (dd === 0) break;
      const pr = out[0] as number;
      const pi = out[1] as number;
      rootsRe[j] = tr - (pr * dr + pi * di) / dd;
      rootsIm[j] = ti - (pi * dr - pr * di) / dd;
    }
    if (!Number.isFinite(rootsRe[j] as number) || !Number.isFinite(rootsIm[j] as number)) return false;
  }
  return true;
}

/** P(t) and P′(t) by Horner's scheme into out = [Re P, Im P, Re P′, Im P′]. */
function horner(cRe: Float64Array, cIm: Float64Array, tr: number, ti: number, out: Float64Array): void {
  const d = cRe.length - 1;
  let pr = cRe[d] as number;
  let pi = cIm[d] as number;
  let dr = 0;
  let di = 0;
  for (let j = d - 1; j >= 0; j--) {
    const ndr = dr * tr - di * ti + pr;
    di = dr * ti + di * tr + pi;
    dr = ndr;
    const npr = pr * tr - pi * ti + (cRe[j] as number);
    pi = pr * ti + pi * tr + (cIm[j] as number);
    pr = npr;
  }
  out[0] = pr;
  out[1] = pi;
  out[2] = dr;
  out[3] = di;
}
