/**
 * Hand-derived Wirtinger gradients of σ̂ and the Monge–Ampère L² loss with respect to a subspace metric
 * H = W·h·W† (docs/method.md §8). Per point, with Z = W†Y (m × 4), t = Z·e₀, Γ = Z†hZ, S = Γ₀₀ and
 * ℓ = log η = log det Γ − 4 log S + const:
 *   ∇_h ℓ = Z Γ⁻¹ Z† − (4/S)·t t†            (dℓ = tr(∇_h ℓ · dh)),
 *   ∇_Z ℓ = 2 h Z Γ⁻¹ − (8/S)·h t e₀ᵀ          (dℓ = Re tr((∇_Z ℓ)† dZ)),
 *   ∇_W ℓ = Y (∇_Z ℓ)†,
 * and a loss L(η) chains through cᵢ = ηᵢ·∂L/∂ηᵢ. The gradient flows through η̄ too (our choice).
 */
import {
  assertKnownOptions,
  assertOneOf,
  batchedHermitianInverse,
  blockGram,
  type CMatrix,
  cmatmul,
  cmatrix,
  DescentError,
} from "@descent/core-tensor";
import { assertMatrix, assertPointCloud, assertSectionBasis } from "./argument-checks.js";
import { hermitianize } from "./grassmann.js";
import type { SubspaceMetric } from "./h-matrix.js";
import { evaluateJets } from "./jets.js";
import { DEFAULT_CHUNK_POINTS } from "./metric.js";
import type { PointCloud } from "./point-cloud.js";
import type { SectionBasis } from "./section-basis.js";

/** Which loss to differentiate: σ̂ (subgradient sgn(0) = 0) or the Monge–Ampère L². */
export type MetricLoss = "sigma" | "ma-l2";

/** Value and gradients of a loss at a subspace metric. */
export interface LossGradient {
  /** The loss on the cloud. */
  loss: number;
  /** ∇_W L (N × m), Euclidean: dL = Re tr(∇_W† dW). */
  gradW: CMatrix;
  /** ∇_h L (m × m Hermitian): dL = tr(∇_h dh). */
  gradH: CMatrix;
  /** Points left out because the metric is degenerate there. */
  degenerate: number;
}

interface ChunkState {
  Y: CMatrix;
  Z: CMatrix;
  hZ: CMatrix;
  inv: Float64Array;
  invIm: Float64Array;
  eta: Float64Array;
}

function chunkState(
  cloud: PointCloud,
  basis: SectionBasis,
  Wc: CMatrix,
  h: CMatrix,
  start: number,
  end: number,
): ChunkState {
  const Y = evaluateJets(cloud, basis, start, end);
  // rows of Z are z_jᵀ = y_jᵀ·conj(W); rows of hZ are (h z_j)ᵀ
  const Z = cmatmul(Y, Wc);
  const hZ = cmatmul(Z, h, { opB: "T" });
  const G = blockGram(Z, hZ, 4);
  const { inverse, pivots } = batchedHermitianInverse(G);
  const c3 = (basis.k * Math.PI) ** 3;
  const eta = new Float64Array(end - start);
  for (let i = 0; i < end - start; i++) {
    const d0 = pivots[4 * i] as number;
    const d1 = pivots[4 * i + 1] as number;
    const d2 = pivots[4 * i + 2] as number;
    const d3 = pivots[4 * i + 3] as number;
    eta[i] =
      d0 > 0 && d1 > 0 && d2 > 0 && d3 > 0
        ? ((d1 / d0) * (d2 / d0) * (d3 / d0) * (cloud.absDQe2[start + i] as number)) / c3
        : Number.NaN;
  }
  return { Y, Z, hZ, inv: inverse.re, invIm: inverse.im, eta };
}

/**
 * L and its gradients with respect to W and h (see the module doc). Two passes over point chunks:
 * η (for η̄ and the cᵢ), then the gradients.
 *
 * @throws {DescentError} naming `metric` on shape mismatches.
 */
export function lossGradient(
  cloud: PointCloud,
  basis: SectionBasis,
  metric: SubspaceMetric,
  loss: MetricLoss = "sigma",
  options: { chunkPoints?: number } = {},
): LossGradient {
  assertKnownOptions(options, ["chunkPoints"]);
  if (metric === null || typeof metric !== "object") assertMatrix(metric, "metric");
  assertMatrix(metric.W, "metric.W", basis.size, null);
  assertMatrix(metric.h, "metric.h", metric.W.cols, metric.W.cols);
  assertOneOf(loss, "loss", ["sigma", "ma-l2"]);
  assertPointCloud(cloud);
  assertSectionBasis(basis);
  const { W, h } = metric;
  const N = basis.size;
  const m = W.cols;
  if (W.rows !== N || h.rows !== m || h.cols !== m) {
    throw new DescentError(
      `metric must have W of ${N}×m and h of m×m, received W ${W.rows}×${W.cols}, h ${h.rows}×${h.cols}`,
      { parameter: "metric", code: "shape" },
    );
  }
  const chunk = options.chunkPoints ?? DEFAULT_CHUNK_POINTS;
  const Wc = cmatrix(
    N,
    m,
    W.re.slice(),
    W.im.map((v) => -v),
  );
  // pass 1: η everywhere
  // the chunk states are kept for pass 2 (memory ≈ 2·4n·m + 16n complex numbers) rather than recomputed
  const eta = new Float64Array(cloud.n);
  const states: ChunkState[] = [];
  for (let s = 0; s < cloud.n; s += chunk) {
    const e = Math.min(cloud.n, s + chunk);
    const st = chunkState(cloud, basis, Wc, h, s, e);
    states.push(st);
    eta.set(st.eta, s);
  }
  let Wsum = 0;
  let Esum = 0;
  let degenerate = 0;
  for (let i = 0; i < cloud.n; i++) {
    if (!Number.isFinite(eta[i] as number)) {
      degenerate++;
      continue;
    }
    Wsum += cloud.weight[i] as number;
    Esum += (cloud.weight[i] as number) * (eta[i] as number);
  }
  const etaBar = Esum / Wsum;
  // per-point c_i = η_i ∂L/∂η_i
  const c = new Float64Array(cloud.n);
  let value = 0;
  let coupling = 0;
  for (let i = 0; i < cloud.n; i++) {
    const e = eta[i] as number;
    if (!Number.isFinite(e)) continue;
    const w = cloud.weight[i] as number;
    const rho = e / etaBar;
    if (loss === "sigma") {
      const sg = Math.sign(rho - 1);
      value += w * Math.abs(1 - rho);
      coupling += w * sg * e;
    } else {
      value += w * (rho - 1) ** 2;
      coupling += 2 * w * (rho - 1) * rho;
    }
  }
  value /= Wsum;
  for (let i = 0; i < cloud.n; i++) {
    const e = eta[i] as number;
    if (!Number.isFinite(e)) continue;
    const w = cloud.weight[i] as number;
    const rho = e / etaBar;
    const dL =
      loss === "sigma"
        ? (w * Math.sign(rho - 1)) / etaBar - ((w / Wsum) * coupling) / (etaBar * etaBar)
        : (2 * w * (rho - 1)) / etaBar - ((w / Wsum) * coupling) / etaBar;
    c[i] = (dL / Wsum) * e;
  }
  // pass 2: gradients. Per point the m × 4 matrices Q = ZΓ⁻¹ and G = ∇_Z ℓ are written as rows of two
  // chunk matrices (scaled by cᵢ, the −(4/S)·t term folded into Q's row 0 since Z's row 0 is t), so that
  // ∇_h += Qtᵀ·conj(Zt) and ∇_W += Ytᵀ·Gt are two GEMMs per chunk instead of per-point loops.
  let gradH = cmatrix(m, m);
  let gradW = cmatrix(N, m);
  const qr = new Float64Array(4 * m); // Q = Z Γ⁻¹, stored column l at [l*m ..]
  const qi = new Float64Array(4 * m);
  const gr = new Float64Array(4 * m); // G = ∇_Z ℓ, column j at [j*m ..]
  const gi = new Float64Array(4 * m);
  for (let s = 0; s < cloud.n; s += chunk) {
    const e = Math.min(cloud.n, s + chunk);
    const st = states[s / chunk] as ChunkState;
    const rows = 4 * (e - s);
    const Qt = cmatrix(rows, m);
    const Gt = cmatrix(rows, m);
    for (let p = 0; p < e - s; p++) {
      const ci = c[s + p] as number;
      if (ci === 0 || !Number.isFinite(st.eta[p] as number)) continue;
      const zo = 4 * p * m;
      const go = 16 * p;
      const S = gram00(st, zo, m);
      // Q_{:,l} = Σ_j z_j Γ⁻¹_{jl};  hQ likewise from hZ
      for (let l = 0; l < 4; l++) {
        for (let a = 0; a < m; a++) {
          let sr = 0;
          let si = 0;
          let hr = 0;
          let hi = 0;
          for (let j = 0; j < 4; j++) {
            const vr = st.inv[go + 4 * j + l] as number;
            const vi = st.invIm[go + 4 * j + l] as number;
            const zr = st.Z.re[zo + j * m + a] as number;
            const zi = st.Z.im[zo + j * m + a] as number;
            sr += zr * vr - zi * vi;
            si += zr * vi + zi * vr;
            const yr = st.hZ.re[zo + j * m + a] as number;
            const yi = st.hZ.im[zo + j * m + a] as number;
            hr += yr * vr - yi * vi;
            hi += yr * vi + yi * vr;
          }
          qr[l * m + a] = sr;
          qi[l * m + a] = si;
          gr[l * m + a] = 2 * hr;
          gi[l * m + a] = 2 * hi;
        }
      }
      for (let a = 0; a < m; a++) {
        gr[a] = (gr[a] as number) - (8 / S) * (st.hZ.re[zo + a] as number);
        gi[a] = (gi[a] as number) - (8 / S) * (st.hZ.im[zo + a] as number);
        qr[a] = (qr[a] as number) - (4 / S) * (st.Z.re[zo + a] as number);
        qi[a] = (qi[a] as number) - (4 / S) * (st.Z.im[zo + a] as number);
      }
      for (let x = 0; x < 4 * m; x++) {
        Qt.re[zo + x] = ci * (qr[x] as number);
        Qt.im[zo + x] = ci * (qi[x] as number);
        Gt.re[zo + x] = ci * (gr[x] as number);
        Gt.im[zo + x] = -ci * (gi[x] as number);
      }
    }
    // ∇_h[a, b] += Σ_rows Qt[a]·conj(Z[b]);  ∇_W[α, β] += Σ_rows Y[α]·conj(G[β])
    const Zc = cmatrix(
      rows,
      m,
      st.Z.re,
      st.Z.im.map((v) => -v),
    );
    gradH = addMatrices(gradH, cmatmul(Qt, Zc, { opA: "T" }));
    gradW = addMatrices(gradW, cmatmul(st.Y, Gt, { opA: "T" }));
  }
  // exactly Hermitian (the GEMM's rounding need not be)
  gradH = hermitianize(gradH);
  return { loss: value, gradW, gradH, degenerate };
}

/** S = t†h t for the point whose Z rows start at zo. */
function gram00(st: ChunkState, zo: number, m: number): number {
  let s = 0;
  for (let a = 0; a < m; a++) {
    s +=
      (st.Z.re[zo + a] as number) * (st.hZ.re[zo + a] as number) +
      (st.Z.im[zo + a] as number) * (st.hZ.im[zo + a] as number);
  }
  return s;
}

function addMatrices(A: CMatrix, B: CMatrix): CMatrix {
  for (let i = 0; i < A.re.length; i++) {
    A.re[i] = (A.re[i] as number) + (B.re[i] as number);
    A.im[i] = (A.im[i] as number) + (B.im[i] as number);
  }
  return A;
}
