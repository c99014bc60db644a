/**
 * MMES — Mixture Model-based Evolution Strategy (He, Zheng, Zhou, IEEE TEVC 25(2), 2021), the large-scale
 * ES the SABO paper also compares with (docs/method.md §c.6, optional baseline), following the pypop7 formulation the
 * pypop7 library uses (pypop7/optimizers/es/mmes.py). The mutation mixes a spherical Gaussian with random combinations of stored evolution paths:
 *
 *   z = √(1−γ) z₀ + √(γ/l) Σ_{k=1..l} r_k q_{j_k},   x = m ± σ z (mirrored sampling),
 *
 * with m_q = 2⌈√d⌉ stored paths, mixing strength l = 4, path index j_k drawn from a geometric distribution
 * (success probability c_a = 3.8/d) counted back from the most recent path, γ = 1 − (1−c_a)^{m_q}. The mean
 * is recombined from the best ⌊λ/2⌋ with CMA-ES weights, the path p ← (1−c_c)p + √(c_c(2−c_c)μ_eff)(m'−m)/σ
 * (c_c = 0.4/√d) is archived (replacing the entry with the smallest time gap to its neighbour, or the oldest
 * when all gaps exceed ⌈1/c_c⌉), and σ adapts by a paired rank test of this generation's sorted values
 * against the last generation's: w ← (1−c_s)w + √(c_s(2−c_s)μ_eff)(2ℓ−1), σ ← σ·exp(Φ(w) − 1 + a_z),
 * c_s = 0.3, a_z = 0.05. Before the first generation the start point is evaluated once (it is the
 * "previous generation" of the first rank test), so the first iteration costs λ + 1 evaluations.
 */
import { assertInteger, assertPositive, DescentError, Rng } from "@descent/core-tensor";
import { type AskBatch, AskTellBase, type Vector } from "./ask-tell.js";
import { cmaDefaultPopulation, cmaEsParameters } from "./cma-es.js";
import { assertOptionsObject } from "./options-object.js";
import { type ScalarOrVector, startVector } from "./start-vector.js";

/** Options of {@link Mmes}; defaults are pypop7's (docs/method.md §c.6). */
export interface MmesOptions {
  dim: number;
  /** Start mean. Default 0. */
  mean0?: ScalarOrVector;
  /** Initial step size σ0 (> 0). Default 1 (as for CMA-ES in docs/method.md §e.1). */
  sigma0?: number;
  /** λ (≥ 2). Default 4 + ⌊3 ln d⌋. */
  populationSize?: number;
  /** m_q, number of stored evolution paths. Default 2⌈√d⌉. */
  paths?: number;
  /** l, mixing strength (paths combined per sample). Default 4. */
  mixing?: number;
  /** c_c, learning rate of the evolution path. Default 0.4/√d. */
  pathLearningRate?: number;
  /** c_s, learning rate of the step-size statistic. Default 0.3. */
  stepLearningRate?: number;
  /** a_z, target significance level of the rank test. Default 0.05. */
  targetSignificance?: number;
  /** c_a, success probability of the geometric path-index distribution. Default 3.8/d. */
  pathSelection?: number;
  /** Stop (reason `"collapsed"`) once σ < this. Default 1e-30. */
  collapseStep?: number;
  seed?: number;
}

/** Φ, the standard normal CDF, via a Chebyshev fit of erfc (fractional error < 1.2e-7; Numerical Recipes). */
function standardNormalCdf(w: number): number {
  const x = -w / Math.SQRT2;
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const erfc = t * Math.exp(poly);
  return 0.5 * (x >= 0 ? erfc : 2 - erfc);
}

/** MMES (ask/tell). */
export class Mmes extends AskTellBase {
  readonly name = "mmes";
  private readonly lambda: number;
  private readonly mu: number;
  private readonly weights: Float64Array;
  private readonly muEff: number;
  private readonly mq: number;
  private readonly l: number;
  private readonly cc: number;
  private readonly cs: number;
  private readonly az: number;
  private readonly ca: number;
  private readonly gap: number;
  private readonly z1: number;
  private readonly z2: number;
  private readonly rng: Rng;
  private readonly collapseStep: number;
  private readonly m: Float64Array;
  private sigma: number;
  private readonly p: Float64Array;
  private w = 0;
  /** Archived paths q (m_q × d), their generation stamps t and the recency order v (oldest first). */
  private readonly q: Float64Array;
  private readonly t: Float64Array;
  private v: number[];
  /** Sorted values of the previous generation (λ copies of F(m0) before the first). */
  private previous: Float64Array | null = null;
  private readonly zs: Float64Array;
  private pendingStart = true;

  constructor(options: MmesOptions) {
    assertOptionsObject(options, "options", [
      "dim",
      "mean0",
      "sigma0",
      "populationSize",
      "paths",
      "mixing",
      "pathLearningRate",
      "stepLearningRate",
      "targetSignificance",
      "pathSelection",
      "collapseStep",
      "seed",
    ]);
    const d = options.dim;
    assertInteger(d, "dim", { min: 1 });
    super(d);
    this.lambda = options.populationSize ?? cmaDefaultPopulation(d);
    assertInteger(this.lambda, "populationSize", { min: 2 });
    const params = cmaEsParameters(d, this.lambda, false);
    this.mu = params.mu;
    this.weights = params.weights;
    this.muEff = params.muEff;
    this.mq = options.paths ?? 2 * Math.ceil(Math.sqrt(d));
    assertInteger(this.mq, "paths", { min: 1 });
    this.l = options.mixing ?? 4;
    assertInteger(this.l, "mixing", { min: 1 });
    this.cc = options.pathLearningRate ?? 0.4 / Math.sqrt(d);
    assertPositive(this.cc, "pathLearningRate");
    this.cs = options.stepLearningRate ?? 0.3;
    assertPositive(this.cs, "stepLearningRate");
    this.az = options.targetSignificance ?? 0.05;
    assertPositive(this.az, "targetSignificance");
    this.ca = options.pathSelection ?? 3.8 / d;
    assertPositive(this.ca, "pathSelection");
    const sigma0 = options.sigma0 ?? 1;
    assertPositive(sigma0, "sigma0");
    this.collapseStep = options.collapseStep ?? 1e-30;
    assertPositive(this.collapseStep, "collapseStep");
    const seed = options.seed ?? 0;
    assertInteger(seed, "seed", { min: 0, max: Number.MAX_SAFE_INTEGER });
    if (this.cc >= 1 || this.cs >= 1) {
      throw new DescentError(
        `pathLearningRate and stepLearningRate must be < 1, received ${this.cc}, ${this.cs}`,
        {
          parameter: this.cc >= 1 ? "pathLearningRate" : "stepLearningRate",
          code: "range",
        },
      );
    }
    this.gap = Math.ceil(1 / this.cc);
    const gamma = 1 - (1 - Math.min(this.ca, 1)) ** this.mq;
    this.z1 = Math.sqrt(1 - gamma);
    this.z2 = Math.sqrt(gamma / this.l);
    this.rng = new Rng(seed);
    this.m = startVector(options.mean0, d, "mean0", 0);
    this.sigma = sigma0;
    this.p = new Float64Array(d);
    this.q = new Float64Array(this.mq * d);
    this.t = new Float64Array(this.mq);
    this.v = Array.from({ length: this.mq }, (_, i) => i);
    this.zs = new Float64Array(this.lambda * d);
  }

  /** λ, plus one evaluation of the start point in the first iteration. */
  get evaluationsPerIteration(): number {
    return this.lambda + (this.pendingStart ? 1 : 0);
  }

  /** Current step size σ. */
  get stepSize(): number {
    return this.sigma;
  }

  /** Current mean, the recommendation. */
  recommendation(): Vector {
    return this.m.slice();
  }

  override stopReason(): string | null {
    return this.sigma < this.collapseStep ? "collapsed" : null;
  }

  /** A path index: Geometric(c_a) steps back from the most recent archived path (pypop7's rule). */
  private pathIndex(): number {
    let g = 1;
    if (this.ca < 1) g = Math.max(1, Math.ceil(Math.log(1 - this.rng.float()) / Math.log(1 - this.ca)));
    return this.v[this.mq - (g % this.mq) - 1] as number;
  }

  protected propose(): AskBatch {
    const d = this.dim;
    const half = Math.ceil(this.lambda / 2);
    const points: Vector[] = new Array(this.lambda);
    const zq = new Float64Array(d);
    for (let k = 0; k < half; k++) {
      zq.fill(0);
      for (let r = 0; r < this.l; r++) {
        const j = this.pathIndex();
        const coef = this.rng.normal();
        for (let i = 0; i < d; i++) zq[i] = (zq[i] as number) + coef * (this.q[j * d + i] as number);
      }
      const plus = new Float64Array(d);
      for (let i = 0; i < d; i++) {
        const z = this.z1 * this.rng.normal() + this.z2 * (zq[i] as number);
        this.zs[k * d + i] = z;
        plus[i] = (this.m[i] as number) + this.sigma * z;
      }
      points[k] = plus;
      // mirrored sampling: x = m − σz for the second half
      if (half + k < this.lambda) {
        const minus = new Float64Array(d);
        for (let i = 0; i < d; i++) {
          const z = this.zs[k * d + i] as number;
          this.zs[(half + k) * d + i] = -z;
          minus[i] = (this.m[i] as number) - this.sigma * z;
        }
        points[half + k] = minus;
      }
    }
    if (this.pendingStart) points.push(this.m.slice());
    return { phase: "sample", points };
  }

  protected absorb(_batch: AskBatch, values: Float64Array): void {
    const d = this.dim;
    const lambda = this.lambda;
    if (this.pendingStart) {
      this.previous = new Float64Array(lambda).fill(values[lambda] as number);
      this.pendingStart = false;
    }
    const order = Array.from({ length: lambda }, (_, i) => i).sort(
      (a, b) => (values[a] as number) - (values[b] as number),
    );
    // recombination: m' = Σ w_i x_{i:λ} = m + σ Σ w_i z_{i:λ}
    const step = new Float64Array(d);
    for (let i = 0; i < this.mu; i++) {
      const wi = this.weights[i] as number;
      const row = (order[i] as number) * d;
      for (let j = 0; j < d; j++) step[j] = (step[j] as number) + wi * (this.zs[row + j] as number);
    }
    const pc = Math.sqrt(this.cc * (2 - this.cc) * this.muEff);
    for (let j = 0; j < d; j++) {
      this.m[j] = (this.m[j] as number) + this.sigma * (step[j] as number);
      this.p[j] = (1 - this.cc) * (this.p[j] as number) + pc * (step[j] as number);
    }
    // archive the path (docs/method.md §c.6): fill first, then replace the entry closest in time to its predecessor
    const gen = this.iterationCount;
    if (gen < this.mq) {
      this.q.set(this.p, gen * d);
    } else {
      let kStar = 1;
      let minGap = Number.POSITIVE_INFINITY;
      for (let i = 1; i < this.mq; i++) {
        const g = (this.t[this.v[i] as number] as number) - (this.t[this.v[i - 1] as number] as number);
        if (g < minGap) {
          minGap = g;
          kStar = i;
        }
      }
      if (this.mq === 1 || minGap > this.gap) kStar = 0;
      const slot = this.v[kStar] as number;
      this.v = [...this.v.slice(0, kStar), ...this.v.slice(kStar + 1), slot];
      this.t[slot] = gen;
      this.q.set(this.p, slot * d);
    }
    // paired rank test of the sorted values against the previous generation's
    const sorted = Float64Array.from(order, (i) => values[i] as number);
    const prev = this.previous as Float64Array;
    let lw = 0;
    for (let i = 0; i < this.mu; i++)
      if ((prev[i] as number) > (sorted[i] as number)) lw += this.weights[i] as number;
    this.w =
      (1 - this.cs) * this.w + Math.sqrt(this.cs * (2 - this.cs)) * Math.sqrt(this.muEff) * (2 * lw - 1);
    this.sigma *= Math.exp(standardNormalCdf(this.w) - 1 + this.az);
    this.previous = sorted;
    this.iterationCount++;
  }
}
