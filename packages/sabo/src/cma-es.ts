/**
 * CMA-ES (Hansen, "The CMA Evolution Strategy: A Tutorial", arXiv:1604.00772) with its default parameters,
 * full covariance, and sep-CMA-ES (Ros & Hansen, PPSN 2008: diagonal C, learning rates c_1, c_μ multiplied
 * by (d+2)/3, no eigendecomposition; for d > 200). Baselines of docs/method.md §c.6.
 *
 * Per generation: y_k = B D z_k, x_k = m + σ y_k; sort; ⟨y⟩ = Σ_{i≤μ} w_i y_{i:λ}; m ← m + σ⟨y⟩;
 * cumulative step-size adaptation with p_σ, rank-one update with p_c (stalled by h_σ), rank-μ update.
 * By default the rank-μ update is "active" (the tutorial's current default, its eqs. for negative
 * weights): the λ − μ worst samples enter with negative weights, rescaled by n/‖C^{-1/2} y‖², so that C
 * shrinks along bad directions; `recombination: "positive"` restores the positive-only weights.
 *
 * @example
 * ```ts
 * const result = await minimize(f, new CmaEs({ dim: 20, mean0: 1, separable: true }), { maxEvaluations: 10_000 });
 * ```
 */
import {
  assertInteger,
  assertOneOf,
  assertPositive,
  DescentError,
  describeValue,
  eigh,
  Rng,
} from "@descent/core-tensor";
import { type AskBatch, AskTellBase, type Vector } from "./ask-tell.js";
import { assertOptionsObject } from "./options-object.js";
import { type ScalarOrVector, startVector } from "./start-vector.js";

/** Options of {@link CmaEs}. */
export interface CmaEsOptions {
  /** Search dimension d. */
  dim: number;
  /** Initial mean m0. Default 0. */
  mean0?: ScalarOrVector;
  /** Initial step size σ0 (> 0). Default 1 (docs/method.md §e.1). */
  sigma0?: number;
  /** λ, population size (≥ 2). Default 4 + ⌊3 ln d⌋ (Hansen's default; docs/method.md §c.6). */
  populationSize?: number;
  /** sep-CMA-ES: diagonal covariance (Ros & Hansen 2008). Default `false` (full CMA-ES). */
  separable?: boolean;
  /** Stop (reason `"collapsed"`) once σ·max √C_ii < this. Default 1e-30. */
  collapseStep?: number;
  /** Seed. Default 0. */
  seed?: number;
  /**
   * Recombination weights of the covariance update. Default `"active"`: Hansen's tutorial's current
   * default, negative weights for the λ − μ worst samples (active CMA); `"positive"`: the original
   * positive weights on the μ best only.
   */
  recombination?: CmaRecombination;
}

/** The weight schemes of {@link CmaEsOptions.recombination}. */
export type CmaRecombination = "active" | "positive";

/** The strategy parameters of CMA-ES as functions of d and λ (Hansen's tutorial, Table 1; docs/method.md §c.6). */
export interface CmaEsParameters {
  readonly lambda: number;
  readonly mu: number;
  /** Positive weights of the μ best samples (sum 1); the mean update uses only these. */
  readonly weights: Float64Array;
  /** Weights (≤ 0) of the λ − μ worst samples in the covariance update; empty for `"positive"`. */
  readonly negativeWeights: Float64Array;
  readonly muEff: number;
  readonly cSigma: number;
  readonly dSigma: number;
  readonly cC: number;
  readonly c1: number;
  readonly cMu: number;
  readonly chiD: number;
}

/** Default CMA-ES population size 4 + ⌊3 ln d⌋. */
export function cmaDefaultPopulation(dim: number): number {
  return 4 + Math.floor(3 * Math.log(dim));
}

/**
 * The default strategy parameters (Hansen's tutorial, Table 1); with `separable`, c_1 and c_μ are scaled by
 * (d+2)/3. With `"active"` recombination the λ − μ worst samples get the tutorial's negative weights
 * w_i = min(α_μ⁻, α_μeff⁻, α_posdef⁻) · w'_i / Σ_{j>μ} |w'_j| with w'_i = ln((λ+1)/2) − ln i.
 */
export function cmaEsParameters(
  dim: number,
  lambda: number,
  separable: boolean,
  recombination: CmaRecombination = "active",
): CmaEsParameters {
  assertInteger(dim, "dim", { min: 1 });
  assertInteger(lambda, "lambda", { min: 2 });
  if (typeof separable !== "boolean") {
    throw new DescentError(`separable must be a boolean, received ${describeValue(separable)}`, {
      parameter: "separable",
      code: "type",
    });
  }
  assertOneOf(recombination, "recombination", ["active", "positive"] as const);
  const d = dim;
  const mu = Math.floor(lambda / 2);
  const weights = new Float64Array(mu);
  let sum = 0;
  for (let i = 0; i < mu; i++) {
    weights[i] = Math.log((lambda + 1) / 2) - Math.log(i + 1);
    sum += weights[i] as number;
  }
  let sumSq = 0;
  for (let i = 0; i < mu; i++) {
    weights[i] = (weights[i] as number) / sum;
    sumSq += (weights[i] as number) ** 2;
  }
  const muEff = 1 / sumSq;
  const cSigma = (muEff + 2) / (d + muEff + 5);
  const dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (d + 1)) - 1) + cSigma;
  const cC = (4 + muEff / d) / (d + 4 + (2 * muEff) / d);
  let c1 = 2 / ((d + 1.3) ** 2 + muEff);
  let cMu = Math.min(1 - c1, (2 * (muEff - 2 + 1 / muEff)) / ((d + 2) ** 2 + muEff));
  if (separable) {
    // Ros & Hansen (2008): diagonal C learns (d+2)/3 times faster; keep c_1 + c_μ ≤ 1
    const f = (d + 2) / 3;
    c1 = Math.min(1, c1 * f);
    cMu = Math.min(1 - c1, cMu * f);
  }
  const chiD = Math.sqrt(d) * (1 - 1 / (4 * d) + 1 / (21 * d * d));
  const negativeWeights = new Float64Array(recombination === "active" ? lambda - mu : 0);
  if (negativeWeights.length > 0) {
    let negSum = 0;
    let negSumSq = 0;
    for (let i = mu; i < lambda; i++) {
      const raw = Math.log((lambda + 1) / 2) - Math.log(i + 1);
      negativeWeights[i - mu] = raw;
      negSum += Math.abs(raw);
      negSumSq += raw * raw;
    }
    const muEffMinus = negSumSq > 0 ? (negSum * negSum) / negSumSq : 0;
    const alphaMu = 1 + c1 / cMu;
    const alphaMuEff = 1 + (2 * muEffMinus) / (muEff + 2);
    const alphaPosDef = (1 - c1 - cMu) / (d * cMu);
    const scale = negSum > 0 ? Math.min(alphaMu, alphaMuEff, alphaPosDef) / negSum : 0;
    for (let i = 0; i < negativeWeights.length; i++)
      negativeWeights[i] = Math.min(0, (negativeWeights[i] as number) * scale);
  }
  return { lambda, mu, weights, negativeWeights, muEff, cSigma, dSigma, cC, c1, cMu, chiD };
}

/** CMA-ES / sep-CMA-ES (ask/tell). */
export class CmaEs extends AskTellBase {
  readonly name: string;
  readonly evaluationsPerIteration: number;
  /** Strategy parameters in use. */
  readonly parameters: CmaEsParameters;
  private readonly separable: boolean;
  private readonly rng: Rng;
  private readonly collapseStep: number;
  private readonly m: Float64Array;
  private sigma: number;
  private readonly pSigma: Float64Array;
  private readonly pC: Float64Array;
  /** Full C (d·d) or its diagonal (d) for sep-CMA-ES. */
  private readonly c: Float64Array;
  /** Eigenvectors B (columns, d·d); unused for sep-CMA-ES. */
  private b: Float64Array;
  /** √eigenvalues of C. */
  private dScale: Float64Array;
  private readonly z: Float64Array;
  private readonly y: Float64Array;
  private readonly eigenInterval: number;
  private sinceEigen = 0;

  constructor(options: CmaEsOptions) {
    assertOptionsObject(options, "options", [
      "dim",
      "mean0",
      "sigma0",
      "populationSize",
      "separable",
      "collapseStep",
      "seed",
      "recombination",
    ]);
    const dim = options.dim;
    assertInteger(dim, "dim", { min: 1 });
    super(dim);
    const lambda = options.populationSize ?? cmaDefaultPopulation(dim);
    assertInteger(lambda, "populationSize", { min: 2 });
    const sigma0 = options.sigma0 ?? 1;
    assertPositive(sigma0, "sigma0");
    const seed = options.seed ?? 0;
    assertInteger(seed, "seed", { min: 0, max: Number.MAX_SAFE_INTEGER });
    this.collapseStep = options.collapseStep ?? 1e-30;
    assertPositive(this.collapseStep, "collapseStep");
    this.separable = options.separable ?? false;
    if (typeof this.separable !== "boolean") {
      throw new DescentError(`separable must be a boolean, received ${describeValue(this.separable)}`, {
        parameter: "separable",
        code: "type",
      });
    }
    const recombination = options.recombination ?? "active";
    assertOneOf(recombination, "recombination", ["active", "positive"] as const);
    this.name = this.separable ? "sep-cma-es" : "cma-es";
    this.parameters = cmaEsParameters(dim, lambda, this.separable, recombination);
    this.evaluationsPerIteration = lambda;
    this.rng = new Rng(seed);
    this.m = startVector(options.mean0, dim, "mean0", 0);
    this.sigma = sigma0;
    this.pSigma = new Float64Array(dim);
    this.pC = new Float64Array(dim);
    this.dScale = new Float64Array(dim).fill(1);
    if (this.separable) {
      this.c = new Float64Array(dim).fill(1);
      this.b = new Float64Array(0);
    } else {
      this.c = new Float64Array(dim * dim);
      this.b = new Float64Array(dim * dim);
      for (let j = 0; j < dim; j++) {
        this.c[j * dim + j] = 1;
        this.b[j * dim + j] = 1;
      }
    }
    this.z = new Float64Array(lambda * dim);
    this.y = new Float64Array(lambda * dim);
    const { c1, cMu } = this.parameters;
    this.eigenInterval = Math.max(1, Math.floor(1 / (10 * dim * (c1 + cMu))));
  }

  /** Current step size σ. */
  get stepSize(): number {
    return this.sigma;
  }

  /** Current mean m, the recommendation. */
  recommendation(): Vector {
    return this.m.slice();
  }

  override stopReason(): string | null {
    let maxC = 0;
    const d = this.dim;
    for (let j = 0; j < d; j++)
      maxC = Math.max(maxC, this.separable ? (this.c[j] as number) : (this.c[j * d + j] as number));
    return this.sigma * Math.sqrt(maxC) < this.collapseStep ? "collapsed" : null;
  }

  protected propose(): AskBatch {
    const d = this.dim;
    const lambda = this.parameters.lambda;
    this.rng.fillNormal(this.z);
    const points: Vector[] = new Array(lambda);
    for (let k = 0; k < lambda; k++) {
      const row = k * d;
      const x = new Float64Array(d);
      if (this.separable) {
        for (let j = 0; j < d; j++)
          this.y[row + j] = (this.dScale[j] as number) * (this.z[row + j] as number);
      } else {
        // y = B (D ⊙ z)
        for (let r = 0; r < d; r++) {
          let s = 0;
          for (let c = 0; c < d; c++)
            s += (this.b[r * d + c] as number) * (this.dScale[c] as number) * (this.z[row + c] as number);
          this.y[row + r] = s;
        }
      }
      for (let j = 0; j < d; j++) x[j] = (this.m[j] as number) + this.sigma * (this.y[row + j] as number);
      points[k] = x;
    }
    return { phase: "sample", points };
  }

  protected absorb(_batch: AskBatch, values: Float64Array): void {
    const d = this.dim;
    const { lambda, mu, weights, negativeWeights, muEff, cSigma, dSigma, cC, c1, cMu, chiD } =
      this.parameters;
    const order = Array.from({ length: lambda }, (_, i) => i).sort(
      (a, b) => (values[a] as number) - (values[b] as number),
    );
    // ⟨y⟩ = Σ w_i y_{i:λ}, and the whitened step C^{-1/2}⟨y⟩ = B ⟨z⟩ (⟨z⟩ = Σ w_i z_{i:λ})
    const yw = new Float64Array(d);
    const zw = new Float64Array(d);
    for (let i = 0; i < mu; i++) {
      const w = weights[i] as number;
      const row = (order[i] as number) * d;
      for (let j = 0; j < d; j++) {
        yw[j] = (yw[j] as number) + w * (this.y[row + j] as number);
        zw[j] = (zw[j] as number) + w * (this.z[row + j] as number);
      }
    }
    for (let j = 0; j < d; j++) this.m[j] = (this.m[j] as number) + this.sigma * (yw[j] as number);
    const csn = Math.sqrt(cSigma * (2 - cSigma) * muEff);
    if (this.separable) {
      for (let j = 0; j < d; j++)
        this.pSigma[j] = (1 - cSigma) * (this.pSigma[j] as number) + csn * (zw[j] as number);
    } else {
      for (let r = 0; r < d; r++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += (this.b[r * d + c] as number) * (zw[c] as number);
        this.pSigma[r] = (1 - cSigma) * (this.pSigma[r] as number) + csn * s;
      }
    }
    let psNorm = 0;
    for (let j = 0; j < d; j++) psNorm += (this.pSigma[j] as number) ** 2;
    psNorm = Math.sqrt(psNorm);
    const g = this.iterationCount;
    const hSigma = psNorm / Math.sqrt(1 - (1 - cSigma) ** (2 * (g + 1))) < (1.4 + 2 / (d + 1)) * chiD ? 1 : 0;
    const ccn = Math.sqrt(cC * (2 - cC) * muEff);
    for (let j = 0; j < d; j++)
      this.pC[j] = (1 - cC) * (this.pC[j] as number) + hSigma * ccn * (yw[j] as number);
    // Covariance weights w°: the μ positive ones, then the negative ones scaled by d/‖C^{-1/2} y‖² =
    // d/‖z‖² (tutorial: keeps the negative update bounded whatever the sample's length).
    const nNeg = negativeWeights.length;
    const covWeights = new Float64Array(mu + nNeg);
    let weightSum = 0;
    for (let i = 0; i < mu; i++) {
      covWeights[i] = weights[i] as number;
      weightSum += weights[i] as number;
    }
    for (let k = 0; k < nNeg; k++) {
      const wNeg = negativeWeights[k] as number;
      weightSum += wNeg;
      const row = (order[mu + k] as number) * d;
      let zSq = 0;
      for (let j = 0; j < d; j++) zSq += (this.z[row + j] as number) ** 2;
      covWeights[mu + k] = zSq > 0 ? (wNeg * d) / zSq : 0;
    }
    const ranked = mu + nNeg;
    const keep = 1 - c1 - cMu * weightSum + c1 * (1 - hSigma) * cC * (2 - cC);
    if (this.separable) {
      for (let j = 0; j < d; j++) {
        let rankMu = 0;
        for (let i = 0; i < ranked; i++)
          rankMu += (covWeights[i] as number) * (this.y[(order[i] as number) * d + j] as number) ** 2;
        this.c[j] = keep * (this.c[j] as number) + c1 * (this.pC[j] as number) ** 2 + cMu * rankMu;
        this.dScale[j] = Math.sqrt(Math.max(this.c[j] as number, 1e-300));
      }
    } else {
      for (let r = 0; r < d; r++) {
        for (let c = 0; c <= r; c++) {
          let rankMu = 0;
          for (let i = 0; i < ranked; i++) {
            const row = (order[i] as number) * d;
            rankMu += (covWeights[i] as number) * (this.y[row + r] as number) * (this.y[row + c] as number);
          }
          const v =
            keep * (this.c[r * d + c] as number) +
            c1 * (this.pC[r] as number) * (this.pC[c] as number) +
            cMu * rankMu;
          this.c[r * d + c] = v;
          this.c[c * d + r] = v;
        }
      }
      this.sinceEigen++;
      if (this.sinceEigen >= this.eigenInterval) {
        this.sinceEigen = 0;
        const e = eigh({ rows: d, cols: d, data: this.c.slice() });
        this.b = e.vectors.data.slice();
        this.dScale = e.values.map((v) => Math.sqrt(Math.max(v, 1e-300)));
      }
    }
    this.sigma *= Math.exp((cSigma / dSigma) * (psNorm / chiD - 1));
    this.iterationCount++;
  }
}
