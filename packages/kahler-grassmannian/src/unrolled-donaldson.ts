/**
 * Method A's objective (docs/method.md §8): from a warm start h₀ (held constant), K T-steps of Donaldson's
 * iteration on the subspace, h_{r+1} = M(h_r)⁻¹ with M(h) = (m/V)·Σ (w/t†ht)·tt†, t = W†s, then the loss at
 * (W, h_K); its gradient in W flows back through the K steps. Backward through one step, given Λ⁺ = ∇_{h⁺}L:
 * Λ_M = −h⁺Λ⁺h⁺, qᵢ = tᵢ†Λ_M tᵢ, ∇_h L = −Σ (c̃ᵢqᵢ/Sᵢ)·tᵢtᵢ†, ∇_{tᵢ}L = 2c̃ᵢ(Λ_M − (qᵢ/Sᵢ)h)tᵢ and
 * ∇_W L += Σ sᵢ(∇_{tᵢ}L)†. (No trace rescaling inside the chain: σ̂ and L₂ are scale invariant.)
 */
import { type CMatrix, cmatmul, cmatrix, hermitianInverse, hermitianRankKUpdate } from "@descent/core-tensor";
import { hermitianize } from "./grassmann.js";
import { evaluateSections } from "./jets.js";
import { lossGradient, type MetricLoss } from "./loss-gradient.js";
import type { PointCloud } from "./point-cloud.js";
import type { SectionBasis } from "./section-basis.js";
import { maL2Loss, sigma } from "./sigma-measure.js";

/** Value, W-gradient and the unrolled h_K of Method A's objective. */
export interface UnrolledObjective {
  loss: number;
  gradW: CMatrix;
  hK: CMatrix;
}

interface StepCache {
  h: CMatrix;
  hPlus: CMatrix;
  S: Float64Array;
  c: Float64Array;
}

function restricted(cloud: PointCloud, basis: SectionBasis, W: CMatrix): { s: CMatrix; t: CMatrix } {
  const s = evaluateSections(cloud, basis, 0, cloud.n);
  const Wc = cmatrix(
    W.rows,
    W.cols,
    W.re.slice(),
    W.im.map((v) => -v),
  );
  return { s, t: cmatmul(s, Wc) };
}

function tStep(t: CMatrix, weight: Float64Array, h: CMatrix): StepCache {
  const n = t.rows;
  const m = t.cols;
  const P = cmatmul(t, h, { opB: "T" });
  let V = 0;
  for (let i = 0; i < n; i++) V += weight[i] as number;
  const S = new Float64Array(n);
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < m; a++) {
      s +=
        (t.re[i * m + a] as number) * (P.re[i * m + a] as number) +
        (t.im[i * m + a] as number) * (P.im[i * m + a] as number);
    }
    S[i] = s;
    c[i] = ((m / V) * (weight[i] as number)) / s;
  }
  const M = hermitianRankKUpdate(cmatrix(m, m), t, c);
  return { h, hPlus: hermitianInverse(hermitianize(M)), S, c };
}

/** h_K after K T-steps from h₀ on the subspace W (forward only). */
export function unrolledH(
  cloud: PointCloud,
  basis: SectionBasis,
  W: CMatrix,
  h0: CMatrix,
  K: number,
): CMatrix {
  const { t } = restricted(cloud, basis, W);
  let h = h0;
  for (let r = 0; r < K; r++) h = tStep(t, cloud.weight, h).hPlus;
  return h;
}

/** The loss at (W, h_K) only. */
export function unrolledLoss(
  cloud: PointCloud,
  basis: SectionBasis,
  W: CMatrix,
  h0: CMatrix,
  K: number,
  loss: MetricLoss,
): { loss: number; hK: CMatrix } {
  const hK = unrolledH(cloud, basis, W, h0, K);
  const value =
    loss === "sigma" ? sigma(cloud, basis, { W, h: hK }).sigma : maL2Loss(cloud, basis, { W, h: hK });
  return { loss: value, hK };
}

/** Method A's objective with its W-gradient through K unrolled T-steps (h₀ constant). */
export function unrolledObjective(
  cloud: PointCloud,
  basis: SectionBasis,
  W: CMatrix,
  h0: CMatrix,
  K: number,
  loss: MetricLoss = "sigma",
): UnrolledObjective {
  const { s, t } = restricted(cloud, basis, W);
  const m = W.cols;
  const caches: StepCache[] = [];
  let h = h0;
  for (let r = 0; r < K; r++) {
    const cache = tStep(t, cloud.weight, h);
    caches.push(cache);
    h = cache.hPlus;
  }
  const top = lossGradient(cloud, basis, { W, h }, loss);
  const gradW = top.gradW;
  let lambda = top.gradH;
  for (let r = K - 1; r >= 0; r--) {
    const { h: hr, hPlus, S, c } = caches[r] as StepCache;
    const LM = cmatmul(hPlus, cmatmul(lambda, hPlus));
    for (let i = 0; i < LM.re.length; i++) {
      LM.re[i] = -(LM.re[i] as number);
      LM.im[i] = -(LM.im[i] as number);
    }
    const LMt = cmatmul(t, LM, { opB: "T" }); // rows (Λ_M tᵢ)ᵀ
    const Ht = cmatmul(t, hr, { opB: "T" }); // rows (h tᵢ)ᵀ
    // rows of Gc are conj(∇_{tᵢ}L)ᵀ, so ∇_W += sᵀ·Gc; the outer products of ∇_h are one rank-n update
    const coef = new Float64Array(t.rows);
    const Gc = cmatrix(t.rows, m);
    for (let i = 0; i < t.rows; i++) {
      let q = 0;
      for (let a = 0; a < m; a++) {
        q +=
          (t.re[i * m + a] as number) * (LMt.re[i * m + a] as number) +
          (t.im[i * m + a] as number) * (LMt.im[i * m + a] as number);
      }
      const Si = S[i] as number;
      const ci = c[i] as number;
      coef[i] = (-ci * q) / Si;
      // ∇_t = 2c̃(Λ_M t − (q/S) h t)
      for (let b = 0; b < m; b++) {
        Gc.re[i * m + b] = 2 * ci * ((LMt.re[i * m + b] as number) - (q / Si) * (Ht.re[i * m + b] as number));
        Gc.im[i * m + b] =
          -2 * ci * ((LMt.im[i * m + b] as number) - (q / Si) * (Ht.im[i * m + b] as number));
      }
    }
    const next = hermitianRankKUpdate(cmatrix(m, m), t, coef);
    const dW = cmatmul(s, Gc, { opA: "T" });
    for (let x = 0; x < gradW.re.length; x++) {
      gradW.re[x] = (gradW.re[x] as number) + (dW.re[x] as number);
      gradW.im[x] = (gradW.im[x] as number) + (dW.im[x] as number);
    }
    lambda = next;
  }
  return { loss: top.loss, gradW, hK: h };
}
