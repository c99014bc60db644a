/**
 * The metric of the algebraic Kähler potential K = (1/kπ)·log(s†Hs) and the Monge–Ampère ratio
 * (docs/method.md §5). With the per-point 4 × 4 Gram matrix Γ = Y†HY (Y = [s, ∂₁s, ∂₂s, ∂₃s]) the
 * metric is the Schur complement of Γ₀₀ scaled by 1/(kπΓ₀₀), hence
 * det g = det Γ / ((kπ)³Γ₀₀⁴) and η = det g·|∂_eQ|².
 */
import {
  assertInteger,
  assertKnownOptions,
  batchedHermitianLdlPivots,
  blockGram,
  type CMatrix,
  cmatmul,
  cmatrix,
  DescentError,
} from "@descent/core-tensor";
import { assertPointCloud, assertSectionBasis } from "./argument-checks.js";
import { ambientH, type HMatrixLike } from "./h-matrix.js";
import { evaluateJets } from "./jets.js";
import type { PointCloud } from "./point-cloud.js";
import type { SectionBasis } from "./section-basis.js";

/** Default number of points per chunk of the chunked kernels (our choice: bounded memory). */
export const DEFAULT_CHUNK_POINTS = 2048;

/** The Monge–Ampère ratios of a metric over a cloud. */
export interface EtaResult {
  /** η = det g·|∂_eQ|² per point; NaN where the metric is degenerate. */
  eta: Float64Array;
  /** det g per point (NaN where degenerate). */
  detG: Float64Array;
  /** Number of points where Γ has a non-positive pivot (metric not positive definite there). */
  degenerate: number;
}

/** Evaluates η on points [start, end) into `out` (offsets relative to the cloud); returns degenerate count. */
export function etaRange(
  cloud: PointCloud,
  basis: SectionBasis,
  H: CMatrix,
  start: number,
  end: number,
  eta: Float64Array,
  detG: Float64Array,
): number {
  const Y = evaluateJets(cloud, basis, start, end);
  const G = blockGram(Y, cmatmul(Y, H, { opB: "T" }), 4);
  const piv = batchedHermitianLdlPivots(G);
  const c3 = (basis.k * Math.PI) ** 3;
  let bad = 0;
  for (let i = 0; i < end - start; i++) {
    const d0 = piv[4 * i] as number;
    const d1 = piv[4 * i + 1] as number;
    const d2 = piv[4 * i + 2] as number;
    const d3 = piv[4 * i + 3] as number;
    if (!(d0 > 0 && d1 > 0 && d2 > 0 && d3 > 0)) {
      bad++;
      detG[start + i] = Number.NaN;
      eta[start + i] = Number.NaN;
      continue;
    }
    // det Γ/((kπ)³Γ₀₀⁴) = d1·d2·d3/((kπ)³·d0³), Γ₀₀ = d0
    const dg = ((d1 / d0) * (d2 / d0) * (d3 / d0)) / c3;
    detG[start + i] = dg;
    eta[start + i] = dg * (cloud.absDQe2[start + i] as number);
  }
  return bad;
}

/**
 * η = det g_H/|Ω|² at every point of the cloud, chunked over points.
 *
 * @example
 * ```ts
 * const { eta } = etaRatios(cloud, sectionBasis(2), fubiniStudyH(sectionBasis(2)));
 * ```
 */
export function etaRatios(
  cloud: PointCloud,
  basis: SectionBasis,
  H: HMatrixLike,
  options: { chunkPoints?: number } = {},
): EtaResult {
  assertKnownOptions(options, ["chunkPoints"]);
  assertPointCloud(cloud);
  assertSectionBasis(basis);
  const Hm = ambientH(H, basis);
  const chunk = options.chunkPoints ?? DEFAULT_CHUNK_POINTS;
  const eta = new Float64Array(cloud.n);
  const detG = new Float64Array(cloud.n);
  let degenerate = 0;
  for (let s = 0; s < cloud.n; s += chunk) {
    degenerate += etaRange(cloud, basis, Hm, s, Math.min(cloud.n, s + chunk), eta, detG);
  }
  if (degenerate === cloud.n) {
    throw new DescentError("H gives a degenerate metric at every point (H must be positive definite)", {
      parameter: "H",
      code: "range",
    });
  }
  return { eta, detG, degenerate };
}

/**
 * The 3 × 3 metric g_ab̄ of K_H at point i from the explicit formula
 * g = (1/kπ)[∂_a∂_b̄S/S − ∂_aS·∂_b̄S/S²] (row a, column b), for checks against the compact form.
 */
export function metricAt(cloud: PointCloud, basis: SectionBasis, H: HMatrixLike, i: number): CMatrix {
  assertPointCloud(cloud);
  assertSectionBasis(basis);
  const Hm = ambientH(H, basis);
  assertInteger(i, "i", { min: 0, max: cloud.n - 1 });
  const Y = evaluateJets(cloud, basis, i, i + 1);
  const G = blockGram(Y, cmatmul(Y, Hm, { opB: "T" }), 4);
  // G[j][l] = y_j†H y_l; ∂_aS = G[0][a], ∂_b̄S = G[b][0], ∂_a∂_b̄S = G[b][a]
  const S = G.re[0] as number;
  if (!(S > 0) || !Number.isFinite(S)) {
    throw new DescentError(
      `H must give a positive potential s†Hs at point ${i}, received ${S} (H must be positive definite)`,
      {
        parameter: "H",
        code: "range",
      },
    );
  }
  const g = cmatrix(3, 3);
  const kp = basis.k * Math.PI;
  for (let a = 1; a <= 3; a++) {
    for (let b = 1; b <= 3; b++) {
      const bar = G.re[4 * b + a] as number;
      const bai = G.im[4 * b + a] as number;
      const sar = G.re[a] as number;
      const sai = G.im[a] as number;
      const sbr = G.re[4 * b] as number;
      const sbi = G.im[4 * b] as number;
      const pr = sar * sbr - sai * sbi;
      const pi = sar * sbi + sai * sbr;
      g.re[3 * (a - 1) + (b - 1)] = (bar / S - pr / (S * S)) / kp;
      g.im[3 * (a - 1) + (b - 1)] = (bai / S - pi / (S * S)) / kp;
    }
  }
  return g;
}
