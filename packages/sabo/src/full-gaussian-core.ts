/**
 * The full-covariance engine of SABO and INGO (docs/method.md §c.4 "Full-covariance variant", derived, d ≤ ~200;
 * INGO full: docs/method.md §c.6). Σ is kept through its eigendecomposition Σ = V diag(e) Vᵀ with the square root
 * A = V diag(√e), so that x = μ + A z and the score Σ⁻¹(x − μ) = A⁻ᵀ z. In the whitened coordinates of A
 * the formulas of the diagonal case carry over exactly:
 *
 *   Aᵀĝ = (1/N) Σ f̂_i z_i,   K = AᵀĜA = (1/(2N)) (Σ f̂_i z_i z_iᵀ − (Σ f̂_i) I),
 *   q = ½ ĝᵀΣĝ + tr(ΣĜΣĜ) = ½ ‖Aᵀĝ‖² + ‖K‖_F²,   λ = √q/ρ,
 *   δ_μ = Σĝ/λ = A(Aᵀĝ)/λ,   A⁻¹δ_Σ A⁻ᵀ = 2K/λ,
 *
 * and the positivity safeguard clips the eigenvalues of the whitened perturbation 2K/λ to [−c, c]
 * (the diagonal rule s̃ = s(1 + clip(δ_s/s)) is the special case). The outer step is
 * Σ_{t+1}⁻¹ = Σ_t⁻¹ + 2βG̃ with eigenvalues floored at `invVarianceFloor`, μ_{t+1} = μ_t − β Σ_{t+1} g̃.
 */
import { eigh, gramRows, type Matrix64, matmul, type Rng } from "@descent/core-tensor";
import type { AskBatch, Vector } from "./ask-tell.js";
import { shapeFitness } from "./fitness-shaping.js";
import type { GaussianSearchCore, PerturbationInfo } from "./gaussian-search.js";
import type { ResolvedSaboOptions } from "./gaussian-search-options.js";
import { FLAT_Q } from "./kl-perturbation.js";

/** A Gaussian in eigen form: Σ = V diag(e) Vᵀ. */
interface EigenGaussian {
  mean: Float64Array;
  vectors: Matrix64;
  values: Float64Array;
}

/** A = V diag(√e), row-major. */
function sqrtFactor(g: EigenGaussian): Matrix64 {
  const d = g.values.length;
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let k = 0; k < d; k++)
      a[i * d + k] = (g.vectors.data[i * d + k] as number) * Math.sqrt(g.values[k] as number);
  return { rows: d, cols: d, data: a };
}

/** A⁻ᵀ = V diag(1/√e), row-major. */
function inverseSqrtFactorT(g: EigenGaussian): Matrix64 {
  const d = g.values.length;
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let k = 0; k < d; k++)
      a[i * d + k] = (g.vectors.data[i * d + k] as number) / Math.sqrt(g.values[k] as number);
  return { rows: d, cols: d, data: a };
}

/** diag(Σ) = Σ_k V_ik² e_k, without forming Σ. */
function covarianceDiagonal(g: EigenGaussian): Float64Array {
  const d = g.values.length;
  const out = new Float64Array(d);
  const v = g.vectors.data;
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += (v[i * d + k] as number) ** 2 * (g.values[k] as number);
    out[i] = s;
  }
  return out;
}

function symmetrize(m: Matrix64): Matrix64 {
  const d = m.rows;
  const a = m.data;
  for (let i = 0; i < d; i++)
    for (let j = 0; j < i; j++) {
      const v = 0.5 * ((a[i * d + j] as number) + (a[j * d + i] as number));
      a[i * d + j] = v;
      a[j * d + i] = v;
    }
  return m;
}

export class FullGaussianCore implements GaussianSearchCore {
  private current: EigenGaussian;
  private perturbed: EigenGaussian;
  private readonly z: Float64Array;
  private readonly shaped: Float64Array;
  private phase: "ascent" | "descent";
  private lastLambda = Number.POSITIVE_INFINITY;
  private t = 0;
  private perturbedOnce = false;
  private sampledFactor: Matrix64 | null = null;

  constructor(
    private readonly o: ResolvedSaboOptions,
    private readonly rng: Rng,
  ) {
    const d = o.dim;
    const vectors = new Float64Array(d * d);
    const values = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      vectors[j * d + j] = 1;
      values[j] = (o.sigma0[j] as number) ** 2;
    }
    this.current = { mean: o.mean0.slice(), vectors: { rows: d, cols: d, data: vectors }, values };
    this.perturbed = this.current;
    this.z = new Float64Array(o.populationSize * d);
    this.shaped = new Float64Array(o.populationSize);
    this.phase = o.rho > 0 ? "ascent" : "descent";
  }

  get mean(): Float64Array {
    return this.current.mean;
  }

  /** Diagonal of Σ. */
  get variance(): Float64Array {
    return covarianceDiagonal(this.current);
  }

  get covarianceMatrix(): Float64Array {
    return gramRows(this.current.vectors, this.current.values).data;
  }

  get atIterationStart(): boolean {
    return this.o.rho > 0 ? this.phase === "ascent" : true;
  }

  get perturbation(): PerturbationInfo | null {
    if (!this.perturbedOnce) return null;
    return {
      mean: this.perturbed.mean.slice(),
      variance: covarianceDiagonal(this.perturbed),
      lambda: this.lastLambda,
      covariance: gramRows(this.perturbed.vectors, this.perturbed.values).data,
    };
  }

  private sample(g: EigenGaussian): Vector[] {
    const d = this.o.dim;
    const n = this.o.populationSize;
    this.rng.fillNormal(this.z);
    const a = sqrtFactor(g);
    this.sampledFactor = a;
    const points: Vector[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const x = g.mean.slice();
      const row = i * d;
      for (let r = 0; r < d; r++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += (a.data[r * d + k] as number) * (this.z[row + k] as number);
        x[r] = (x[r] as number) + s;
      }
      points[i] = x;
    }
    return points;
  }

  propose(): AskBatch {
    if (this.phase === "ascent") return { phase: "ascent", points: this.sample(this.current) };
    return { phase: "descent", points: this.sample(this.o.rho > 0 ? this.perturbed : this.current) };
  }

  /** Whitened gradients w = Aᵀĝ (length d) and K = AᵀĜA (d×d) of the last batch. */
  private whitenedGradients(values: Float64Array): { w: Float64Array; k: Matrix64 } {
    const d = this.o.dim;
    const n = this.o.populationSize;
    shapeFitness(values, this.o.fitnessShaping, this.shaped);
    const w = new Float64Array(d);
    let sumF = 0;
    const zw = new Float64Array(d * n); // column i = f̂_i z_i (d × n), for K = (1/2N) Σ f̂ z zᵀ
    const zt = new Float64Array(d * n);
    for (let i = 0; i < n; i++) {
      const f = this.shaped[i] as number;
      sumF += f;
      for (let j = 0; j < d; j++) {
        const zij = this.z[i * d + j] as number;
        w[j] = (w[j] as number) + f * zij;
        zt[j * n + i] = zij;
        zw[j * n + i] = f * zij;
      }
    }
    for (let j = 0; j < d; j++) w[j] = (w[j] as number) / n;
    const k = matmul({ rows: d, cols: n, data: zw }, { rows: d, cols: n, data: zt }, { transB: true });
    for (let i = 0; i < d * d; i++) k.data[i] = (k.data[i] as number) / (2 * n);
    for (let j = 0; j < d; j++) k.data[j * d + j] = (k.data[j * d + j] as number) - sumF / (2 * n);
    return { w, k: symmetrize(k) };
  }

  absorb(phase: AskBatch["phase"], values: Float64Array): boolean {
    const d = this.o.dim;
    const a = this.sampledFactor as Matrix64;
    const { w, k } = this.whitenedGradients(values);
    if (phase === "ascent") {
      let q = 0;
      for (let j = 0; j < d; j++) q += 0.5 * (w[j] as number) ** 2;
      for (let i = 0; i < d * d; i++) q += (k.data[i] as number) ** 2;
      if (!(q >= FLAT_Q)) {
        this.lastLambda = Number.POSITIVE_INFINITY;
        this.perturbed = this.current;
      } else {
        const lambda = Math.sqrt(q) / this.o.rho;
        this.lastLambda = lambda;
        // δ_μ = A w / λ
        const mean = this.current.mean.slice();
        for (let r = 0; r < d; r++) {
          let s = 0;
          for (let c = 0; c < d; c++) s += (a.data[r * d + c] as number) * (w[c] as number);
          mean[r] = (mean[r] as number) + s / lambda;
        }
        // whitened perturbation 2K/λ, eigenvalues clipped to [−c, c]; Σ̃ = (A W) diag(1 + m) (A W)ᵀ
        const m = { rows: d, cols: d, data: k.data.map((v) => (2 * v) / lambda) };
        const em = eigh(m);
        const c = this.o.perturbationClip;
        const scaled = em.values.map((v) => 1 + Math.max(-c, Math.min(c, v)));
        for (let j = 0; j < d; j++) if (!((scaled[j] as number) > 0)) scaled[j] = 1e-6;
        const aw = matmul(a, em.vectors);
        const sigmaTilde = symmetrize(gramRows(aw, scaled));
        const e = eigh(sigmaTilde);
        this.perturbed = { mean, vectors: e.vectors, values: e.values.map((v) => Math.max(v, 1e-300)) };
      }
      this.perturbedOnce = true;
      this.phase = "descent";
      return false;
    }
    // gradient measured at the sampled Gaussian g_s (θ̃ for SABO, θ for INGO); step applied to θ
    const gs = this.o.rho > 0 ? this.perturbed : this.current;
    const beta = this.o.learningRate(this.t);
    // g̃ = A_s⁻ᵀ w ;  G̃ = A_s⁻ᵀ K A_s⁻¹
    const ainvT = inverseSqrtFactorT(gs);
    const gMean = new Float64Array(d);
    for (let r = 0; r < d; r++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (ainvT.data[r * d + c] as number) * (w[c] as number);
      gMean[r] = s;
    }
    const gVar = matmul(matmul(ainvT, k), ainvT, { transB: true });
    const cur = this.current;
    let precision: Matrix64;
    if (this.o.covarianceUpdate === "multiplicative") {
      // Σ_{t+1}⁻¹ = A_t⁻ᵀ expm(clip(2β A_tᵀ G̃ A_t, −1, 1)) A_t⁻¹ (the diagonal rule in whitened form)
      const at = sqrtFactor(cur);
      const inner = symmetrize(matmul(matmul(at, gVar, { transA: true }), at));
      for (let i = 0; i < d * d; i++) inner.data[i] = 2 * beta * (inner.data[i] as number);
      const ei = eigh(inner);
      const ex = ei.values.map((v) => Math.exp(Math.max(-1, Math.min(1, v))));
      precision = gramRows(matmul(inverseSqrtFactorT(cur), ei.vectors), ex);
    } else {
      precision = gramRows(
        cur.vectors,
        cur.values.map((v) => 1 / v),
      );
      for (let i = 0; i < d * d; i++)
        precision.data[i] = (precision.data[i] as number) + 2 * beta * (gVar.data[i] as number);
    }
    const ep = eigh(symmetrize(precision));
    const floor = this.o.invVarianceFloor;
    const nextValues = ep.values.map((v) => 1 / Math.max(v, floor));
    const next: EigenGaussian = { mean: cur.mean.slice(), vectors: ep.vectors, values: nextValues };
    // μ_{t+1} = μ_t − β Σ g̃ with Σ = Σ_{t+1} ('next', eq. (10)) or Σ_t ('current')
    const pre = this.o.meanPreconditioner === "next" ? next : cur;
    const sigma = gramRows(pre.vectors, pre.values);
    for (let r = 0; r < d; r++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (sigma.data[r * d + c] as number) * (gMean[c] as number);
      next.mean[r] = (next.mean[r] as number) - beta * s;
    }
    this.current = next;
    if (this.o.rho === 0) this.perturbed = next;
    this.t++;
    if (this.o.rho > 0) this.phase = "ascent";
    return true;
  }

  stopReason(): string | null {
    let max = 0;
    for (const v of this.current.values) max = Math.max(max, v);
    return max < this.o.collapseVariance ? "collapsed" : null;
  }
}
