/**
 * Options shared by SABO and INGO (they differ only by the KL-ball perturbation, docs/method.md §c.4: ρ = 0 is INGO),
 * their defaults and where each default comes from, and the one validation routine both call first.
 */
import {
  assertInRange,
  assertInteger,
  assertOneOf,
  assertPositive,
  DescentError,
  describeValue,
} from "@descent/core-tensor";
import { FITNESS_SHAPINGS, type FitnessShaping } from "./fitness-shaping.js";
import {
  COVARIANCE_UPDATES,
  type CovarianceUpdate,
  MEAN_PRECONDITIONERS,
  type MeanPreconditioner,
  NON_POSITIVE_PRECISIONS,
  type NonPositivePrecision,
} from "./natural-gradient-step.js";
import { assertOptionsObject } from "./options-object.js";
import { type ScalarOrVector, startVector } from "./start-vector.js";

/** Diagonal Σ (the paper's setting) or full Σ (our derived variant, for d up to ~200). */
export type CovarianceKind = "diagonal" | "full";
/** The accepted {@link CovarianceKind} values. */
export const COVARIANCE_KINDS: readonly CovarianceKind[] = ["diagonal", "full"];

/** Constant β or β_t = β/√(t+1) (docs/method.md §c.4, the convex-rate setting; docs/method.md §h.8 (iv)). */
export type LearningRateSchedule = "constant" | "inverseSqrt";

/** Exact gradients of J at (mean, variance), replacing the Monte-Carlo estimators (docs/method.md §f.5; tests). */
export type GradientOracle = (
  mean: Float64Array,
  variance: Float64Array,
) => { gMean: ArrayLike<number>; gVar: ArrayLike<number> };

/** Options of INGO and (with the perturbation options) SABO. */
export interface GaussianSearchOptions {
  /** Search dimension d (integer ≥ 1). */
  dim: number;
  /** μ0, scalar or vector. Default 0 (docs/method.md §c.4). */
  mean0?: ScalarOrVector;
  /** σ0 (standard deviation, not variance), scalar or vector, > 0. Default 1 (docs/method.md §c.4). */
  sigma0?: ScalarOrVector;
  /** N, queries per batch (≥ 2). Default 20 (docs/method.md §c.4). */
  populationSize?: number;
  /**
   * β, the step size of eqs. (9)-(10): a number > 0 or a function of the iteration t. Default 1/√d
   * (docs/method.md §c.4, as in INGO's reference implementation).
   */
  learningRate?: number | ((t: number) => number);
  /** `'constant'` (default, docs/method.md §c.4) or `'inverseSqrt'`: β_t = β/√(t+1). Ignored for a function β. */
  learningRateSchedule?: LearningRateSchedule;
  /** Fitness shaping (docs/method.md §c.1, our choice following INGO). Default `'standardize'`. */
  fitnessShaping?: FitnessShaping;
  /** s_{t+1} (eq. (10), default `'next'`) or s_t (`'current'`, the "fast INGO" of the optunahub sampler). */
  meanPreconditioner?: MeanPreconditioner;
  /** Precision update (docs/method.md §c.3): `'additive'` (eq. (9), default) or `'multiplicative'`. */
  covarianceUpdate?: CovarianceUpdate;
  /** Floor on inverse variances (docs/method.md §c.3, our choice). Default 1e-12 (optunahub's INGO uses 1e-8). */
  invVarianceFloor?: number;
  /**
   * When the additive step (9) makes a precision 1/s + 2βG̃ ≤ 0 (docs/method.md §h.3, our choice): `'stop'`
   * (default) rejects that step, keeps the last Gaussian and stops with reason `"diverged"` (see
   * `GaussianSearch.divergence`, whose message names `rho` and `learningRate`); `'floor'` applies
   * `invVarianceFloor` silently (s = 1e12 by default, the mean then jumps to about 1e12). Diagonal covariance only.
   */
  nonPositivePrecision?: NonPositivePrecision;
  /** Diagonal (default, the paper) or full covariance (derived variant, d ≤ ~200). */
  covariance?: CovarianceKind;
  /** Stop (reason `"collapsed"`) once max variance < this. Default 1e-30 (docs/method.md §c.4). */
  collapseVariance?: number;
  /** Seed of the sampling stream (core-tensor's xoshiro128**). Default 0. */
  seed?: number;
  /**
   * Exact gradients replacing eqs. (5)-(6): no sampling, batches are empty (docs/method.md §f.5; for tests and
   * analytic studies). Diagonal covariance only.
   */
  gradientOracle?: GradientOracle;
}

/** Options of SABO: INGO's plus the KL-ball perturbation. */
export interface SaboOptions extends GaussianSearchOptions {
  /**
   * ρ, radius of the KL ball (the KL budget is ρ²), ≥ 0; 0 gives INGO exactly. Default 0.5·√d: not a
   * paper value (the paper's ρ grid is not recoverable) but a compromise of docs/method.md §h.1 — ρ scales with √d,
   * useful range about 0.4–1.5·√d, ≳ 2√d stalls convergence.
   */
  rho?: number;
  /** Inner maximisation (docs/method.md §c.2): `'fisher'` (default, quadratic KL) or `'exactKL'` (bisection). */
  perturbation?: "fisher" | "exactKL";
  /** c of the positivity safeguard s̃ = s ⊙ (1 + clip(δ_s/s, −c, c)) (our choice). Default 0.5; Infinity disables. */
  perturbationClip?: number;
}

/** Options after defaults and validation. */
export interface ResolvedSaboOptions {
  readonly dim: number;
  readonly mean0: Float64Array;
  readonly sigma0: Float64Array;
  readonly populationSize: number;
  readonly learningRate: (t: number) => number;
  readonly fitnessShaping: FitnessShaping;
  readonly meanPreconditioner: MeanPreconditioner;
  readonly covarianceUpdate: CovarianceUpdate;
  readonly invVarianceFloor: number;
  readonly nonPositivePrecision: NonPositivePrecision;
  readonly covariance: CovarianceKind;
  readonly collapseVariance: number;
  readonly seed: number;
  readonly gradientOracle: GradientOracle | undefined;
  readonly rho: number;
  readonly perturbation: "fisher" | "exactKL";
  readonly perturbationClip: number;
}

function checkedRate(raw: (t: number) => number): (t: number) => number {
  return (t) => {
    const b = raw(t);
    if (typeof b !== "number" || !Number.isFinite(b) || !(b > 0)) {
      throw new DescentError(
        `learningRate(${t}) must return a finite number > 0, received ${describeValue(b)}`,
        {
          parameter: "learningRate",
          code: "range",
        },
      );
    }
    return b;
  };
}

/** Every key of {@link GaussianSearchOptions} (INGO's options). @internal */
export const GAUSSIAN_SEARCH_OPTION_KEYS: readonly string[] = [
  "dim",
  "mean0",
  "sigma0",
  "populationSize",
  "learningRate",
  "learningRateSchedule",
  "fitnessShaping",
  "meanPreconditioner",
  "covarianceUpdate",
  "invVarianceFloor",
  "nonPositivePrecision",
  "covariance",
  "collapseVariance",
  "seed",
  "gradientOracle",
];

/** Every key of {@link SaboOptions}: INGO's plus the sharpness-aware perturbation. @internal */
export const SABO_OPTION_KEYS: readonly string[] = [
  ...GAUSSIAN_SEARCH_OPTION_KEYS,
  "rho",
  "perturbation",
  "perturbationClip",
];

/** Validates `options` and fills in the defaults; `rhoDefault` is 0 for INGO. */
export function resolveSaboOptions(
  options: SaboOptions,
  rhoDefault: (dim: number) => number,
): ResolvedSaboOptions {
  assertOptionsObject(options);
  const dim = options.dim;
  assertInteger(dim, "dim", { min: 1 });
  const populationSize = options.populationSize ?? 20;
  assertInteger(populationSize, "populationSize", { min: 2 });
  const schedule = options.learningRateSchedule ?? "constant";
  assertOneOf(schedule, "learningRateSchedule", ["constant", "inverseSqrt"] as const);
  const lr = options.learningRate ?? 1 / Math.sqrt(dim);
  let learningRate: (t: number) => number;
  if (typeof lr === "function") {
    learningRate = checkedRate(lr);
  } else {
    assertPositive(lr, "learningRate");
    learningRate = schedule === "constant" ? () => lr : (t) => lr / Math.sqrt(t + 1);
  }
  const fitnessShaping = options.fitnessShaping ?? "standardize";
  assertOneOf(fitnessShaping, "fitnessShaping", FITNESS_SHAPINGS);
  const meanPreconditioner = options.meanPreconditioner ?? "next";
  assertOneOf(meanPreconditioner, "meanPreconditioner", MEAN_PRECONDITIONERS);
  const covarianceUpdate = options.covarianceUpdate ?? "additive";
  assertOneOf(covarianceUpdate, "covarianceUpdate", COVARIANCE_UPDATES);
  const invVarianceFloor = options.invVarianceFloor ?? 1e-12;
  assertPositive(invVarianceFloor, "invVarianceFloor");
  const nonPositivePrecision = options.nonPositivePrecision ?? "stop";
  assertOneOf(nonPositivePrecision, "nonPositivePrecision", NON_POSITIVE_PRECISIONS);
  const covariance = options.covariance ?? "diagonal";
  assertOneOf(covariance, "covariance", COVARIANCE_KINDS);
  const collapseVariance = options.collapseVariance ?? 1e-30;
  assertPositive(collapseVariance, "collapseVariance");
  const seed = options.seed ?? 0;
  assertInteger(seed, "seed", { min: 0, max: Number.MAX_SAFE_INTEGER });
  const gradientOracle = options.gradientOracle;
  if (gradientOracle !== undefined && typeof gradientOracle !== "function") {
    throw new DescentError(`gradientOracle must be a function, received ${describeValue(gradientOracle)}`, {
      parameter: "gradientOracle",
      code: "type",
    });
  }
  if (gradientOracle !== undefined && covariance === "full") {
    throw new DescentError("gradientOracle supports covariance 'diagonal' only, received 'full'", {
      parameter: "gradientOracle",
      code: "unsupported",
    });
  }
  const rho = options.rho ?? rhoDefault(dim);
  assertInRange(rho, "rho", { min: 0 });
  const perturbation = options.perturbation ?? "fisher";
  assertOneOf(perturbation, "perturbation", ["fisher", "exactKL"] as const);
  const perturbationClip = options.perturbationClip ?? 0.5;
  if (typeof perturbationClip !== "number" || Number.isNaN(perturbationClip) || !(perturbationClip > 0)) {
    throw new DescentError(
      `perturbationClip must be > 0 (Infinity allowed), received ${describeValue(perturbationClip)}`,
      {
        parameter: "perturbationClip",
        code: "range",
      },
    );
  }
  if (covariance === "full" && perturbation === "exactKL") {
    throw new DescentError("perturbation 'exactKL' supports covariance 'diagonal' only, received 'full'", {
      parameter: "perturbation",
      code: "unsupported",
    });
  }
  return {
    dim,
    mean0: startVector(options.mean0, dim, "mean0", 0),
    sigma0: startVector(options.sigma0, dim, "sigma0", 1, true),
    populationSize,
    learningRate,
    fitnessShaping,
    meanPreconditioner,
    covarianceUpdate,
    invVarianceFloor,
    nonPositivePrecision,
    covariance,
    collapseVariance,
    seed,
    gradientOracle,
    rho,
    perturbation,
    perturbationClip,
  };
}
