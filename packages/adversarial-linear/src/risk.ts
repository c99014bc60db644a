/**
 * Adversarial risks in closed form and the worst-case perturbation (docs/method.md §b).
 *
 * Regression: `R(β) = (1/n) Σ (|yᵢ − xᵢᵀβ| + δ‖β‖_*)²`; classification: `R(β) = (1/n) Σ ℓ(yᵢxᵢᵀβ − δ‖β‖_*)`.
 * The worst case is `Δᵢ = −δ·sign(eᵢ)·u(β)` (regression) and `Δᵢ = −δ·yᵢ·u(β)` (classification).
 */
import { assertNonNegative, assertOneOf, type Matrix64, matvec } from "@descent/core-tensor";
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
import { dualNorm, dualNormMaximiser } from "./dual-norm.js";
import { hingeLoss, logisticLoss } from "./logistic-loss.js";

/** The margin losses available for evaluation. */
export type MarginLoss = "logistic" | "hinge";

/** Regression risk on validated inputs (no checks). @internal */
export function regressionRiskOf(
  X: Matrix64,
  y: Float64Array,
  beta: Float64Array,
  delta: number,
  attack: AttackNorm,
): number {
  const pred = matvec(X, beta);
  const pen = delta * dualNorm(beta, attack);
  let s = 0;
  for (let i = 0; i < X.rows; i++) {
    const a = Math.abs((y[i] as number) - (pred[i] as number)) + pen;
    s += a * a;
  }
  return s / X.rows;
}

/** Classification risk on validated inputs with y in ±1 (no checks). @internal */
export function classificationRiskOf(
  X: Matrix64,
  ySigned: Float64Array,
  beta: Float64Array,
  delta: number,
  attack: AttackNorm,
  loss: MarginLoss = "logistic",
): number {
  const pred = matvec(X, beta);
  const pen = delta * dualNorm(beta, attack);
  const f = loss === "logistic" ? logisticLoss : hingeLoss;
  let s = 0;
  for (let i = 0; i < X.rows; i++) s += f((ySigned[i] as number) * (pred[i] as number) - pen);
  return s / X.rows;
}

function checkCommon(X: MatrixInput, coef: VectorInput, delta: number, attack: AttackNorm) {
  const Xm = toMatrix(X);
  const beta = toVector(coef, "coef", Xm.cols);
  assertNonNegative(delta, "delta");
  checkAttack(attack);
  return { Xm, beta };
}

/**
 * Adversarial squared-loss risk `(1/n) Σ (|yᵢ − xᵢᵀβ| + δ‖β‖_*)²` (docs/method.md §b, closed form of the inner maximisation).
 *
 * @example regressionRisk([[1, 0], [0, 1]], [1, -1], [0.5, -0.5], 0.1, "linf")
 */
export function regressionRisk(
  X: MatrixInput,
  y: VectorInput,
  coef: VectorInput,
  delta: number,
  attack: AttackNorm,
): number {
  const { Xm, beta } = checkCommon(X, coef, delta, attack);
  const yv = toVector(y, "y", Xm.rows);
  return regressionRiskOf(Xm, yv, beta, delta, attack);
}

/**
 * Adversarial margin-loss risk `(1/n) Σ ℓ(yᵢxᵢᵀβ − δ‖β‖_*)` (docs/method.md §b). Labels in {0, 1} or {−1, +1}.
 * `loss` defaults to `'logistic'` (the loss the paper's solvers use); `'hinge'` is for evaluation.
 */
export function classificationRisk(
  X: MatrixInput,
  y: VectorInput,
  coef: VectorInput,
  delta: number,
  attack: AttackNorm,
  loss: MarginLoss = "logistic",
): number {
  const { Xm, beta } = checkCommon(X, coef, delta, attack);
  assertOneOf(loss, "loss", ["logistic", "hinge"] as const);
  const { y: ys } = toSignedLabels(y, Xm.rows);
  return classificationRiskOf(Xm, ys, beta, delta, attack, loss);
}

/**
 * The worst-case perturbations `Δ` (one row per sample, a `Matrix64` n×p) attaining the closed-form risk
 * (docs/method.md §b, Hölder equality): regression `Δᵢ = −δ·sign(eᵢ)·u(β)`, classification `Δᵢ = −δ·yᵢ·u(β)`.
 * For a zero residual the regression attack is taken along `+u` (either sign attains the max, our choice).
 */
export function worstCasePerturbation(
  X: MatrixInput,
  y: VectorInput,
  coef: VectorInput,
  delta: number,
  attack: AttackNorm,
  task: Task,
): Matrix64 {
  const { Xm, beta } = checkCommon(X, coef, delta, attack);
  assertOneOf(task, "task", ["regression", "classification"] as const);
  const n = Xm.rows;
  const p = Xm.cols;
  const u = dualNormMaximiser(beta, attack, new Float64Array(p));
  let sgn: Float64Array;
  if (task === "regression") {
    const yv = toVector(y, "y", n);
    const pred = matvec(Xm, beta);
    sgn = new Float64Array(n);
    // e = y − xᵀβ; the loss grows when (x+Δ)ᵀβ moves away from y, i.e. Δ = −sign(e)·δu
    for (let i = 0; i < n; i++) sgn[i] = (yv[i] as number) - (pred[i] as number) >= 0 ? -1 : 1;
  } else {
    const { y: ys } = toSignedLabels(y, n);
    sgn = ys.map((v) => -v);
  }
  const data = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const c = delta * (sgn[i] as number);
    for (let j = 0; j < p; j++) data[i * p + j] = c * (u[j] as number);
  }
  return { rows: n, cols: p, data };
}
