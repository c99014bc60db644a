/**
 * The pure float64 building blocks of SABO, exported together for tests and for users who want to build
 * their own loop (docs/method.md §g): fitness shaping (c.1), the score-function estimators (5)-(6), the two inner
 * maximisers (c.2) with the KL divergences they are measured by, the positivity safeguard and the outer
 * step (9)-(10).
 *
 * These exported versions validate their arguments first (lengths, finite values, positive variances,
 * ρ ≥ 0, β > 0) and throw a `DescentError` naming the argument; the optimisers call the unchecked
 * functions directly, on inputs they have validated once.
 */
import {
  assertAllFinite,
  assertFiniteNumber,
  assertLength,
  assertNonNegative,
  assertOneOf,
  assertPositive,
  DescentError,
} from "@descent/core-tensor";
import { shapeFitness } from "./fitness-shaping.js";
import {
  applyPerturbation,
  exactKL,
  type PerturbationSolver,
  perturbExactKL,
  perturbFisher,
  quadraticKL,
} from "./kl-perturbation.js";
import { COVARIANCE_UPDATES, MEAN_PRECONDITIONERS, naturalGradientStep } from "./natural-gradient-step.js";
import { type DiagonalGradients, scoreGradients } from "./score-gradients.js";

/** `variance` is a non-empty vector of finite values > 0; returns d. */
function checkVariance(variance: ArrayLike<number>): number {
  if (variance === null || typeof variance !== "object" || !(variance.length >= 1)) {
    throw new DescentError("variance must be a non-empty vector", { parameter: "variance", code: "shape" });
  }
  assertAllFinite(variance, "variance");
  for (let j = 0; j < variance.length; j++) {
    if (!((variance[j] as number) > 0)) {
      throw new DescentError(
        `variance must be > 0 in every coordinate, received ${variance[j]} at index ${j}`,
        {
          parameter: "variance",
          code: "range",
        },
      );
    }
  }
  return variance.length;
}

function checkVector(v: ArrayLike<number> | undefined, name: string, d: number): void {
  if (v === null || typeof v !== "object") {
    throw new DescentError(`${name} must be a vector of length ${d}, received ${v}`, {
      parameter: name,
      code: "type",
    });
  }
  assertLength(v, name, d);
  assertAllFinite(v, name);
}

function checkPair(
  variance: Float64Array,
  a: Float64Array,
  b: Float64Array,
  names: [string, string],
): number {
  const d = checkVariance(variance);
  checkVector(a, names[0], d);
  checkVector(b, names[1], d);
  return d;
}

/** An inner maximiser (eqs. (7)-(8) or the exact-KL step) behind the checks of its arguments; ρ ≥ 0. */
function checkedPerturbation(solve: PerturbationSolver): PerturbationSolver {
  return (variance, gMean, gVar, rho, out) => {
    checkPair(variance, gMean, gVar, ["gMean", "gVar"]);
    assertFiniteNumber(rho, "rho");
    assertNonNegative(rho, "rho");
    return solve(variance, gMean, gVar, rho, out);
  };
}

/** A KL of a perturbation ((1) or (2)) behind the checks of its arguments. */
function checkedKL(kl: typeof quadraticKL): typeof quadraticKL {
  return (variance, dMean, dVar) => {
    checkPair(variance, dMean, dVar, ["dMean", "dVar"]);
    return kl(variance, dMean, dVar);
  };
}

/** SABO's kernels (see the individual functions), with argument validation. */
export const kernels = {
  /** Fitness shaping (docs/method.md §c.1); values must be non-empty and finite. */
  shapeFitness,
  /** Eqs. (5)-(6); `z` is N × d row-major with N = shaped.length. */
  scoreGradients(
    variance: Float64Array,
    z: Float64Array,
    shaped: ArrayLike<number>,
    out?: { gMean: Float64Array; gVar: Float64Array },
  ): DiagonalGradients {
    const d = checkVariance(variance);
    if (shaped === null || typeof shaped !== "object" || !(shaped.length >= 1)) {
      throw new DescentError("shaped must be a non-empty vector", { parameter: "shaped", code: "shape" });
    }
    assertAllFinite(shaped, "shaped");
    checkVector(z, "z", shaped.length * d);
    return scoreGradients(variance, z, shaped, out);
  },
  /** Eqs. (7)-(8); ρ ≥ 0. */
  perturbFisher: checkedPerturbation(perturbFisher),
  /** The exact-KL inner step (docs/method.md §c.2); ρ ≥ 0. */
  perturbExactKL: checkedPerturbation(perturbExactKL),
  /** The quadratic KL (2). */
  quadraticKL: checkedKL(quadraticKL),
  /** The exact Gaussian KL (1) (Infinity when s + δ_s ≤ 0). */
  exactKL: checkedKL(exactKL),
  /** The positivity safeguard (docs/method.md §c.2); clip > 0 (Infinity allowed). */
  applyPerturbation(...args: Parameters<typeof applyPerturbation>): void {
    const [mean, variance, p, clip, outMean, outVar] = args;
    const d = checkVariance(variance);
    checkVector(mean, "mean", d);
    checkVector(p?.dMean, "p.dMean", d);
    checkVector(p?.dVar, "p.dVar", d);
    if (typeof clip !== "number" || !(clip > 0)) {
      throw new DescentError(`clip must be > 0 (Infinity allowed), received ${clip}`, {
        parameter: "clip",
        code: "range",
      });
    }
    assertLength(outMean, "outMean", d);
    assertLength(outVar, "outVar", d);
    applyPerturbation(...args);
  },
  /** Eqs. (9)-(10) in place; β > 0. */
  naturalGradientStep(...args: Parameters<typeof naturalGradientStep>): void {
    const [mean, variance, gMean, gVar, beta, settings] = args;
    const d = checkPair(variance, gMean, gVar, ["gMean", "gVar"]);
    checkVector(mean, "mean", d);
    assertPositive(beta, "beta");
    assertOneOf(settings?.covarianceUpdate, "covarianceUpdate", COVARIANCE_UPDATES);
    assertOneOf(settings.meanPreconditioner, "meanPreconditioner", MEAN_PRECONDITIONERS);
    assertPositive(settings.invVarianceFloor, "invVarianceFloor");
    naturalGradientStep(...args);
  },
} as const;
