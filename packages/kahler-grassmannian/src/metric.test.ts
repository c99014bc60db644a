import { type CMatrix, cidentity, cmatrix, Rng, randomHermitian } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { diagonalH } from "./h-matrix.js";
import { etaRatios, metricAt } from "./metric.js";
import { allocatePointCloud, fillLocalFrame, hermitian3Determinant, localIndices } from "./point-cloud.js";
import { dworkGradient, dworkValue } from "./quintic.js";
import { samplePoints } from "./sample-points.js";
import { fubiniStudyDiagonal, type SectionBasis, sectionBasis } from "./section-basis.js";
import { sigma } from "./sigma-measure.js";

function randomPdH(seed: number, N: number): CMatrix {
  const rng = new Rng(seed);
  return randomHermitian(
    rng,
    Float64Array.from({ length: N }, () => 0.5 + rng.float()),
  ).A;
}

describe("metric of K = (1/kπ)·log(s†Hs) (docs/method.md §5)", () => {
  const cloud = samplePoints({ psi: 0.3, nPoints: 400, seed: 11 });

  it("Fubini–Study consistency: H = diag(k!/m!) at k = 2, 3 gives the k = 1 FS metric pointwise (1e-10) and the same σ", () => {
    const one = etaRatios(cloud, sectionBasis(1), cidentity(5)).detG;
    const s1 = sigma(cloud, sectionBasis(1), cidentity(5)).sigma;
    for (const k of [2, 3]) {
      const basis = sectionBasis(k);
      const det = etaRatios(cloud, basis, diagonalH(fubiniStudyDiagonal(basis))).detG;
      for (let i = 0; i < cloud.n; i++) {
        expect(Math.abs((det[i] as number) / (one[i] as number) - 1)).toBeLessThan(1e-10);
      }
      expect(Math.abs(sigma(cloud, basis, diagonalH(fubiniStudyDiagonal(basis))).sigma - s1)).toBeLessThan(
        1e-10,
      );
    }
  });

  it("compact determinant det Γ/((kπ)³Γ₀₀⁴) equals the determinant of the explicit 3×3 metric to 1e-12", () => {
    const basis = sectionBasis(3);
    const H = randomPdH(1, basis.size);
    const { detG } = etaRatios(cloud, basis, H);
    for (let i = 0; i < 50; i++) {
      const g = metricAt(cloud, basis, H, i);
      const d = hermitian3Determinant(g.re, g.im);
      expect(Math.abs(d / (detG[i] as number) - 1)).toBeLessThan(1e-12);
    }
  });

  it("finite-difference metric: ¼(∂_u − i∂_v)(∂_u + i∂_v)K matches the formula to 1e-6 (k = 3, ψ = 0.3, random PD H), Hermitian and PD", () => {
    const basis = sectionBasis(3);
    const H = randomPdH(2, basis.size);
    const h = 5e-5;
    for (const i of [0, 7, 19]) {
      const g = metricAt(cloud, basis, H, i);
      const K = potentialAt(
        cloud.zRe,
        cloud.zIm,
        i,
        cloud.patch[i] as number,
        cloud.elim[i] as number,
        basis,
        H,
      );
      let gmax = 0;
      for (let q = 0; q < 9; q++) gmax = Math.max(gmax, Math.hypot(g.re[q] as number, g.im[q] as number));
      for (let a = 0; a < 3; a++) {
        for (let b = 0; b < 3; b++) {
          // second derivatives of K in the real coordinates (u, v) of x_a and x_b
          const d2 = (da: [number, number], db: [number, number]) => {
            const shift = (sa: number, sb: number) => {
              const dx = new Float64Array(6);
              dx[2 * a + (da[0] === 1 ? 0 : 1)] += sa * h;
              dx[2 * b + (db[0] === 1 ? 0 : 1)] += sb * h;
              return K(dx);
            };
            return (shift(1, 1) - shift(1, -1) - shift(-1, 1) + shift(-1, -1)) / (4 * h * h);
          };
          const uu = d2([1, 0], [1, 0]);
          const vv = d2([0, 1], [0, 1]);
          const uv = d2([1, 0], [0, 1]);
          const vu = d2([0, 1], [1, 0]);
          const re = (uu + vv) / 4;
          const im = (uv - vu) / 4;
          expect(Math.abs(re - (g.re[3 * a + b] as number)) / gmax).toBeLessThan(1e-6);
          expect(Math.abs(im - (g.im[3 * a + b] as number)) / gmax).toBeLessThan(1e-6);
          // Hermitian
          expect(Math.abs((g.re[3 * a + b] as number) - (g.re[3 * b + a] as number))).toBeLessThan(
            1e-14 * gmax * 10,
          );
          expect(Math.abs((g.im[3 * a + b] as number) + (g.im[3 * b + a] as number))).toBeLessThan(
            1e-14 * gmax * 10,
          );
        }
      }
      expect(hermitian3Determinant(g.re, g.im)).toBeGreaterThan(0);
      expect(g.re[0]).toBeGreaterThan(0);
    }
  });

  it("weights and η do not depend on the patch, the elimination index, or a rescaling z → λz (1e-10)", () => {
    const basis = sectionBasis(2);
    const H = randomPdH(3, basis.size);
    const ref = etaRatios(cloud, basis, H).eta;
    for (let i = 0; i < 20; i++) {
      const zr = cloud.zRe.slice(5 * i, 5 * i + 5);
      const zi = cloud.zIm.slice(5 * i, 5 * i + 5);
      const variants: Array<{ patch?: number; elim?: number; lambda?: [number, number] }> = [
        { lambda: [0.3, -1.7] },
      ];
      for (let p = 0; p < 5; p++) {
        if (Math.hypot(zr[p] as number, zi[p] as number) < 0.3) continue;
        // eliminating a coordinate with a small |∂_eQ| is ill-conditioned (as in any implicit chart)
        const pr = zr[p] as number;
        const pi = zi[p] as number;
        const pp = pr * pr + pi * pi;
        const nr = zr.map((x, c) => (x * pr + (zi[c] as number) * pi) / pp);
        const ni = zr.map((x, c) => ((zi[c] as number) * pr - x * pi) / pp);
        const gr = new Float64Array(5);
        const gi = new Float64Array(5);
        dworkGradient(nr, ni, 0, cloud.psi, gr, gi);
        const gmax = Math.max(...Array.from(gr, (x, c) => (c === p ? 0 : Math.hypot(x, gi[c] as number))));
        for (let e = 0; e < 5; e++) {
          if (e !== p && Math.hypot(gr[e] as number, gi[e] as number) > 0.3 * gmax)
            variants.push({ patch: p, elim: e });
        }
      }
      for (const v of variants) {
        const one = allocatePointCloud(1, cloud.psi);
        const [lr, li] = v.lambda ?? [1, 0];
        const hr = zr.map((x, c) => x * lr - (zi[c] as number) * li);
        const hi = zr.map((x, c) => x * li + (zi[c] as number) * lr);
        const choice = {
          ...(v.patch === undefined ? {} : { patch: v.patch }),
          ...(v.elim === undefined ? {} : { elim: v.elim }),
        };
        fillLocalFrame(hr, hi, 0, cloud.psi, one, 0, choice);
        expect(Math.abs((one.weight[0] as number) / (cloud.weight[i] as number) - 1)).toBeLessThan(1e-10);
        const eta = etaRatios(one, basis, H).eta[0] as number;
        expect(Math.abs(eta / (ref[i] as number) - 1)).toBeLessThan(1e-10);
      }
    }
  });

  it("volume identity: the mean of det g_H/det g_FS over sampled points is 1 within 3 standard errors", () => {
    const big = samplePoints({ psi: 0, nPoints: 8000, seed: 21 });
    for (const [k, psi, seed] of [
      [2, 0, 4],
      [3, 3, 5],
    ] as const) {
      const pts = psi === 0 ? big : samplePoints({ psi, nPoints: 8000, seed: 22 });
      const basis = sectionBasis(k);
      const { eta } = etaRatios(pts, basis, randomPdH(seed, basis.size));
      // det g_FS = 1/(w·|∂_eQ|²), so det g_H/det g_FS = η·w
      const r = Array.from(eta, (e, i) => e * (pts.weight[i] as number));
      const mean = r.reduce((a, b) => a + b, 0) / r.length;
      const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1));
      const se = sd / Math.sqrt(r.length);
      expect(Math.abs(mean - 1)).toBeLessThan(3 * se);
    }
  });
});

/** K(x + dx) at point i (dx in real coordinates (u₁, v₁, u₂, v₂, u₃, v₃)), z_e solved by Newton. */
function potentialAt(
  zRe: Float64Array,
  zIm: Float64Array,
  i: number,
  p: number,
  e: number,
  basis: SectionBasis,
  H: CMatrix,
): (dx: Float64Array) => number {
  const L = localIndices(p, e);
  const psi = { re: 0.3, im: 0 };
  return (dx) => {
    const zr = zRe.slice(5 * i, 5 * i + 5);
    const zi = zIm.slice(5 * i, 5 * i + 5);
    for (let a = 0; a < 3; a++) {
      zr[L[a] as number] = (zr[L[a] as number] as number) + (dx[2 * a] as number);
      zi[L[a] as number] = (zi[L[a] as number] as number) + (dx[2 * a + 1] as number);
    }
    const gr = new Float64Array(5);
    const gi = new Float64Array(5);
    for (let it = 0; it < 30; it++) {
      const [qr, qi] = dworkValue(zr, zi, 0, psi);
      dworkGradient(zr, zi, 0, psi, gr, gi);
      const dr = gr[e] as number;
      const di = gi[e] as number;
      const dd = dr * dr + di * di;
      zr[e] = (zr[e] as number) - (qr * dr + qi * di) / dd;
      zi[e] = (zi[e] as number) - (qi * dr - qr * di) / dd;
    }
    // s†Hs with s the monomials
    const N = basis.size;
    const s = cmatrix(1, N);
    for (let m = 0; m < N; m++) {
      let r = 1;
      let im = 0;
      for (let c = 0; c < 5; c++) {
        for (let t = 0; t < (basis.exps[5 * m + c] as number); t++) {
          const nr = r * (zr[c] as number) - im * (zi[c] as number);
          im = r * (zi[c] as number) + im * (zr[c] as number);
          r = nr;
        }
      }
      s.re[m] = r;
      s.im[m] = im;
    }
    let S = 0;
    for (let a = 0; a < N; a++) {
      for (let b = 0; b < N; b++) {
        // conj(s_a)·H_ab·s_b, real part
        const hr = H.re[a * N + b] as number;
        const hi = H.im[a * N + b] as number;
        const tr = hr * (s.re[b] as number) - hi * (s.im[b] as number);
        const ti = hr * (s.im[b] as number) + hi * (s.re[b] as number);
        S += (s.re[a] as number) * tr + (s.im[a] as number) * ti;
      }
    }
    return Math.log(S) / (basis.k * Math.PI);
  };
}
