/**
 * The β-step of iteratively reweighted ridge (docs/method.md §c.1, "Solving the weighted ridge"):
 * `argmin_β Σ wᵢ(yᵢ − xᵢᵀβ)² + λ̄ Σ γ_j β_j²` with γ ∈ (0, 1], solved exactly by Cholesky in the
 * column-rescaled form `X̃ = W^{1/2} X Γ^{−1/2}` (code `Reweighted` wrapper), so that the huge penalties of
 * near-zero coefficients never appear in the normal equations (docs/method.md §h).
 */
import {
  cholesky,
  choleskySolve,
  DescentError,
  gramRows,
  type Matrix64,
  matvecT,
  type ResidentMatrix64,
  weightedGram,
} from "@descent/core-tensor";

/** Which normal equations to factor: p×p (primal) or n×n (dual, kernel form). */
export type RidgeForm = "primal" | "dual";

function factor(A: Matrix64): Matrix64 {
  try {
    return cholesky(A);
  } catch (cause) {
    throw new DescentError(
      "the weighted ridge system is not positive definite (penalty underflow?); try a larger delta",
      { code: "not-positive-definite", cause },
    );
  }
}

/** `M ← diag(s) M diag(s) + shift·I` in place, for a square M (the rescaled normal equations). */
function scaleSymmetricAndShift(M: Matrix64, s: Float64Array, shift: number): void {
  const m = M.rows;
  const d = M.data;
  for (let i = 0; i < m; i++) {
    const si = s[i] as number;
    for (let k = 0; k < m; k++) d[i * m + k] = (d[i * m + k] as number) * si * (s[k] as number);
    d[i * m + i] = (d[i * m + i] as number) + shift;
  }
}

/**
 * `XᵀWy`, the right-hand side of the weighted normal equations; through `Xr` (a resident copy of X,
 * same result bitwise) when given. @internal
 */
export function weightedCrossMoment(
  X: Matrix64,
  w: Float64Array,
  y: Float64Array,
  Xr?: ResidentMatrix64,
): Float64Array {
  const wy = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) wy[i] = (w[i] as number) * (y[i] as number);
  return Xr === undefined ? matvecT(X, wy) : Xr.matvecT(wy);
}

/**
 * Solves the weighted ridge problem exactly.
 * - primal (p ≤ n): Cholesky of `X̃ᵀX̃ + λ̄I` (p×p), cost O(np² + p³);
 * - dual (p > n): Cholesky of `X̃X̃ᵀ + λ̄I` (n×n), `β̃ = X̃ᵀ(·)⁻¹ỹ`, cost O(n²p + n³).
 * Returns `β = Γ^{−1/2} β̃`. `Xr`, a resident copy of X, serves the matrix–vector products when given.
 * @internal
 */
export function solveWeightedRidge(
  X: Matrix64,
  y: Float64Array,
  w: Float64Array,
  penalty: number,
  gamma: Float64Array,
  form: RidgeForm,
  Xr?: ResidentMatrix64,
): Float64Array {
  const n = X.rows;
  const p = X.cols;
  const invSqrtGamma = new Float64Array(p);
  for (let j = 0; j < p; j++) invSqrtGamma[j] = 1 / Math.sqrt(gamma[j] as number);
  if (form === "primal") {
    // X̃ᵀX̃ = Γ^{-1/2} (XᵀWX) Γ^{-1/2}; X̃ᵀỹ = Γ^{-1/2} XᵀWy
    // X was validated once by the public entry point; the scan would cost a tenth of every iteration
    const G = Xr === undefined ? weightedGram(X, w, { assumeFinite: true }) : Xr.weightedGram(w);
    scaleSymmetricAndShift(G, invSqrtGamma, penalty);
    const rhs = weightedCrossMoment(X, w, y, Xr);
    for (let j = 0; j < p; j++) rhs[j] = (rhs[j] as number) * (invSqrtGamma[j] as number);
    const bt = choleskySolve(factor(G), rhs);
    for (let j = 0; j < p; j++) bt[j] = (bt[j] as number) * (invSqrtGamma[j] as number);
    return bt;
  }
  // dual: X̃X̃ᵀ = W^{1/2} (X Γ^{-1} Xᵀ) W^{1/2}
  const invGamma = new Float64Array(p);
  for (let j = 0; j < p; j++) invGamma[j] = 1 / (gamma[j] as number);
  const K = gramRows(X, invGamma, { assumeFinite: true });
  const sw = new Float64Array(n);
  for (let i = 0; i < n; i++) sw[i] = Math.sqrt(w[i] as number);
  scaleSymmetricAndShift(K, sw, penalty);
  const yt = new Float64Array(n);
  for (let i = 0; i < n; i++) yt[i] = (sw[i] as number) * (y[i] as number);
  const alpha = choleskySolve(factor(K), yt);
  // β = Γ^{-1/2} β̃ = Γ^{-1/2} X̃ᵀα = Γ^{-1} Xᵀ W^{1/2} α
  for (let i = 0; i < n; i++) alpha[i] = (alpha[i] as number) * (sw[i] as number);
  const beta = Xr === undefined ? matvecT(X, alpha) : Xr.matvecT(alpha);
  for (let j = 0; j < p; j++) beta[j] = (beta[j] as number) * (invGamma[j] as number);
  return beta;
}
