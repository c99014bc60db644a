/**
 * Sampling X_ψ by intersection with random lines (docs/method.md §2): p, q uniform on S⁹ ⊂ C⁵, the
 * quintic Q_ψ(p + t·q) = Σⱼ cⱼtʲ solved for its five roots; each root gives a point. The points are
 * distributed as the Fubini–Study volume restricted to X (Shiffman–Zelditch), which the weights of
 * {@link PointCloud} correct to Ω∧Ω̄.
 */
import { assertInteger, assertKnownOptions, DescentError, Rng } from "@descent/core-tensor";
import { assertComplex, assertSlot } from "./argument-checks.js";
import { allocatePointCloud, fillLocalFrame, type PointCloud } from "./point-cloud.js";
import { polynomialRoots } from "./polynomial-roots.js";
import { type Complex, type Psi, psiParts } from "./quintic.js";

/** Options of {@link samplePoints}. */
export interface SamplePointsOptions {
  /** The modulus ψ (real or `{ re, im }`). */
  psi: Psi;
  /** Number of points (lines = ⌈n/5⌉; surplus roots of the last line are dropped). */
  nPoints: number;
  /** Seed of the core-tensor `Rng`. Default 0. */
  seed?: number;
}

const BINOMIAL5 = [1, 5, 10, 10, 5, 1];

/**
 * `nPoints` points on X_ψ, reproducible from `seed`.
 *
 * @throws {DescentError} naming `psi` (not finite, or a conifold point ψ⁵ = 1) or `nPoints`.
 *
 * @example
 * ```ts
 * const cloud = samplePoints({ psi: 0, nPoints: 1000, seed: 1 });
 * ```
 */
export function samplePoints(options: SamplePointsOptions): PointCloud {
  assertKnownOptions(options, ["psi", "nPoints", "seed"]);
  const psi = psiParts(options.psi);
  assertInteger(options.nPoints, "nPoints", { min: 1 });
  const seed = options.seed ?? 0;
  assertInteger(seed, "seed");
  const p5 = complexPow(psi, 5);
  if (Math.hypot(p5.re - 1, p5.im) < 1e-12) {
    throw new DescentError("psi must not be a conifold point (ψ⁵ = 1: X_ψ is singular)", {
      parameter: "psi",
      code: "range",
    });
  }
  const n = options.nPoints;
  const rng = new Rng(seed);
  const cloud = allocatePointCloud(n, psi);
  const v = new Float64Array(20);
  const cRe = new Float64Array(6);
  const cIm = new Float64Array(6);
  const tRe = new Float64Array(5);
  const tIm = new Float64Array(5);
  const hRe = new Float64Array(5);
  const hIm = new Float64Array(5);
  let count = 0;
  while (count < n) {
    // p, q uniform on S⁹: Gaussian then normalise
    rng.fillNormal(v);
    normaliseHalf(v, 0);
    normaliseHalf(v, 10);
    lineCoefficients(v, psi, cRe, cIm);
    if (!polynomialRoots(cRe, cIm, tRe, tIm)) continue;
    for (let j = 0; j < 5 && count < n; j++) {
      const tr = tRe[j] as number;
      const ti = tIm[j] as number;
      for (let i = 0; i < 5; i++) {
        const pr = v[2 * i] as number;
        const pi = v[2 * i + 1] as number;
        const qr = v[10 + 2 * i] as number;
        const qi = v[10 + 2 * i + 1] as number;
        hRe[i] = pr + tr * qr - ti * qi;
        hIm[i] = pi + tr * qi + ti * qr;
      }
      fillLocalFrame(hRe, hIm, 0, psi, cloud, count);
      count++;
    }
  }
  return cloud;
}

function normaliseHalf(v: Float64Array, off: number): void {
  let s = 0;
  for (let i = 0; i < 10; i++) s += (v[off + i] as number) ** 2;
  const r = 1 / Math.sqrt(s);
  for (let i = 0; i < 10; i++) v[off + i] = (v[off + i] as number) * r;
}

/**
 * Coefficients cⱼ of Q_ψ(p + t·q) = Σⱼ cⱼtʲ, with p, q interleaved (re, im) in v[0..10), v[10..20):
 * cⱼ = C(5, j)·Σᵢ pᵢ^{5−j} qᵢ^j − 5ψ·eⱼ, eⱼ the coefficients of Πᵢ(pᵢ + t·qᵢ).
 */
export function lineCoefficients(v: Float64Array, psi: Complex, cRe: Float64Array, cIm: Float64Array): void {
  assertSlot(v, "v", 0, 20, true);
  assertComplex(psi, "psi");
  assertSlot(cRe, "cRe", 0, 6, false);
  assertSlot(cIm, "cIm", 0, 6, false);
  cRe.fill(0);
  cIm.fill(0);
  const eRe = new Float64Array(6);
  const eIm = new Float64Array(6);
  eRe[0] = 1;
  const ppR = new Float64Array(6);
  const ppI = new Float64Array(6);
  const qpR = new Float64Array(6);
  const qpI = new Float64Array(6);
  for (let i = 0; i < 5; i++) {
    const pr = v[2 * i] as number;
    const pi = v[2 * i + 1] as number;
    const qr = v[10 + 2 * i] as number;
    const qi = v[10 + 2 * i + 1] as number;
    ppR[0] = 1;
    ppI[0] = 0;
    qpR[0] = 1;
    qpI[0] = 0;
    for (let j = 1; j <= 5; j++) {
      ppR[j] = (ppR[j - 1] as number) * pr - (ppI[j - 1] as number) * pi;
      ppI[j] = (ppR[j - 1] as number) * pi + (ppI[j - 1] as number) * pr;
      qpR[j] = (qpR[j - 1] as number) * qr - (qpI[j - 1] as number) * qi;
      qpI[j] = (qpR[j - 1] as number) * qi + (qpI[j - 1] as number) * qr;
    }
    for (let j = 0; j <= 5; j++) {
      const ar = ppR[5 - j] as number;
      const ai = ppI[5 - j] as number;
      const br = qpR[j] as number;
      const bi = qpI[j] as number;
      const b = BINOMIAL5[j] as number;
      cRe[j] = (cRe[j] as number) + b * (ar * br - ai * bi);
      cIm[j] = (cIm[j] as number) + b * (ar * bi + ai * br);
    }
    // e ← e·(p_i + t·q_i)
    for (let j = i + 1; j >= 0; j--) {
      const lowR = j > 0 ? (eRe[j - 1] as number) : 0;
      const lowI = j > 0 ? (eIm[j - 1] as number) : 0;
      const curR = eRe[j] as number;
      const curI = eIm[j] as number;
      eRe[j] = curR * pr - curI * pi + lowR * qr - lowI * qi;
      eIm[j] = curR * pi + curI * pr + lowR * qi + lowI * qr;
    }
  }
  for (let j = 0; j <= 5; j++) {
    const er = eRe[j] as number;
    const ei = eIm[j] as number;
    cRe[j] = (cRe[j] as number) - 5 * (psi.re * er - psi.im * ei);
    cIm[j] = (cIm[j] as number) - 5 * (psi.re * ei + psi.im * er);
  }
}

function complexPow(z: Complex, k: number): Complex {
  let r = 1;
  let i = 0;
  for (let j = 0; j < k; j++) {
    const t = r * z.re - i * z.im;
    i = r * z.im + i * z.re;
    r = t;
  }
  return { re: r, im: i };
}
