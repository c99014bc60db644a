/**
 * The smooth extended-variable objective of adversarial logistic classification (docs/method.md §c.2):
 * `F(β, t) = (1/n) Σ ℓ(yᵢxᵢᵀβ − ρt)` on `K = {δ‖β‖_* ≤ ρt}`, its gradient, and the curvature constants
 * (`λ_max(XᵀX/n)`, the per-sample `L_max`) that set the step sizes.
 */

import {
  eigvalsh,
  gramRows,
  type Matrix64,
  powerIteration,
  type ResidentMatrix64,
  residentMatrix,
  weightedGram,
} from "@descent/core-tensor";
import type { AttackNorm } from "./data-input.js";
import { dualNorm } from "./dual-norm.js";
import { logisticLoss, logisticWeight } from "./logistic-loss.js";

/**
 * Logistic `F(z)` with z = (β, t) stored as one Float64Array of length p + 1 (t last).
 * `value` caches `uᵢ = yᵢxᵢᵀβ` so that the gradient and the closed-form risk of the same point are O(n).
 * @internal
 */
export class ExtendedLogistic {
  readonly n: number;
  readonly p: number;
  /** uᵢ = yᵢxᵢᵀβ at the last `value` call. */
  readonly u: Float64Array;
  private readonly sy: Float64Array;
  private readonly du: Float64Array;
  /** X copied once into the float64 kernels' memory: every iteration multiplies by it 2–3 times. */
  private readonly Xr: ResidentMatrix64;
  private readonly xb: Float64Array;
  private readonly gb: Float64Array;
  /** σ(−mᵢ) at the point of the last `gradientAtLast` call, reused by every backtracking trial's `decrease`. */
  private readonly sig: Float64Array;
  /** ρt of the point `sig` belongs to; NaN when `value` has moved on since. */
  private sigRt = Number.NaN;

  constructor(
    readonly X: Matrix64,
    readonly y: Float64Array,
    readonly rho: number,
  ) {
    this.n = X.rows;
    this.p = X.cols;
    this.u = new Float64Array(this.n);
    this.sy = new Float64Array(this.n);
    this.du = new Float64Array(this.n);
    this.Xr = residentMatrix(X);
    this.xb = new Float64Array(this.n);
    this.gb = new Float64Array(this.p);
    this.sig = new Float64Array(this.n);
  }

  /** Releases the resident copy of X for the next fit (the objective must not be used afterwards). */
  dispose(): void {
    this.Xr.dispose();
  }

  /** F(z); caches uᵢ. */
  value(z: Float64Array): number {
    const xb = this.Xr.matvec(z.subarray(0, this.p), this.xb);
    const rt = this.rho * (z[this.p] as number);
    this.sigRt = Number.NaN;
    let s = 0;
    for (let i = 0; i < this.n; i++) {
      const u = (this.y[i] as number) * (xb[i] as number);
      this.u[i] = u;
      s += logisticLoss(u - rt);
    }
    return s / this.n;
  }

  /** ∇F at the point of the last `value` call (docs/method.md §c.2): ∇_β = −(1/n) Σ sᵢyᵢxᵢ, ∂_t = (ρ/n) Σ sᵢ. */
  gradientAtLast(z: Float64Array, out: Float64Array): Float64Array {
    const rt = this.rho * (z[this.p] as number);
    let ssum = 0;
    for (let i = 0; i < this.n; i++) {
      const s = logisticWeight((this.u[i] as number) - rt);
      this.sig[i] = s;
      ssum += s;
      this.sy[i] = (-s * (this.y[i] as number)) / this.n;
    }
    this.sigRt = rt;
    const gb = this.Xr.matvecT(this.sy, this.gb);
    out.set(gb, 0);
    out[this.p] = (this.rho * ssum) / this.n;
    return out;
  }

  /**
   * `F(v + d) − F(v)` where v is the point of the last `value` call, computed from the differences
   * `Δmᵢ = yᵢxᵢᵀd_β − ρd_t` as `(1/n) Σ log1p(σ(−mᵢ)·expm1(−Δmᵢ))`: exact to relative precision even when the
   * two values agree to 1e-16, so the backtracking test does not fail spuriously near the optimum (docs/method.md §h:
   * the test compares numbers that differ by ~1e-10; our choice to go further than plain float64
   * subtraction). Stores `yᵢxᵢᵀd_β` for {@link ExtendedLogistic.riskAfterStep}.
   */
  decrease(v: Float64Array, d: Float64Array): number {
    const xd = this.Xr.matvec(d.subarray(0, this.p), this.xb);
    const rt = this.rho * (v[this.p] as number);
    const rdt = this.rho * (d[this.p] as number);
    // σ(−mᵢ) at v is the gradient's, already computed when the gradient was taken at v (the same numbers)
    const cached = this.sigRt === rt;
    let s = 0;
    for (let i = 0; i < this.n; i++) {
      const du = (this.y[i] as number) * (xd[i] as number);
      this.du[i] = du;
      const sig = cached ? (this.sig[i] as number) : logisticWeight((this.u[i] as number) - rt);
      s += Math.log1p(sig * Math.expm1(-(du - rdt)));
    }
    return s / this.n;
  }

  /** Closed-form risk at `v + d` after {@link ExtendedLogistic.decrease}(v, d); `zNew` = v + d. */
  riskAfterStep(zNew: Float64Array, delta: number, attack: AttackNorm): number {
    const pen = delta * dualNorm(zNew.subarray(0, this.p), attack);
    let s = 0;
    for (let i = 0; i < this.n; i++) s += logisticLoss((this.u[i] as number) + (this.du[i] as number) - pen);
    return s / this.n;
  }

  /** The closed-form adversarial risk `(1/n) Σ ℓ(uᵢ − δ‖β‖_*)` at the β of the last `value` call. */
  riskAtLast(z: Float64Array, delta: number, attack: AttackNorm): number {
    const pen = delta * dualNorm(z.subarray(0, this.p), attack);
    let s = 0;
    for (let i = 0; i < this.n; i++) s += logisticLoss((this.u[i] as number) - pen);
    return s / this.n;
  }
}

/**
 * Up to this min(n, p), `λ_max` comes from the eigenvalues of the smaller Gram matrix (XᵀX or XXᵀ), above
 * it from the power iteration: our choice, where the O(min(n, p)³) eigensolve starts to cost more than the
 * iteration (at n = 1000, p = 100 the Gram route takes 12 ms, the power iteration 85 ms).
 */
const GRAM_EIGEN_MAX_SIZE = 1000;

/**
 * `λ_max(XᵀX/n)` = σ_max(X)²/n (docs/method.md §c.2). Exact to rounding from the largest eigenvalue of the smaller
 * Gram matrix when min(n, p) ≤ 1000; otherwise by core-tensor's seeded power iteration to a 1e-12 relative
 * change, at most 1000 times (docs/method.md §h: the code's 10 iterations are too few).
 * @internal
 */
export function largestCovarianceEigenvalue(X: Matrix64, seed: number): number {
  if (Math.min(X.rows, X.cols) <= GRAM_EIGEN_MAX_SIZE) {
    const eigenvalues = eigvalsh(X.cols <= X.rows ? weightedGram(X) : gramRows(X));
    let largest = 0;
    for (const v of eigenvalues) largest = Math.max(largest, v);
    return largest / X.rows;
  }
  const { value } = powerIteration(X, { target: "singular-value", seed, tol: 1e-12, maxIterations: 1000 });
  return (value * value) / X.rows;
}

/** `L_max = ¼·max_i(‖xᵢ‖² + ρ²)`, the per-sample smoothness constant of SAGA's step (docs/method.md §c.2). @internal */
export function perSampleSmoothness(X: Matrix64, rho: number): number {
  let m = 0;
  for (let i = 0; i < X.rows; i++) {
    let s = 0;
    for (let j = 0; j < X.cols; j++) s += (X.data[i * X.cols + j] as number) ** 2;
    m = Math.max(m, s);
  }
  return 0.25 * (m + rho * rho);
}
