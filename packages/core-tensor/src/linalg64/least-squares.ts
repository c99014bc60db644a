/**
 * Linear least squares by QR (`lstsq`) and ridge regression by Cholesky in its primal or dual
 * (kernel) form (`ridge`).
 */
import { DescentError, describeValue } from "../errors.js";
import { assertNonNegative, assertOneOf } from "../validate.js";
import { cholesky, choleskySolve } from "./cholesky.js";
import { gramRows, matmul, matvecT, weightedGram } from "./matmul.js";
import {
  assertFiniteMatrix,
  assertFiniteVector,
  assertMatrix,
  assertVector64,
  type Matrix64,
} from "./matrix.js";
import { qr } from "./qr.js";
import { assertRhsMatrix, triangularSolveInPlace } from "./triangular-solve.js";

/** Options of {@link lstsq}. */
export interface LstsqOptions {
  /**
   * X counts as rank deficient when `|Rᵢᵢ| ≤ rankTolerance·max|Rⱼⱼ|`. Default `max(m, n)·ε` (our
   * choice, the numpy `matrix_rank` rule).
   */
  rankTolerance?: number;
}

/**
 * The least-squares solution of `X·β ≈ y` by Householder QR: for `m ≥ n` it minimises
 * `‖Xβ − y‖₂` (solving `Rβ = Qᵀy`); for `m < n` it returns the minimum-norm solution of `Xβ = y`
 * (via the QR of `Xᵀ`). `y` is a vector or an `m × k` matrix of right-hand sides.
 *
 * @throws {DescentError} code `"singular"` when X is rank deficient to the tolerance (use
 * {@link ridge} there), `"shape"` for mismatched shapes, `"finite"` for NaN.
 */
export function lstsq(X: Matrix64, y: Float64Array, options?: LstsqOptions): Float64Array;
export function lstsq(X: Matrix64, y: Matrix64, options?: LstsqOptions): Matrix64;
export function lstsq(
  X: Matrix64,
  y: Float64Array | Matrix64,
  options: LstsqOptions = {},
): Float64Array | Matrix64 {
  assertMatrix(X, "X");
  assertFiniteMatrix(X, "X");
  const m = X.rows;
  const n = X.cols;
  const Y = toRhs(y, m, "y");
  const tol = options.rankTolerance ?? Math.max(m, n) * Number.EPSILON;
  assertNonNegative(tol, "rankTolerance");
  const k = Y.cols;
  if (m >= n) {
    const { Q, R } = qr(X);
    assertFullRank(R, tol);
    const QtY = matmul(Q, Y, { transA: true }); // n × k
    triangularSolveInPlace(n, R.data, QtY.data, k, false, false, false);
    return y instanceof Float64Array ? QtY.data : QtY;
  }
  // Minimum-norm solution: Xᵀ = QR, X = RᵀQᵀ, β = Q·R⁻ᵀ·y.
  const Xt: Matrix64 = { rows: n, cols: m, data: new Float64Array(n * m) };
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) Xt.data[j * m + i] = X.data[i * n + j] as number;
  const { Q, R } = qr(Xt);
  assertFullRank(R, tol);
  const z = Y.data.slice();
  triangularSolveInPlace(m, R.data, z, k, false, true, false);
  const B = matmul(Q, { rows: m, cols: k, data: z });
  return y instanceof Float64Array ? B.data : B;
}

function toRhs(y: Float64Array | Matrix64, m: number, name: string): Matrix64 {
  if (y instanceof Float64Array) {
    assertVector64(y, name, m);
    assertFiniteVector(y, name);
    return { rows: m, cols: 1, data: y };
  }
  assertRhsMatrix(y, m);
  return y;
}

function assertFullRank(R: Matrix64, tol: number): void {
  const k = Math.min(R.rows, R.cols);
  let maxDiag = 0;
  for (let i = 0; i < k; i++) maxDiag = Math.max(maxDiag, Math.abs(R.data[i * R.cols + i] as number));
  for (let i = 0; i < k; i++) {
    const r = Math.abs(R.data[i * R.cols + i] as number);
    if (r <= tol * maxDiag || maxDiag === 0) {
      throw new DescentError(
        `X is rank deficient: |R(${i}, ${i})| = ${describeValue(r)} ≤ ${describeValue(tol)}·max|diag R|; use ridge or svd`,
        { parameter: "X", code: "singular" },
      );
    }
  }
}

/** Options of {@link ridge}. */
export interface RidgeOptions {
  /** Non-negative weights wᵢ of the squared residuals (default all 1). */
  sampleWeights?: Float64Array;
  /**
   * `"primal"`: Cholesky of `XᵀWX + Λ` (d × d). `"dual"`: Cholesky of the kernel matrix
   * `W^{½}XΛ⁻¹XᵀW^{½} + I` (n × n), needs every λⱼ > 0. `"auto"` (default, our choice): dual when
   * n < d and all λⱼ > 0, else primal.
   */
  method?: "auto" | "primal" | "dual";
}

/**
 * Ridge regression: `β = argmin Σᵢ wᵢ(yᵢ − xᵢᵀβ)² + Σⱼ λⱼβⱼ²` for the `n × d` design `X`, i.e.
 * `(XᵀWX + Λ)β = XᵀWy`, solved by Cholesky in the primal (d × d) or dual (n × n) form.
 * `lambda` is one penalty for every coefficient or one per coefficient.
 *
 * @throws {DescentError} code `"range"` for negative λ or weights, `"not-positive-definite"` when
 * λ = 0 and XᵀWX is singular, `"shape"`/`"finite"` for bad input.
 *
 * @example
 * ```ts
 * const beta = ridge(X, y, 0.1);
 * ```
 */
export function ridge(
  X: Matrix64,
  y: Float64Array,
  lambda: number | Float64Array,
  options: RidgeOptions = {},
): Float64Array {
  assertMatrix(X, "X");
  assertFiniteMatrix(X, "X");
  const n = X.rows;
  const d = X.cols;
  assertVector64(y, "y", n);
  assertFiniteVector(y, "y");
  const lam = new Float64Array(d);
  if (typeof lambda === "number") {
    assertNonNegative(lambda, "lambda");
    lam.fill(lambda);
  } else {
    assertVector64(lambda, "lambda", d);
    for (let j = 0; j < d; j++) assertNonNegative(lambda[j], `lambda[${j}]`);
    lam.set(lambda);
  }
  const w = options.sampleWeights;
  if (w !== undefined) {
    assertVector64(w, "sampleWeights", n);
    for (let i = 0; i < n; i++) assertNonNegative(w[i], `sampleWeights[${i}]`);
  }
  const method = options.method ?? "auto";
  assertOneOf(method, "method", ["auto", "primal", "dual"] as const);
  let allPositive = true;
  for (let j = 0; j < d; j++) if (!((lam[j] as number) > 0)) allPositive = false;
  if (method === "dual" && !allPositive) {
    throw new DescentError('method "dual" needs every lambda > 0', { parameter: "lambda", code: "range" });
  }
  const useDual = method === "dual" || (method === "auto" && n < d && allPositive);
  if (!useDual) {
    const G = weightedGram(X, w);
    for (let j = 0; j < d; j++) G.data[j * d + j] = (G.data[j * d + j] as number) + (lam[j] as number);
    const wy = w === undefined ? y : y.map((v, i) => v * (w[i] as number));
    return choleskySolve(cholesky(G), matvecT(X, wy));
  }
  // Dual: with S = W^{½}, β = Λ⁻¹XᵀS·(S·XΛ⁻¹Xᵀ·S + I)⁻¹·S·y.
  const invLam = lam.map((v) => 1 / v);
  const K = gramRows(X, invLam);
  const s = w === undefined ? null : w.map(Math.sqrt);
  if (s !== null) {
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        K.data[i * n + j] = (K.data[i * n + j] as number) * (s[i] as number) * (s[j] as number);
  }
  for (let i = 0; i < n; i++) K.data[i * n + i] = (K.data[i * n + i] as number) + 1;
  const sy = s === null ? y : y.map((v, i) => v * (s[i] as number));
  const alpha = choleskySolve(cholesky(K), sy);
  if (s !== null) for (let i = 0; i < n; i++) alpha[i] = (alpha[i] as number) * (s[i] as number);
  const beta = matvecT(X, alpha);
  for (let j = 0; j < d; j++) beta[j] = (beta[j] as number) * (invLam[j] as number);
  return beta;
}
