/**
 * Adversarial regression by iteratively reweighted ridge, IRR (docs/method.md §c.1; code `lin_advregr`).
 *
 * The η-trick turns `(|eᵢ| + δ‖β‖_*)²` into a jointly convex quadratic-over-linear function of (β, η);
 * alternating exact minimisation gives a closed-form η-step and a weighted ridge β-step. Each step is a
 * majorise–minimise step, so the adversarial risk never increases. Three β-step solvers:
 * - `'irr-cholesky'` (default, code `w-ridge`): exact Cholesky solve, primal or dual form;
 * - `'irr-cg'` (code `w-cg`): `cgSteps` Jacobi-preconditioned CG steps warm-started at the previous β;
 * - `'irr-sqlasso'` (code `w-sqlasso`, ℓ∞ only): two-term η-trick with an inner η-trick loop on ‖β‖₁².
 */
import {
  assertInteger,
  assertKnownOptions,
  assertNonNegative,
  assertOneOf,
  conjugateGradient,
  DescentError,
  lstsq,
  type Matrix64,
  norm1,
  norm2,
  type ResidentMatrix64,
  residentMatrix,
} from "@descent/core-tensor";
import type { AttackNorm, MatrixInput, VectorInput } from "./data-input.js";
import { dualNorm } from "./dual-norm.js";
import { regressionRiskLowerBound } from "./duality-gap.js";
import { DEFAULT_SMOOTHING, smoothAbs } from "./eta-trick.js";
import type { IterationHook } from "./iteration-info.js";
import { type RadiusOptions, type RadiusSpec, resolveRadius, zeroRadius } from "./radius.js";
import { toRegressionInput } from "./regression-input.js";
import { regressionRisk } from "./risk.js";
import { type RidgeForm, solveWeightedRidge, weightedCrossMoment } from "./weighted-ridge.js";

/** The β-step solvers of IRR (docs/method.md §c.1). */
export type RegressionSolver = "irr-cholesky" | "irr-cg" | "irr-sqlasso";

/** Options of {@link fitAdversarialRegression}; every default is the code's (`lin_advregr`) unless marked. */
export interface RegressionOptions {
  /** Norm of the attack. Default `'l2'` (code default `p=2`); the paper's experiments use `'linf'`. */
  attack?: AttackNorm;
  /** Radius δ ≥ 0 (0: plain least squares), or `'randn-zero'` (default, code `adv_radius=None`) or `'zero'`. At δ ≥ δ_zero the fit returns β = 0 in closed form. */
  delta?: RadiusSpec;
  /** Options of the `'randn-zero'` radius (draws 1000, seed 0). */
  radiusOptions?: RadiusOptions;
  /** β-step solver. Default `'irr-cholesky'` (code `method='w-ridge'`). */
  solver?: RegressionSolver;
  /**
   * Cap on the IRR iterations. Default 2000 (our choice; the code's `max_iter` is 100, which stops far
   * from the optimum near δ_zero, docs/method.md §c.1); `converged: false` reports that the cap was hit.
   */
  maxIter?: number;
  /** Also stop when `‖β_{k+1} − β_k‖₂ < tol`. Default 1e-12 (code `utol`, the code's only rule); 0 disables it. */
  tol?: number;
  /**
   * Stop when the certified duality gap `risk − lowerBound` is at most `gapTol · risk`
   * (docs/method.md §c.1, stopping rule). Default 1e-9 (our choice; the code stops on `tol` only);
   * 0 disables it.
   */
  gapTol?: number;
  /** ε inside `√(·² + ε)` of the η-trick. Default 1e-20 (code `eta_trick`, docs/method.md §h: keep it). */
  smoothing?: number;
  /** CG steps per IRR iteration for `'irr-cg'`. Default 1 (code `RidgeCG(max_iter=1)`). */
  cgSteps?: number;
  /** Residual-norm stop of the inner CG. Default 1e-8 (code `cg`). */
  cgTol?: number;
  /** Which normal equations the Cholesky solve factors. Default `'auto'`: dual when p > n (scikit-learn's rule). */
  form?: "auto" | RidgeForm;
  /** Inner η-trick iterations of `'irr-sqlasso'`. Default 10 (code `solver_params`). */
  sqLassoInnerIterations?: number;
  /** Inner update-size tolerance of `'irr-sqlasso'`. Default 1e-12 (code). */
  sqLassoInnerTol?: number;
  /** Called after every iteration (progress hook); return `true` to stop. */
  onIteration?: IterationHook;
  /** Aborts between iterations (throws the signal's reason). */
  signal?: AbortSignal;
}

/** Result of {@link fitAdversarialRegression}. */
export interface RegressionFit {
  coef: Float64Array;
  /** The radius used (resolved when given by name). */
  delta: number;
  /** Adversarial risk at `coef`. */
  risk: number;
  iterations: number;
  /** Whether the duality-gap test or the update-size test stopped the run (`false`: `maxIter` was hit or `onIteration` stopped it). */
  converged: boolean;
  /**
   * Certified bound on the distance to the optimum: `risk − max lower bound seen` ≥ `risk − min_β R(β)`
   * (docs/method.md §c.1); 0 for the closed forms (δ = 0, δ ≥ δ_zero), `Infinity` when `gapTol` is 0
   * (not computed).
   */
  dualityGap: number;
  /** Normalised sample weights `w` of the last η-step (sum 1). */
  sampleWeights: Float64Array;
  /** ℓ∞ (Cholesky/CG): normalised feature weights γ ∈ (0, 1] of the last η-step; otherwise `null`. */
  featureWeights: Float64Array | null;
  /** Penalty λ̄ of the last η-step (the ridge penalty on γ-weighted coefficients). */
  penalty: number;
  /** Adversarial risk after each iteration (non-increasing for the exact solvers, docs/method.md §c.1). */
  riskHistory: Float64Array;
  /** The form the Cholesky solves used. */
  form: RidgeForm;
}

const SOLVERS: readonly RegressionSolver[] = ["irr-cholesky", "irr-cg", "irr-sqlasso"];

/** δ_zero of the regression problem; 0 when y = 0 (β = 0 is then optimal at every δ). */
function zeroSolutionThreshold(X: Matrix64, y: Float64Array, attack: AttackNorm): number {
  return norm1(y) === 0 ? 0 : zeroRadius(X, y, attack, "regression");
}

/** Every key of {@link RegressionOptions} (the Record type keeps the list complete). @internal */
export const REGRESSION_OPTION_KEYS = Object.keys({
  attack: true,
  delta: true,
  radiusOptions: true,
  solver: true,
  maxIter: true,
  tol: true,
  gapTol: true,
  smoothing: true,
  cgSteps: true,
  cgTol: true,
  form: true,
  sqLassoInnerIterations: true,
  sqLassoInnerTol: true,
  onIteration: true,
  signal: true,
} satisfies Record<keyof RegressionOptions, true>);

/** One or more preconditioned CG steps on `(XᵀWX + λ̄Γ)β = XᵀWy`, warm-started at `beta0` (docs/method.md §c.1, `irr-cg`). */
function cgStep(
  X: Matrix64,
  y: Float64Array,
  w: Float64Array,
  penalty: number,
  gamma: Float64Array,
  beta0: Float64Array,
  steps: number,
  tol: number,
  Xr: ResidentMatrix64,
): Float64Array {
  const n = X.rows;
  const p = X.cols;
  // Jacobi preconditioner d_j = Σ wᵢ X_ij² + λ̄γ_j (code `RidgeCG`)
  const diag = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const wi = w[i] as number;
    const o = i * p;
    for (let j = 0; j < p; j++) {
      const x = X.data[o + j] as number;
      diag[j] = (diag[j] as number) + wi * x * x;
    }
  }
  for (let j = 0; j < p; j++) diag[j] = (diag[j] as number) + penalty * (gamma[j] as number);
  const b = weightedCrossMoment(X, w, y, Xr);
  // A is applied matrix-free: Xᵀ(w ⊙ (Xv)) + λ̄ γ ⊙ v
  const applyA = (v: Float64Array, out: Float64Array): void => {
    const Xv = Xr.matvec(v);
    for (let i = 0; i < n; i++) Xv[i] = (Xv[i] as number) * (w[i] as number);
    const r = Xr.matvecT(Xv);
    for (let j = 0; j < p; j++) out[j] = (r[j] as number) + penalty * (gamma[j] as number) * (v[j] as number);
  };
  // core-tensor's CG stops on ‖r‖ ≤ tol·‖b‖; the code's `cg` stops on ‖r‖ < 1e-8 absolute. The code tests
  // only *after* a step, so its first step is always taken; core-tensor also tests the starting residual. With
  // one step (the default) a zero tolerance reproduces the code exactly; with more, the two differ only when
  // the warm start already has ‖r‖ < cgTol (README "Paper vs our choices").
  const bNorm = norm2(b);
  const relTol = steps === 1 ? 0 : bNorm > 0 ? tol / bNorm : tol;
  return conjugateGradient(applyA, b, { x0: beta0, tol: relTol, maxIterations: steps, preconditioner: diag })
    .x;
}

/**
 * `'irr-sqlasso'` β-step (docs/method.md §c.1, code `sq_lasso`): minimise `Σ wᵢeᵢ² + λ̄‖β‖₁²` by an inner η-trick on
 * `‖β‖₁² = min_ζ Σ β_j²/ζ_j`, i.e. ridge solves with per-feature penalties `λ̄·Σ_l|β_l|/|β_j|`, warm-started
 * from the previous outer iteration's feature weights.
 */
function sqLassoStep(
  X: Matrix64,
  y: Float64Array,
  w: Float64Array,
  penalty: number,
  warm: Float64Array | null,
  form: RidgeForm,
  smoothing: number,
  innerIterations: number,
  innerTol: number,
): { beta: Float64Array; featureWeights: Float64Array } {
  const p = X.cols;
  let c = warm ?? new Float64Array(p).fill(1);
  let beta: Float64Array = new Float64Array(p);
  for (let it = 0; it < innerIterations; it++) {
    // column-rescaled form with γ = c / max c ≤ 1 and penalty λ̄·max c (same argmin, docs/method.md §c.1)
    let cmax = 0;
    for (const v of c) cmax = Math.max(cmax, v);
    const gamma = c.map((v) => v / cmax);
    const next = solveWeightedRidge(X, y, w, penalty * cmax, gamma, form);
    let upd = 0;
    for (let j = 0; j < p; j++) upd += ((next[j] as number) - (beta[j] as number)) ** 2;
    beta = next;
    const b = beta.map((v) => smoothAbs(v, smoothing));
    let sum = 0;
    for (const v of b) sum += v;
    c = b.map((v) => sum / v);
    if (Math.sqrt(upd) < innerTol) break;
  }
  return { beta, featureWeights: c };
}

/**
 * Fits `argmin_β (1/n) Σ (|yᵢ − xᵢᵀβ| + δ‖β‖_*)²` (adversarial training of a linear model against
 * ‖Δx‖ ≤ δ attacks, docs/method.md §b) by iteratively reweighted ridge regression (docs/method.md §c.1). No intercept:
 * standardise X and y first (docs/method.md §h). All arithmetic in float64.
 *
 * @example
 * ```ts
 * const { X, y } = gaussian(200, 20, { seed: 1 });
 * const fit = fitAdversarialRegression(X, y, { attack: "linf" }); // δ = randn-zero
 * fit.coef; fit.risk; fit.riskHistory;
 * ```
 */
export function fitAdversarialRegression(
  X: MatrixInput,
  y: VectorInput,
  options: RegressionOptions = {},
): RegressionFit {
  assertKnownOptions(options, REGRESSION_OPTION_KEYS);
  const { Xm, yv, attack, deltaOption, radiusOptions } = toRegressionInput(X, y, options);
  const {
    solver = "irr-cholesky",
    maxIter = 2000,
    tol = 1e-12,
    gapTol = 1e-9,
    smoothing = DEFAULT_SMOOTHING,
    cgSteps = 1,
    cgTol = 1e-8,
    form: formOption = "auto",
    sqLassoInnerIterations = 10,
    sqLassoInnerTol = 1e-12,
    onIteration,
    signal,
  } = options;
  assertOneOf(solver, "solver", SOLVERS);
  assertInteger(maxIter, "maxIter", { min: 1 });
  assertNonNegative(tol, "tol");
  assertNonNegative(gapTol, "gapTol");
  assertNonNegative(smoothing, "smoothing");
  assertInteger(cgSteps, "cgSteps", { min: 1 });
  assertNonNegative(cgTol, "cgTol");
  assertOneOf(formOption, "form", ["auto", "primal", "dual"] as const);
  assertInteger(sqLassoInnerIterations, "sqLassoInnerIterations", { min: 1 });
  assertNonNegative(sqLassoInnerTol, "sqLassoInnerTol");
  if (solver === "irr-sqlasso" && attack !== "linf") {
    throw new DescentError(
      `solver "irr-sqlasso" requires attack "linf", received ${JSON.stringify(attack)}`,
      {
        parameter: "solver",
        code: "enum",
      },
    );
  }
  if (onIteration !== undefined && typeof onIteration !== "function") {
    throw new DescentError("onIteration must be a function", { parameter: "onIteration", code: "type" });
  }
  signal?.throwIfAborted();
  const delta = resolveRadius(deltaOption, Xm, yv, attack, "regression", radiusOptions);

  const n = Xm.rows;
  const p = Xm.cols;
  const form: RidgeForm = formOption === "auto" ? (p > n ? "dual" : "primal") : formOption;
  const useFeatureWeights = attack === "linf" && solver !== "irr-sqlasso";
  // δ = 0 is plain least squares (ERM): solve it directly (minimum-norm when p > n) instead of running
  // IRR with a zero penalty, whose weights blow up as the residuals vanish.
  if (delta === 0) {
    const coef = lstsq(Xm, yv);
    const risk = regressionRisk(Xm, yv, coef, 0, attack);
    return {
      coef,
      delta,
      risk,
      iterations: 0,
      converged: true,
      sampleWeights: new Float64Array(n).fill(1 / n),
      featureWeights: useFeatureWeights ? new Float64Array(p).fill(1) : null,
      penalty: 0,
      riskHistory: Float64Array.of(risk),
      form,
      dualityGap: 0,
    };
  }
  // At δ ≥ δ_zero the minimiser is β = 0 in closed form (Ribeiro et al., the zero-solution threshold);
  // the iterations would only approach it, and 100 of them stop at a β whose risk is worse than 0's.
  if (delta > 0 && delta >= zeroSolutionThreshold(Xm, yv, attack)) {
    const risk = regressionRisk(Xm, yv, new Float64Array(p), delta, attack);
    return {
      coef: new Float64Array(p),
      delta,
      risk,
      iterations: 0,
      converged: true,
      sampleWeights: new Float64Array(n).fill(1 / n),
      featureWeights: useFeatureWeights ? new Float64Array(p).fill(1) : null,
      penalty: delta * delta,
      riskHistory: Float64Array.of(risk),
      form,
      dualityGap: 0,
    };
  }

  // docs/method.md §c.1 init: w = 1/n, λ̄ = δ², γ = 1, β⁰ = 0 → the first solve is ridge (XᵀX + nδ²I)β = Xᵀy
  let beta: Float64Array = new Float64Array(p);
  let w = new Float64Array(n).fill(1 / n);
  let penalty = delta * delta;
  let gamma = new Float64Array(p).fill(1);
  let sqWarm: Float64Array | null = null;
  const history: number[] = [];
  let converged = false;
  let risk = Number.NaN;
  let iterations = 0;
  let bestLower = 0;
  let dualityGap = Number.POSITIVE_INFINITY;
  // X copied once into the float64 kernels' memory for the 2–4 matrix–vector products of every
  // iteration (released for the next fit at the end; on an exception the garbage collector frees it)
  const Xr = residentMatrix(Xm);

  for (let k = 0; k < maxIter; k++) {
    signal?.throwIfAborted();
    // 1. β-step
    let next: Float64Array;
    if (solver === "irr-cholesky") next = solveWeightedRidge(Xm, yv, w, penalty, gamma, form, Xr);
    else if (solver === "irr-cg") next = cgStep(Xm, yv, w, penalty, gamma, beta, cgSteps, cgTol, Xr);
    else {
      const r = sqLassoStep(
        Xm,
        yv,
        w,
        penalty,
        sqWarm,
        form,
        smoothing,
        sqLassoInnerIterations,
        sqLassoInnerTol,
      );
      next = r.beta;
      sqWarm = r.featureWeights;
    }
    // 2. η-step in closed form (docs/method.md §c.1): Sᵢ = êᵢ + δ‖β‖_* (smoothed)
    const pred = Xr.matvec(next);
    // dual direction W r of the β-step's stationarity XᵀW r = λ̄Γβ (duality-gap.ts), with the β-step's w
    const dualDirection = new Float64Array(gapTol > 0 ? n : 0);
    if (gapTol > 0) {
      for (let i = 0; i < n; i++)
        dualDirection[i] = (w[i] as number) * ((yv[i] as number) - (pred[i] as number));
    }
    const eHat = new Float64Array(n);
    let riskSum = 0;
    const pen = delta * dualNorm(next, attack);
    for (let i = 0; i < n; i++) {
      const e = (yv[i] as number) - (pred[i] as number);
      eHat[i] = smoothAbs(e, smoothing);
      const a = Math.abs(e) + pen;
      riskSum += a * a;
    }
    const S = new Float64Array(n);
    let sumS = 0;
    if (useFeatureWeights) {
      // ℓ∞: b̂_j = √(δ²β_j² + ε), Γ_j = ΣS/b̂_j, λ̄ = δ² max Γ, γ = Γ / max Γ
      const bHat = new Float64Array(p);
      let sumB = 0;
      for (let j = 0; j < p; j++) {
        bHat[j] = smoothAbs(delta * (next[j] as number), smoothing);
        sumB += bHat[j] as number;
      }
      for (let i = 0; i < n; i++) {
        S[i] = (eHat[i] as number) + sumB;
        sumS += S[i] as number;
      }
      let bMin = Number.POSITIVE_INFINITY;
      for (const b of bHat) bMin = Math.min(bMin, b);
      penalty = (delta * delta * sumS) / bMin;
      gamma = bHat.map((b) => bMin / b);
    } else {
      // ℓ2 (and sq-lasso with ‖·‖₁): m̂ = √(δ²‖β‖² + ε), Sᵢ = êᵢ + m̂, λ̄ = δ² ΣS / m̂
      const mHat = smoothAbs(pen, smoothing);
      for (let i = 0; i < n; i++) {
        S[i] = (eHat[i] as number) + mHat;
        sumS += S[i] as number;
      }
      penalty = (delta * delta * sumS) / mHat;
    }
    w = S.map((s, i) => s / (eHat[i] as number));
    // 3. normalise (argmin unchanged, keeps O(1) numbers)
    let sw = 0;
    for (const v of w) sw += v;
    for (let i = 0; i < n; i++) w[i] = (w[i] as number) / sw;
    penalty /= sw;

    let upd = 0;
    for (let j = 0; j < p; j++) upd += ((next[j] as number) - (beta[j] as number)) ** 2;
    const updateSize = Math.sqrt(upd);
    beta = next;
    risk = riskSum / n;
    history.push(risk);
    iterations = k + 1;
    // the bound costs one Xᵀs product (as much as a CG step): skipped when the gap test is off
    if (gapTol > 0) {
      bestLower = Math.max(bestLower, regressionRiskLowerBound(Xm, yv, dualDirection, delta, attack));
      dualityGap = Math.max(0, risk - bestLower);
    }
    const stop = onIteration?.({ iteration: iterations, coef: beta, risk, updateSize });
    // 4. stop on the certified relative duality gap (our choice, docs/method.md §c.1) or on the update
    // size (the code's rule)
    if (dualityGap <= gapTol * risk || updateSize < tol) {
      converged = true;
      break;
    }
    if (stop === true) break;
  }
  Xr.dispose();
  return {
    coef: beta,
    delta,
    risk,
    iterations,
    converged,
    sampleWeights: w,
    featureWeights: useFeatureWeights ? gamma : null,
    penalty,
    riskHistory: Float64Array.from(history),
    form,
    dualityGap,
  };
}
