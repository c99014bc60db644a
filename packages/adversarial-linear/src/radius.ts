/**
 * The adversarial radius helpers of docs/method.md §b: the zero-solution thresholds, the ℓ2 interpolation threshold
 * and the default "randn-zero" radius.
 */
import {
  assertInRange,
  assertInteger,
  assertKnownOptions,
  assertOneOf,
  cholesky,
  choleskySolve,
  DescentError,
  gramRows,
  type Matrix64,
  matmul,
  matvecT,
  norm1,
  normInf,
  Rng,
} from "@descent/core-tensor";
import {
  type AttackNorm,
  checkAttack,
  type MatrixInput,
  type Task,
  toMatrix,
  toSignedLabels,
  toVector,
  type VectorInput,
} from "./data-input.js";
import { attackNorm } from "./dual-norm.js";

/** Options of {@link defaultRadius}. */
export interface RadiusOptions {
  /** Number of Monte-Carlo noise draws K. Default 1000 (code `get_radius(option='randn_zero')`, docs/method.md §b). */
  draws?: number;
  /** Seed of the noise draws. Default 0 (docs/method.md §b). */
  seed?: number;
  /**
   * How the K per-draw thresholds are summarised. Default `'mean'` (docs/method.md §b: the code's percentile is
   * applied after the mean and has no effect); a percentile in [0, 100] is offered as an extension.
   */
  statistic?: "mean" | { percentile: number };
}

/** Draws per blocked product `Xᵀ E` (our choice: bounds memory to n·64 doubles). */
const DRAW_BLOCK = 64;

/**
 * Default radius "randn-zero": `δ̂ = mean_k ‖Xᵀε_k‖_a / ‖ε_k‖₁` with `ε_k ~ N(0, I_n)` (docs/method.md §b), i.e. the
 * zero-solution threshold one would get if the targets were pure noise. It scales like `√(log p / n)` for
 * standardised features and does not depend on y, hence on the noise level.
 *
 * @example defaultRadius(X, "linf") // ≈ 0.11 for gaussian(1000, 100)
 */
export function defaultRadius(X: MatrixInput, attack: AttackNorm, options: RadiusOptions = {}): number {
  const Xm = toMatrix(X);
  checkAttack(attack);
  assertKnownOptions(options, ["draws", "seed", "statistic"], "radiusOptions");
  const { draws = 1000, seed = 0, statistic = "mean" } = options;
  assertInteger(draws, "draws", { min: 1 });
  assertInteger(seed, "seed", { min: 0 });
  if (statistic !== "mean") {
    if (typeof statistic !== "object" || statistic === null) {
      throw new DescentError(`statistic must be "mean" or { percentile }, received ${String(statistic)}`, {
        parameter: "statistic",
        code: "enum",
      });
    }
    assertInRange(statistic.percentile, "statistic.percentile", { min: 0, max: 100 });
  }
  const n = Xm.rows;
  const p = Xm.cols;
  const rng = new Rng(seed);
  const values = new Float64Array(draws);
  for (let k0 = 0; k0 < draws; k0 += DRAW_BLOCK) {
    const kb = Math.min(DRAW_BLOCK, draws - k0);
    // E is n×kb, column k = ε_{k0+k}; draw k consumes n consecutive normals (seeded, order fixed)
    const E: Matrix64 = { rows: n, cols: kb, data: new Float64Array(n * kb) };
    const l1 = new Float64Array(kb);
    for (let k = 0; k < kb; k++) {
      for (let i = 0; i < n; i++) {
        const e = rng.normal();
        E.data[i * kb + k] = e;
        l1[k] = (l1[k] as number) + Math.abs(e);
      }
    }
    const XtE = matmul(Xm, E, { transA: true }); // p×kb, blocked float64 kernel
    const col = new Float64Array(p);
    for (let k = 0; k < kb; k++) {
      for (let j = 0; j < p; j++) col[j] = XtE.data[j * kb + k] as number;
      values[k0 + k] = attackNorm(col, attack) / (l1[k] as number);
    }
  }
  if (statistic === "mean") {
    let s = 0;
    for (const v of values) s += v;
    return s / draws;
  }
  const sorted = Float64Array.from(values).sort();
  // linear interpolation between order statistics (numpy's default percentile rule)
  const pos = (statistic.percentile / 100) * (draws - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, draws - 1);
  return (sorted[lo] as number) + (pos - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/**
 * The smallest radius at which β = 0 is optimal (docs/method.md §b).
 * Regression: `‖Xᵀy‖_a / ‖y‖₁` (code `get_radius(option='zero')`);
 * classification (derived, y in ±1, ℓ'(0) < 0): `‖Xᵀy‖_a / n`.
 */
export function zeroRadius(X: MatrixInput, y: VectorInput, attack: AttackNorm, task: Task): number {
  const Xm = toMatrix(X);
  checkAttack(attack);
  assertOneOf(task, "task", ["regression", "classification"] as const);
  if (task === "regression") {
    const yv = toVector(y, "y", Xm.rows);
    const l1 = norm1(yv);
    if (l1 === 0)
      throw new DescentError("y must not be all zeros (the zero radius is undefined)", {
        parameter: "y",
        code: "range",
      });
    return attackNorm(matvecT(Xm, yv), attack) / l1;
  }
  const { y: ys } = toSignedLabels(y, Xm.rows);
  return attackNorm(matvecT(Xm, ys), attack) / Xm.rows;
}

/** The ℓ2 minimum-norm interpolator and the quantities of the interpolation regime (docs/method.md §b, derived). */
export interface MinimumNormInterpolation {
  /** `β_mn = Xᵀ(XXᵀ)⁻¹y`. */
  coef: Float64Array;
  /** `q = yᵀ(XXᵀ)⁻¹y = ‖β_mn‖₂²`; for δ ≤ δ_interp the adversarial optimum is `R* = δ²q`. */
  q: number;
  /** `δ_interp = √q / (n·‖(XXᵀ)⁻¹y‖_∞)`. */
  radius: number;
}

/**
 * ℓ2 interpolation regime for `p > n` with full row rank (docs/method.md §b, derived): below `radius` the ℓ2-adversarial
 * solution is the minimum-norm interpolator `coef` and the optimal risk is `δ²·q`.
 */
export function minimumNormInterpolationL2(X: MatrixInput, y: VectorInput): MinimumNormInterpolation {
  const Xm = toMatrix(X);
  const yv = toVector(y, "y", Xm.rows);
  const n = Xm.rows;
  if (Xm.cols <= n) {
    throw new DescentError(
      `X must have more columns than rows (p > n) to interpolate, received ${n}×${Xm.cols}`,
      {
        parameter: "X",
        code: "shape",
      },
    );
  }
  let L: Matrix64;
  try {
    L = cholesky(gramRows(Xm));
  } catch (cause) {
    throw new DescentError("X must have full row rank (XXᵀ is not positive definite)", {
      parameter: "X",
      code: "singular",
      cause,
    });
  }
  const alpha = choleskySolve(L, yv);
  let q = 0;
  for (let i = 0; i < n; i++) q += (yv[i] as number) * (alpha[i] as number);
  const coef = matvecT(Xm, alpha);
  return { coef, q, radius: Math.sqrt(q) / (n * normInf(alpha)) };
}

/** `δ_interp` of {@link minimumNormInterpolationL2} (docs/method.md §b, derived): ℓ2 interpolation threshold, p > n. */
export function interpolationRadiusL2(X: MatrixInput, y: VectorInput): number {
  return minimumNormInterpolationL2(X, y).radius;
}

/** A radius given as a number or by the name of a rule of docs/method.md §b. */
export type RadiusSpec = number | "randn-zero" | "zero";

/**
 * Resolves the `delta` option of the fitters (already-validated X and y; y in ±1 for classification).
 * @internal
 */
export function resolveRadius(
  delta: unknown,
  X: Matrix64,
  y: Float64Array,
  attack: AttackNorm,
  task: Task,
  radiusOptions: RadiusOptions | undefined,
): number {
  if (delta === "randn-zero") return defaultRadius(X, attack, radiusOptions);
  if (delta === "zero") return zeroRadius(X, y, attack, task);
  // δ = 0 is plain (non-adversarial) training, the baseline every comparison starts from
  if (typeof delta !== "number" || !Number.isFinite(delta) || delta < 0) {
    throw new DescentError(
      `delta must be a finite number >= 0, "randn-zero" or "zero", received ${typeof delta === "number" ? String(delta) : JSON.stringify(delta)}`,
      { parameter: "delta", code: "range" },
    );
  }
  return delta;
}
