/**
 * Thin complex Householder QR `A = Q·R` (the `qf` retraction and Haar initialisation on the complex
 * Grassmannian of kahler-grassmannian's method §8). Same layout as the real `qr`: reflectors on
 * the rows of `Aᵀ`, Q accumulated backwards as `Qᴴ`.
 */
import { assertCMatrix, assertFiniteCMatrix, type CMatrix, cmatrix } from "./cmatrix.js";

/** The thin QR factors of an `m × n` complex matrix, `k = min(m, n)`. */
export interface ComplexQrResult {
  /** `m × k` with orthonormal columns (QᴴQ = I). */
  Q: CMatrix;
  /** `k × n` upper triangular with a real non-negative diagonal. */
  R: CMatrix;
}

/**
 * Householder QR of the complex `A` (Golub & Van Loan §5.1.13, complex reflectors
 * `H = I − β·v·vᴴ` with `Hx = −e^{i·arg x₀}‖x‖e₁`), normalised to a real non-negative diagonal of
 * R so that Q is unique for full-rank A (`qf(A)` in the manifold-optimisation literature).
 *
 * @throws {DescentError} code `"shape"` for a malformed matrix, `"finite"` for NaN.
 */
export function complexQr(A: CMatrix): ComplexQrResult {
  assertCMatrix(A, "A");
  assertFiniteCMatrix(A, "A");
  const m = A.rows;
  const n = A.cols;
  const k = Math.min(m, n);
  // gr/gi: row j = column j of A (no conjugation).
  const gr = new Float64Array(n * m);
  const gi = new Float64Array(n * m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      gr[j * m + i] = A.re[i * n + j] as number;
      gi[j * m + i] = A.im[i * n + j] as number;
    }
  const betas = new Float64Array(k);
  const vr = new Float64Array(k * m); // Householder vectors (entries j.. of row j)
  const vi = new Float64Array(k * m);
  const diagR = new Float64Array(k * 2);
  for (let j = 0; j < k; j++) {
    const rj = j * m;
    let xnorm2 = 0;
    for (let t = j; t < m; t++) xnorm2 += (gr[rj + t] as number) ** 2 + (gi[rj + t] as number) ** 2;
    const xnorm = Math.sqrt(xnorm2);
    const x0r = gr[rj + j] as number;
    const x0i = gi[rj + j] as number;
    const x0abs = Math.hypot(x0r, x0i);
    if (xnorm === 0) {
      betas[j] = 0;
      diagR[2 * j] = 0;
      diagR[2 * j + 1] = 0;
      continue;
    }
    const phr = x0abs === 0 ? 1 : x0r / x0abs;
    const phi = x0abs === 0 ? 0 : x0i / x0abs;
    // α = −phase(x₀)·‖x‖ avoids cancellation in v₀ = x₀ − α = phase·(|x₀| + ‖x‖).
    const alphaR = -phr * xnorm;
    const alphaI = -phi * xnorm;
    for (let t = j; t < m; t++) {
      vr[rj + t] = gr[rj + t] as number;
      vi[rj + t] = gi[rj + t] as number;
    }
    vr[rj + j] = x0r - alphaR;
    vi[rj + j] = x0i - alphaI;
    const beta = 1 / (xnorm * (xnorm + x0abs)); // 2 / vᴴv
    betas[j] = beta;
    diagR[2 * j] = alphaR;
    diagR[2 * j + 1] = alphaI;
    gr[rj + j] = alphaR;
    gi[rj + j] = alphaI;
    for (let t = j + 1; t < m; t++) {
      gr[rj + t] = 0;
      gi[rj + t] = 0;
    }
    for (let i = j + 1; i < n; i++) {
      // aᵢ ← aᵢ − (β·vᴴ·aᵢ)·v
      reflect(gr, gi, i * m, vr, vi, rj, j, m, beta, -1);
    }
  }
  const R = cmatrix(k, n);
  for (let i = 0; i < k; i++)
    for (let j = i; j < n; j++) {
      R.re[i * n + j] = gr[j * m + i] as number;
      R.im[i * n + j] = gi[j * m + i] as number;
    }
  // Qᴴ = I[:k, :]·H_{k−1}⋯H₀; a row r times H: r − β·(r·v)·vᴴ.
  const qr_ = new Float64Array(k * m);
  const qi = new Float64Array(k * m);
  for (let i = 0; i < k; i++) qr_[i * m + i] = 1;
  for (let j = k - 1; j >= 0; j--) {
    const beta = betas[j] as number;
    if (beta === 0) continue;
    const rj = j * m;
    for (let r = j; r < k; r++) reflect(qr_, qi, r * m, vr, vi, rj, j, m, beta, 1);
  }
  // Normalise: R row j ← conj(d)·row, Q column j ← d·column (Qᴴ row j ← conj(d)·row), d = phase(R_jj).
  for (let j = 0; j < k; j++) {
    const ar = diagR[2 * j] as number;
    const ai = diagR[2 * j + 1] as number;
    const abs = Math.hypot(ar, ai);
    const dr = abs === 0 ? 1 : ar / abs;
    const di = abs === 0 ? 0 : ai / abs;
    multiplyByConjugate(R.re, R.im, j * n + j, j * n + n, dr, di);
    R.im[j * n + j] = 0;
    multiplyByConjugate(qr_, qi, j * m, j * m + m, dr, di);
  }
  const Q = cmatrix(m, k);
  for (let i = 0; i < k; i++)
    for (let t = 0; t < m; t++) {
      Q.re[t * k + i] = qr_[i * m + t] as number;
      Q.im[t * k + i] = -(qi[i * m + t] as number);
    }
  return { Q, R };
}

/**
 * One reflector `H = I − β·v·vᴴ` on entries `from..to−1` of a row `x` (offset `xo`; `v` at offset `vo`)
 * of split complex storage. `side = −1`: `H·x` (s = β·vᴴx, x ← x − s·v), a column of A stored as a row;
 * `side = 1`: the row times H (s = β·x·v, x ← x − s·conj(v)), a row of Qᴴ.
 */
function reflect(
  xr: Float64Array,
  xi: Float64Array,
  xo: number,
  vr: Float64Array,
  vi: Float64Array,
  vo: number,
  from: number,
  to: number,
  beta: number,
  side: 1 | -1,
): void {
  let sr = 0;
  let si = 0;
  for (let t = from; t < to; t++) {
    const ar = vr[vo + t] as number;
    const ai = side * (vi[vo + t] as number);
    const br = xr[xo + t] as number;
    const bi = xi[xo + t] as number;
    sr += ar * br - ai * bi;
    si += ar * bi + ai * br;
  }
  sr *= beta;
  si *= beta;
  for (let t = from; t < to; t++) {
    const cr = vr[vo + t] as number;
    const ci = -side * (vi[vo + t] as number);
    xr[xo + t] = (xr[xo + t] as number) - (cr * sr - ci * si);
    xi[xo + t] = (xi[xo + t] as number) - (cr * si + ci * sr);
  }
}

/** Entries `from..to−1` of split complex storage multiplied by conj(d), d = dr + i·di. */
function multiplyByConjugate(
  re: Float64Array,
  im: Float64Array,
  from: number,
  to: number,
  dr: number,
  di: number,
): void {
  for (let t = from; t < to; t++) {
    const xr = re[t] as number;
    const xi = im[t] as number;
    re[t] = dr * xr + di * xi;
    im[t] = dr * xi - di * xr;
  }
}
