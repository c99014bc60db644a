/**
 * Donaldson's T-operator (docs/method.md §7): M(H) = (N/V)·Σᵢ (wᵢ/Sᵢ)·sᵢsᵢ† with Sᵢ = sᵢ†Hsᵢ and
 * V = Σwᵢ. Summed over fixed chunks of points in a fixed order, so a parallel evaluation that
 * reduces the same chunk sums in the same order gives the same bits.
 */
import { type CMatrix, cmatmul, cmatrix, hermitianRankKUpdate } from "@descent/core-tensor";
import { evaluateSections } from "./jets.js";
import { DEFAULT_CHUNK_POINTS } from "./metric.js";
import type { PointCloud } from "./point-cloud.js";
import type { SectionBasis } from "./section-basis.js";

/** Σᵢ (wᵢ/Sᵢ)·sᵢsᵢ† over points [start, end) (unnormalised partial sum). */
export function tOperatorPartial(
  cloud: PointCloud,
  basis: SectionBasis,
  H: CMatrix,
  start: number,
  end: number,
): CMatrix {
  return tOperatorOfSections(
    evaluateSections(cloud, basis, start, end),
    cloud.weight.subarray(start, end),
    H,
  );
}

/**
 * Σᵢ (wᵢ/Sᵢ)·sᵢsᵢ† for given section rows s (n × N) and weights: P = s·Hᵀ (rows (Hsᵢ)ᵀ),
 * Sᵢ = Re Σ_a conj(s_ia)·P_ia, then the Hermitian rank-n update. Shared by the single-threaded path and
 * the workers, so both produce the same bits from the same rows.
 */
export function tOperatorOfSections(s: CMatrix, weight: Float64Array, H: CMatrix): CMatrix {
  const N = s.cols;
  const n = s.rows;
  const P = cmatmul(s, H, { opB: "T" });
  const c = new Float64Array(n);
  const sr = s.re;
  const si = s.im;
  const pr = P.re;
  const pi = P.im;
  for (let i = 0; i < n; i++) {
    let S = 0;
    for (let o = i * N, e = o + N; o < e; o++)
      S += (sr[o] as number) * (pr[o] as number) + (si[o] as number) * (pi[o] as number);
    c[i] = (weight[i] as number) / S;
  }
  return hermitianRankKUpdate(cmatrix(N, N), s, c);
}

/** Adds B into A in place. */
export function addInto(A: CMatrix, B: CMatrix): void {
  for (let i = 0; i < A.re.length; i++) {
    A.re[i] = (A.re[i] as number) + (B.re[i] as number);
    A.im[i] = (A.im[i] as number) + (B.im[i] as number);
  }
}

/** The chunk boundaries used by every T-operator evaluation (independent of the worker count). */
export function pointChunks(
  n: number,
  chunkPoints = DEFAULT_CHUNK_POINTS,
): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (let s = 0; s < n; s += chunkPoints) out.push({ start: s, end: Math.min(n, s + chunkPoints) });
  return out;
}

/** Scales the summed partials by N/V into M(H). */
export function normaliseTOperator(sum: CMatrix, cloud: PointCloud): CMatrix {
  let V = 0;
  for (let i = 0; i < cloud.n; i++) V += cloud.weight[i] as number;
  const f = sum.rows / V;
  for (let i = 0; i < sum.re.length; i++) {
    sum.re[i] = (sum.re[i] as number) * f;
    sum.im[i] = (sum.im[i] as number) * f;
  }
  return sum;
}

/**
 * M(H) = (N/V)·Σᵢ (wᵢ/sᵢ†Hsᵢ)·sᵢsᵢ† over the cloud (single thread; see the `/node` entry for workers).
 *
 * @example
 * ```ts
 * const M = tOperator(cloud, basis, cidentity(basis.size)); // tr(H·M(H)) = N
 * ```
 */
export function tOperator(
  cloud: PointCloud,
  basis: SectionBasis,
  H: CMatrix,
  options: { chunkPoints?: number } = {},
): CMatrix {
  const sum = cmatrix(basis.size, basis.size);
  for (const { start, end } of pointChunks(cloud.n, options.chunkPoints)) {
    addInto(sum, tOperatorPartial(cloud, basis, H, start, end));
  }
  return normaliseTOperator(sum, cloud);
}
