/**
 * Hermitian eigendecomposition `A = V·diag(λ)·Vᴴ` by the cyclic complex Jacobi method: each step
 * first rotates the phase of the pivot `a_pq` to make it real, then applies the real symmetric
 * Jacobi rotation. Quadratically convergent and accurate; O(n³) per sweep, which suits the
 * `n ≤ 200` Hermitian matrices of kahler-grassmannian's method §7–8 (Jacobi is fine at that size).
 */
import { DescentError } from "../errors.js";
import { assertInteger } from "../validate.js";
import { assertSquareFiniteCMatrix, type CMatrix } from "./cmatrix.js";

/** The result of {@link hermitianEigh}. */
export interface HermitianEighResult {
  /** Real eigenvalues, ascending. */
  values: Float64Array;
  /** Orthonormal (unitary) eigenvectors as columns: column j belongs to `values[j]`. */
  vectors: CMatrix;
}

/** Options of {@link hermitianEigh}. */
export interface HermitianEighOptions {
  /** Jacobi sweeps allowed. Default `100` (our choice; 6–10 are typical). */
  maxSweeps?: number;
}

/**
 * Eigenvalues (ascending) and unitary eigenvectors of the Hermitian `A`; only the lower triangle
 * of A is read (the upper is taken as its conjugate; the diagonal's imaginary part is ignored).
 *
 * @throws {DescentError} code `"shape"` for non-square input, `"finite"` for NaN,
 * `"no-convergence"` after `maxSweeps`.
 */
export function hermitianEigh(A: CMatrix, options: HermitianEighOptions = {}): HermitianEighResult {
  assertSquareFiniteCMatrix(A, "A");
  const maxSweeps = options.maxSweeps ?? 100;
  assertInteger(maxSweeps, "maxSweeps", { min: 1 });
  const n = A.rows;
  const ar = new Float64Array(n * n);
  const ai = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    ar[i * n + i] = A.re[i * n + i] as number;
    for (let j = 0; j < i; j++) {
      ar[i * n + j] = A.re[i * n + j] as number;
      ai[i * n + j] = A.im[i * n + j] as number;
      ar[j * n + i] = A.re[i * n + j] as number;
      ai[j * n + i] = -(A.im[i * n + j] as number);
    }
  }
  const vr = new Float64Array(n * n);
  const vi = new Float64Array(n * n);
  for (let i = 0; i < n; i++) vr[i * n + i] = 1;
  let frob2 = 0;
  for (let k = 0; k < n * n; k++) frob2 += (ar[k] as number) ** 2 + (ai[k] as number) ** 2;
  const eps = Number.EPSILON;
  let converged = n <= 1;
  for (let sweep = 0; sweep < maxSweeps && !converged; sweep++) {
    let off2 = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < i; j++) off2 += (ar[i * n + j] as number) ** 2 + (ai[i * n + j] as number) ** 2;
    // our choice: stop when the off-diagonal mass is at rounding level, ‖off(A)‖_F ≤ ε‖A‖_F
    if (off2 <= eps * eps * frob2) {
      converged = true;
      break;
    }
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const gr = ar[p * n + q] as number;
        const gi = ai[p * n + q] as number;
        const g = Math.hypot(gr, gi);
        const alpha = ar[p * n + p] as number;
        const beta = ar[q * n + q] as number;
        if (g === 0 || g <= eps * 1e-3 * (Math.abs(alpha) + Math.abs(beta))) continue;
        // Phase e^{iφ} = g/|g|, then the real rotation zeroing [[α, |g|], [|g|, β]]:
        // U = [[c, s·e^{iφ}], [−s·e^{−iφ}, c]] on columns (p, q).
        const er = gr / g;
        const ei = gi / g;
        const zeta = (beta - alpha) / (2 * g);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let k = 0; k < n; k++) {
          if (k === p || k === q) continue;
          const kp = k * n + p;
          const kq = k * n + q;
          const xr = ar[kp] as number;
          const xi = ai[kp] as number;
          const yr = ar[kq] as number;
          const yi = ai[kq] as number;
          // a'_kp = c·a_kp − s·e^{−iφ}·a_kq ; a'_kq = s·e^{iφ}·a_kp + c·a_kq
          const npr = c * xr - s * (er * yr + ei * yi);
          const npi = c * xi - s * (er * yi - ei * yr);
          const nqr = s * (er * xr - ei * xi) + c * yr;
          const nqi = s * (er * xi + ei * xr) + c * yi;
          ar[kp] = npr;
          ai[kp] = npi;
          ar[kq] = nqr;
          ai[kq] = nqi;
          ar[p * n + k] = npr;
          ai[p * n + k] = -npi;
          ar[q * n + k] = nqr;
          ai[q * n + k] = -nqi;
        }
        ar[p * n + p] = alpha - t * g;
        ar[q * n + q] = beta + t * g;
        ar[p * n + q] = 0;
        ai[p * n + q] = 0;
        ar[q * n + p] = 0;
        ai[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          const kp = k * n + p;
          const kq = k * n + q;
          const xr = vr[kp] as number;
          const xi = vi[kp] as number;
          const yr = vr[kq] as number;
          const yi = vi[kq] as number;
          vr[kp] = c * xr - s * (er * yr + ei * yi);
          vi[kp] = c * xi - s * (er * yi - ei * yr);
          vr[kq] = s * (er * xr - ei * xi) + c * yr;
          vi[kq] = s * (er * xi + ei * xr) + c * yi;
        }
      }
    }
  }
  if (!converged) {
    throw new DescentError(`hermitianEigh did not converge within ${maxSweeps} Jacobi sweeps`, {
      parameter: "A",
      code: "no-convergence",
    });
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (ar[a * n + a] as number) - (ar[b * n + b] as number),
  );
  const values = new Float64Array(n);
  const V: CMatrix = { rows: n, cols: n, re: new Float64Array(n * n), im: new Float64Array(n * n) };
  for (let j = 0; j < n; j++) {
    const src = order[j] as number;
    values[j] = ar[src * n + src] as number;
    for (let k = 0; k < n; k++) {
      V.re[k * n + j] = vr[k * n + src] as number;
      V.im[k * n + j] = vi[k * n + src] as number;
    }
  }
  return { values, vectors: V };
}
