/**
 * Sections and their first derivatives in the local coordinates (docs/method.md §4): per point the
 * N × 4 complex matrix with columns s, ∂₁s, ∂₂s, ∂₃s, stored as 4 consecutive rows of length N;
 * ∂_a s = ∂_{l_a}s + (∂z_e/∂x_a)·∂_e s.
 */
import { type CMatrix, cmatrix } from "@descent/core-tensor";
import { localIndices, type PointCloud } from "./point-cloud.js";
import type { SectionBasis } from "./section-basis.js";
import { tabulated } from "./section-table.js";

/**
 * Section values of points [start, end): a (end − start) × N complex matrix. Tabulated for the whole
 * cloud on first use (docs/method.md §10), so treat the result as read-only.
 */
export function evaluateSections(
  cloud: PointCloud,
  basis: SectionBasis,
  start: number,
  end: number,
): CMatrix {
  return tabulated("values", cloud, basis, start, end, (a, b) => computeSections(cloud, basis, a, b));
}

/**
 * Jets of points [start, end): a 4(end − start) × N matrix, rows s, ∂₁s, ∂₂s, ∂₃s per point. Tabulated
 * like {@link evaluateSections}; treat the result as read-only.
 */
export function evaluateJets(cloud: PointCloud, basis: SectionBasis, start: number, end: number): CMatrix {
  return tabulated("jets", cloud, basis, start, end, (a, b) => computeJets(cloud, basis, a, b));
}

/** Section values computed directly (no table). */
export function computeSections(cloud: PointCloud, basis: SectionBasis, start: number, end: number): CMatrix {
  const N = basis.size;
  const k = basis.k;
  const out = cmatrix(end - start, N);
  const powR = new Float64Array(5 * (k + 1));
  const powI = new Float64Array(5 * (k + 1));
  for (let i = start; i < end; i++) {
    fillPowers(cloud, i, k, powR, powI);
    const row = (i - start) * N;
    for (let s = 0; s < N; s++) {
      let r = 1;
      let im = 0;
      for (let c = 0; c < 5; c++) {
        const e = basis.exps[5 * s + c] as number;
        if (e === 0) continue;
        const a = powR[c * (k + 1) + e] as number;
        const b = powI[c * (k + 1) + e] as number;
        const t = r * a - im * b;
        im = r * b + im * a;
        r = t;
      }
      out.re[row + s] = r;
      out.im[row + s] = im;
    }
  }
  return out;
}

/** Jets computed directly (no table). */
export function computeJets(cloud: PointCloud, basis: SectionBasis, start: number, end: number): CMatrix {
  const N = basis.size;
  const k = basis.k;
  const out = cmatrix(4 * (end - start), N);
  const powR = new Float64Array(5 * (k + 1));
  const powI = new Float64Array(5 * (k + 1));
  const dR = new Float64Array(5);
  const dI = new Float64Array(5);
  for (let i = start; i < end; i++) {
    fillPowers(cloud, i, k, powR, powI);
    const p = cloud.patch[i] as number;
    const e = cloud.elim[i] as number;
    const L = localIndices(p, e);
    const row = 4 * (i - start) * N;
    for (let s = 0; s < N; s++) {
      const ex = 5 * s;
      // value and ∂_c s for every coordinate c ≠ p: m_c·z^{m − e_c}
      let vr = 1;
      let vi = 0;
      for (let c = 0; c < 5; c++) {
        const m = basis.exps[ex + c] as number;
        if (m === 0) continue;
        const a = powR[c * (k + 1) + m] as number;
        const b = powI[c * (k + 1) + m] as number;
        const t = vr * a - vi * b;
        vi = vr * b + vi * a;
        vr = t;
      }
      for (let c = 0; c < 5; c++) {
        const mc = basis.exps[ex + c] as number;
        if (c === p || mc === 0) {
          dR[c] = 0;
          dI[c] = 0;
          continue;
        }
        let r = mc;
        let im = 0;
        for (let q = 0; q < 5; q++) {
          const m = (basis.exps[ex + q] as number) - (q === c ? 1 : 0);
          if (m === 0) continue;
          const a = powR[q * (k + 1) + m] as number;
          const b = powI[q * (k + 1) + m] as number;
          const t = r * a - im * b;
          im = r * b + im * a;
          r = t;
        }
        dR[c] = r;
        dI[c] = im;
      }
      out.re[row + s] = vr;
      out.im[row + s] = vi;
      const der = dR[e] as number;
      const dei = dI[e] as number;
      for (let a = 0; a < 3; a++) {
        const l = L[a] as number;
        const jr = cloud.dzeRe[3 * i + a] as number;
        const ji = cloud.dzeIm[3 * i + a] as number;
        out.re[row + (a + 1) * N + s] = (dR[l] as number) + jr * der - ji * dei;
        out.im[row + (a + 1) * N + s] = (dI[l] as number) + jr * dei + ji * der;
      }
    }
  }
  return out;
}

function fillPowers(cloud: PointCloud, i: number, k: number, powR: Float64Array, powI: Float64Array): void {
  for (let c = 0; c < 5; c++) {
    const a = cloud.zRe[5 * i + c] as number;
    const b = cloud.zIm[5 * i + c] as number;
    const o = c * (k + 1);
    powR[o] = 1;
    powI[o] = 0;
    for (let j = 1; j <= k; j++) {
      const pr = powR[o + j - 1] as number;
      const pi = powI[o + j - 1] as number;
      powR[o + j] = pr * a - pi * b;
      powI[o + j] = pr * b + pi * a;
    }
  }
}
