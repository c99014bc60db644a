/**
 * The diagonal-covariance engine of SABO and INGO (docs/method.md §c.4, the paper's setting): a search Gaussian
 * N(μ, diag(s)), an optional ascent batch that moves it to the worst case inside the KL ball (docs/method.md §c.2),
 * a descent batch drawn there, and the INGO-style step applied to the current Gaussian (docs/method.md §c.3).
 * Everything is float64, buffers are allocated once, the hot loops are O(N·d) with no per-element allocation.
 */
import type { Rng } from "@descent/core-tensor";
import { DescentError, describeValue } from "@descent/core-tensor";
import type { AskBatch, Vector } from "./ask-tell.js";
import { shapeFitness } from "./fitness-shaping.js";
import type { DivergenceInfo, GaussianSearchCore, PerturbationInfo } from "./gaussian-search.js";
import type { ResolvedSaboOptions } from "./gaussian-search-options.js";
import { applyPerturbation, type Perturbation, perturbExactKL, perturbFisher } from "./kl-perturbation.js";
import { firstNonPositivePrecision, naturalGradientStep } from "./natural-gradient-step.js";
import { scoreGradients } from "./score-gradients.js";

/** Fallback ratio s̃/s when a disabled clip (c = Infinity) would make a perturbed variance ≤ 0. */
const MIN_PERTURBED_RATIO = 1e-6;

export class DiagonalGaussianCore implements GaussianSearchCore {
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  private readonly pMean: Float64Array;
  private readonly pVar: Float64Array;
  private readonly sigma: Float64Array;
  private readonly z: Float64Array;
  private readonly shaped: Float64Array;
  private readonly grads: { gMean: Float64Array; gVar: Float64Array };
  private readonly delta: { dMean: Float64Array; dVar: Float64Array };
  private phase: "ascent" | "descent";
  private lastLambda = Number.POSITIVE_INFINITY;
  private t = 0;
  private perturbedOnce = false;
  private rejected: DivergenceInfo | null = null;

  constructor(
    private readonly o: ResolvedSaboOptions,
    private readonly rng: Rng,
  ) {
    const d = o.dim;
    this.mean = o.mean0.slice();
    this.variance = new Float64Array(d);
    for (let j = 0; j < d; j++) this.variance[j] = (o.sigma0[j] as number) ** 2;
    this.pMean = new Float64Array(d);
    this.pVar = new Float64Array(d);
    this.sigma = new Float64Array(d);
    this.z = new Float64Array(o.populationSize * d);
    this.shaped = new Float64Array(o.populationSize);
    this.grads = { gMean: new Float64Array(d), gVar: new Float64Array(d) };
    this.delta = { dMean: new Float64Array(d), dVar: new Float64Array(d) };
    this.phase = o.rho > 0 ? "ascent" : "descent";
  }

  get atIterationStart(): boolean {
    return this.o.rho > 0 ? this.phase === "ascent" : true;
  }

  get divergence(): DivergenceInfo | null {
    return this.rejected;
  }

  get perturbation(): PerturbationInfo | null {
    if (!this.perturbedOnce) return null;
    return { mean: this.pMean.slice(), variance: this.pVar.slice(), lambda: this.lastLambda };
  }

  /** Draws z ~ N(0, I) (N·d values, in a fixed order: docs/method.md §h.6) and returns x_i = m + √v ⊙ z_i. */
  private sample(m: Float64Array, v: Float64Array): Vector[] {
    if (this.o.gradientOracle !== undefined) return [];
    const d = this.o.dim;
    const n = this.o.populationSize;
    this.rng.fillNormal(this.z);
    for (let j = 0; j < d; j++) this.sigma[j] = Math.sqrt(v[j] as number);
    const points: Vector[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const x = new Float64Array(d);
      const row = i * d;
      for (let j = 0; j < d; j++)
        x[j] = (m[j] as number) + (this.sigma[j] as number) * (this.z[row + j] as number);
      points[i] = x;
    }
    return points;
  }

  propose(): AskBatch {
    if (this.phase === "ascent") return { phase: "ascent", points: this.sample(this.mean, this.variance) };
    const m = this.o.rho > 0 ? this.pMean : this.mean;
    const v = this.o.rho > 0 ? this.pVar : this.variance;
    return { phase: "descent", points: this.sample(m, v) };
  }

  /** ĝ, Ĝ at (m, v): eqs. (5)-(6) on the last batch, or the exact oracle. */
  private gradients(m: Float64Array, v: Float64Array, values: Float64Array): void {
    const oracle = this.o.gradientOracle;
    if (oracle !== undefined) {
      const g = oracle(m.slice(), v.slice());
      for (let j = 0; j < this.o.dim; j++) {
        const a = g.gMean[j];
        const b = g.gVar[j];
        if (typeof a !== "number" || typeof b !== "number" || !Number.isFinite(a) || !Number.isFinite(b)) {
          throw new DescentError(
            `gradientOracle must return finite gMean and gVar of length ${this.o.dim}, received gMean[${j}]=${describeValue(a)}, gVar[${j}]=${describeValue(b)}`,
            { parameter: "gradientOracle", code: "finite" },
          );
        }
        this.grads.gMean[j] = a;
        this.grads.gVar[j] = b;
      }
      return;
    }
    shapeFitness(values, this.o.fitnessShaping, this.shaped);
    scoreGradients(v, this.z, this.shaped, this.grads);
  }

  absorb(phase: AskBatch["phase"], values: Float64Array): boolean {
    if (phase === "ascent") {
      // docs/method.md §c.4 lines 2-4: gradient at θ, worst case in the KL ball, positivity safeguard
      this.gradients(this.mean, this.variance, values);
      const p: Perturbation =
        this.o.perturbation === "fisher"
          ? perturbFisher(this.variance, this.grads.gMean, this.grads.gVar, this.o.rho, this.delta)
          : perturbExactKL(this.variance, this.grads.gMean, this.grads.gVar, this.o.rho, this.delta);
      this.lastLambda = p.lambda;
      applyPerturbation(this.mean, this.variance, p, this.o.perturbationClip, this.pMean, this.pVar);
      for (let j = 0; j < this.o.dim; j++) {
        if (!((this.pVar[j] as number) > 0))
          this.pVar[j] = (this.variance[j] as number) * MIN_PERTURBED_RATIO;
      }
      this.perturbedOnce = true;
      this.phase = "descent";
      return false;
    }
    // docs/method.md §c.4 lines 6-8: gradient at the worst case θ̃, step applied to θ (SAM's approximation)
    const m = this.o.rho > 0 ? this.pMean : this.mean;
    const v = this.o.rho > 0 ? this.pVar : this.variance;
    this.gradients(m, v, values);
    const beta = this.o.learningRate(this.t);
    const bad =
      this.o.covarianceUpdate === "additive" && this.o.nonPositivePrecision === "stop"
        ? firstNonPositivePrecision(this.variance, this.grads.gVar, beta)
        : -1;
    if (bad >= 0) {
      // docs/method.md §h.3: eq. (9) has no Gaussian to go to; keep the last one and report instead of flooring
      this.rejected = this.describeDivergence(bad, beta);
    } else {
      naturalGradientStep(this.mean, this.variance, this.grads.gMean, this.grads.gVar, beta, this.o);
    }
    this.t++;
    if (this.o.rho > 0) this.phase = "ascent";
    return true;
  }

  private describeDivergence(j: number, beta: number): DivergenceInfo {
    const s = this.variance[j] as number;
    const u = 2 * beta * (this.grads.gVar[j] as number) * s;
    const ratio = this.o.rho > 0 ? (this.pVar[j] as number) / s : 1;
    const where =
      this.o.rho > 0
        ? `SABO (rho = ${this.o.rho}) measured G̃ at the worst-case variance s̃ = ${ratio.toPrecision(3)}·s`
        : "INGO (rho = 0)";
    const message =
      `precision step 1/s + 2βG̃ ≤ 0 at iteration ${this.t}, coordinate ${j}: u = 2βG̃·s = ${u.toPrecision(4)} ≤ −1 ` +
      `(${where}, learningRate β = ${beta}); the step was rejected and the run stopped ("diverged"). ` +
      "Lower rho or learningRate, raise populationSize, or use covarianceUpdate: 'multiplicative' (docs/method.md §h.3)";
    return { iteration: this.t, coordinate: j, relativeStep: u, message };
  }

  stopReason(): string | null {
    if (this.rejected !== null) return "diverged";
    let max = 0;
    for (let j = 0; j < this.o.dim; j++) max = Math.max(max, this.variance[j] as number);
    return max < this.o.collapseVariance ? "collapsed" : null;
  }
}
