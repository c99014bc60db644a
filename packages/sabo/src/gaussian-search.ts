/**
 * The ask/tell shell of the Gaussian-relaxation methods (SABO and INGO): it validates the options, owns
 * the seeded stream and delegates to a diagonal or a full-covariance engine.
 */
import { Rng } from "@descent/core-tensor";
import { type AskBatch, AskTellBase, type Vector } from "./ask-tell.js";
import { DiagonalGaussianCore } from "./diagonal-gaussian-core.js";
import { FullGaussianCore } from "./full-gaussian-core.js";
import type { ResolvedSaboOptions } from "./gaussian-search-options.js";

/** The search distribution after `iteration` iterations. */
export interface GaussianState {
  /** μ (a copy). */
  readonly mean: Vector;
  /** Diagonal of Σ, the variances s (a copy). */
  readonly variance: Vector;
  /** Full Σ row-major (d·d), only with `covariance: 'full'`. */
  readonly covariance?: Float64Array;
  readonly iteration: number;
  readonly evaluations: number;
}

/** The last worst-case Gaussian of SABO's inner maximisation (docs/method.md §c.2). */
export interface PerturbationInfo {
  /** μ̃ = μ + δ_μ. */
  readonly mean: Vector;
  /** Diagonal of the perturbed covariance s̃. */
  readonly variance: Vector;
  /** λ, the Lagrange multiplier (Infinity when δ = 0). */
  readonly lambda: number;
  /** The full perturbed Σ̃ row-major (d·d), only with `covariance: 'full'`. */
  readonly covariance?: Float64Array;
}

/** A rejected precision step (docs/method.md §h.3): why a SABO/INGO run stopped with reason `"diverged"`. */
export interface DivergenceInfo {
  /** The iteration (0-based) whose step was rejected. */
  readonly iteration: number;
  /** The coordinate j whose precision 1/s_j + 2βG̃_j was ≤ 0. */
  readonly coordinate: number;
  /** u = 2βG̃_j·s_j, the relative precision step; the step is invalid when u ≤ −1. */
  readonly relativeStep: number;
  /** A readable explanation naming `rho` and `learningRate`. */
  readonly message: string;
}

/** What a Gaussian engine provides to {@link GaussianSearch} (internal). */
export interface GaussianSearchCore {
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  readonly atIterationStart: boolean;
  readonly perturbation: PerturbationInfo | null;
  readonly covarianceMatrix?: Float64Array;
  /** The rejected step that stopped the run (diagonal engine), `null` otherwise. */
  readonly divergence?: DivergenceInfo | null;
  propose(): AskBatch;
  /** Returns true when the batch completed an iteration. */
  absorb(phase: AskBatch["phase"], values: Float64Array): boolean;
  stopReason(): string | null;
}

/** Common shell of {@link Sabo} and {@link Ingo}. */
export abstract class GaussianSearch extends AskTellBase {
  readonly evaluationsPerIteration: number;
  /** The validated options with their defaults filled in. */
  readonly options: ResolvedSaboOptions;
  private readonly core: GaussianSearchCore;

  protected constructor(options: ResolvedSaboOptions) {
    super(options.dim);
    this.options = options;
    const rng = new Rng(options.seed);
    this.core =
      options.covariance === "full"
        ? new FullGaussianCore(options, rng)
        : new DiagonalGaussianCore(options, rng);
    const perBatch = options.gradientOracle === undefined ? options.populationSize : 0;
    this.evaluationsPerIteration = options.rho > 0 ? 2 * perBatch : perBatch;
  }

  /** The current search Gaussian (copies). */
  get state(): GaussianState {
    const cov = this.core.covarianceMatrix;
    return {
      mean: this.core.mean.slice(),
      variance: this.core.variance.slice(),
      ...(cov === undefined ? {} : { covariance: cov.slice() }),
      iteration: this.iteration,
      evaluations: this.evaluations,
    };
  }

  /** SABO's last worst-case Gaussian, `null` for INGO (ρ = 0) or before the first iteration. */
  get lastPerturbation(): PerturbationInfo | null {
    return this.core.perturbation;
  }

  /**
   * Why the run stopped with reason `"diverged"`: the additive precision step (9) went non-positive and was
   * rejected (option `nonPositivePrecision: 'stop'`, docs/method.md §h.3); `null` while the run is healthy.
   */
  get divergence(): DivergenceInfo | null {
    return this.core.divergence ?? null;
  }

  /** The mean μ_t, the paper's solution (docs/method.md §h.7). */
  recommendation(): Vector {
    return this.core.mean.slice();
  }

  override stopReason(): string | null {
    return this.core.stopReason();
  }

  protected override phaseIsFirst(): boolean {
    return this.core.atIterationStart;
  }

  protected propose(): AskBatch {
    return this.core.propose();
  }

  protected absorb(batch: AskBatch, values: Float64Array): void {
    if (this.core.absorb(batch.phase, values)) this.iterationCount++;
  }
}
