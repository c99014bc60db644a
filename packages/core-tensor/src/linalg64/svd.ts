/**
 * Thin singular value decomposition `A = U·diag(σ)·Vᵀ` by one-sided (Hestenes) Jacobi: plane
 * rotations orthogonalise the columns of A (rows of `Aᵀ`, contiguous) until every pair is
 * orthogonal to working precision; row-major friendly because every rotation combines two
 * contiguous rows. Two preconditioners (our choices, measured in `bench/linalg64.bench.ts`) cut the
 * work: a column-pivoted QR for tall matrices (m ≥ 2n: Jacobi then runs on the n × n factor R), and
 * for the others a rotation by the eigenvectors V₀ of AᵀA (the columns of A·V₀ are nearly
 * orthogonal: on random matrices 3 sweeps, the last one only checking, instead of 8–10) — 2.5× ml-matrix at n = 256.
 */
import { DescentError } from "../errors.js";
import { assertInteger } from "../validate.js";
import { eigh } from "./eigh.js";
import { matmul, weightedGram } from "./matmul.js";
import { assertFiniteMatrix, assertMatrix, type Matrix64, transposeData } from "./matrix.js";
import { qr } from "./qr.js";
import { dotUnchecked } from "./vector.js";

/** The thin SVD of an `m × n` matrix, `k = min(m, n)`. */
export interface SvdResult {
  /** `m × k`, orthonormal columns (left singular vectors). */
  U: Matrix64;
  /** The `k` singular values, descending. */
  S: Float64Array;
  /** `n × k`, orthonormal columns (right singular vectors). */
  V: Matrix64;
}

/** Options of {@link svd}. */
export interface SvdOptions {
  /** Jacobi sweeps allowed before giving up. Default `60` (our choice; 6–12 are typical). */
  maxSweeps?: number;
}

/**
 * The thin SVD of `A`: `A = U·diag(S)·Vᵀ` with `S` descending. When A is rank deficient, the
 * columns of U (or V) that belong to zero singular values are completed to an orthonormal set.
 *
 * @throws {DescentError} code `"finite"` for NaN/±Infinity, `"no-convergence"` when the Jacobi
 * sweeps do not converge within `maxSweeps`.
 *
 * @example
 * ```ts
 * const { U, S, V } = svd(fromRows([[3, 0], [0, -2], [0, 0]])); // S = [3, 2]
 * ```
 */
export function svd(A: Matrix64, options: SvdOptions = {}): SvdResult {
  assertMatrix(A, "A");
  assertFiniteMatrix(A, "A");
  const maxSweeps = options.maxSweeps ?? 60;
  assertInteger(maxSweeps, "maxSweeps", { min: 1 });
  if (A.rows < A.cols) {
    // A = (Aᵀ)ᵀ = (U'SV'ᵀ)ᵀ = V'·S·U'ᵀ
    const t = tallSvd({ rows: A.cols, cols: A.rows, data: transposeData(A.rows, A.cols, A.data) }, maxSweeps);
    return { U: t.V, S: t.S, V: t.U };
  }
  return tallSvd(A, maxSweeps);
}

/**
 * The singular values of `A` (descending, `min(m, n)` of them) without the singular vectors: the
 * same one-sided Jacobi as {@link svd} without accumulating rotations (about half the work) — e.g.
 * for nuclear norms `Σσᵢ` or condition numbers.
 *
 * @throws {DescentError} code `"finite"` for NaN/±Infinity, `"no-convergence"` (see {@link svd}).
 */
export function singularValues(A: Matrix64, options: SvdOptions = {}): Float64Array {
  assertMatrix(A, "A");
  assertFiniteMatrix(A, "A");
  const maxSweeps = options.maxSweeps ?? 60;
  assertInteger(maxSweeps, "maxSweeps", { min: 1 });
  const tall: Matrix64 =
    A.rows < A.cols ? { rows: A.cols, cols: A.rows, data: transposeData(A.rows, A.cols, A.data) } : A;
  return tallSvd(tall, maxSweeps, false).S;
}

/**
 * QR preconditioning is used when `m ≥ QR_PRECONDITION_RATIO·n` (our choice, measured in
 * `bench/linalg64.bench.ts`: 2.5× faster at 512 × 100, but 10–70 % slower on square matrices, where
 * it did not reduce the number of sweeps).
 */
const QR_PRECONDITION_RATIO = 2;

/** Eigenvector preconditioning from this many columns on (our choice, measured). */
const EIGEN_PRECONDITION_MIN = 24;

/** Thin SVD of a tall (m ≥ n) matrix; with `wantVectors = false` only `S` is meaningful. */
function tallSvd(A: Matrix64, maxSweeps: number, wantVectors = true): SvdResult {
  const m = A.rows;
  const n = A.cols;
  // Preconditioning for tall A (Drmač & Veselić 2008): A·P = Q·R with column pivoting, then
  // one-sided Jacobi on the rows of R (= the columns of Rᵀ): the sweeps work on n-vectors instead of
  // m-vectors.
  const pre = m >= QR_PRECONDITION_RATIO * n && n > 1 ? qr(A, { pivoting: true }) : null;
  // Rows to orthogonalise: the rows of R, or the columns of A.
  const c = pre === null ? m : n;
  // Square-ish A: rotate A by the eigenvectors V₀ of AᵀA first, so that the columns of A·V₀ are
  // nearly orthogonal and the Jacobi sweeps only polish (EIGEN_PRECONDITION_MIN).
  const V0 =
    pre === null && wantVectors && n >= EIGEN_PRECONDITION_MIN ? eigh(weightedGram(A)).vectors : null;
  const g =
    pre !== null
      ? pre.R.data.slice()
      : V0 !== null
        ? transposeData(m, n, matmul(A, V0).data)
        : transposeData(m, n, A.data);
  // Scale by a power of two (exact) so that squared norms neither overflow nor underflow; undone on S.
  let maxAbs = 0;
  for (let i = 0; i < g.length; i++) maxAbs = Math.max(maxAbs, Math.abs(g[i] as number));
  const scaleExp = maxAbs > 0 ? -Math.round(Math.log2(maxAbs)) : 0;
  const half = Math.trunc(scaleExp / 2);
  if (scaleExp !== 0) {
    // two factors, so that 2^scaleExp itself cannot overflow for subnormal input
    const f1 = 2 ** half;
    const f2 = 2 ** (scaleExp - half);
    for (let i = 0; i < g.length; i++) g[i] = (g[i] as number) * f1 * f2;
  }
  const q = wantVectors ? new Float64Array(n * n) : null;
  if (q !== null) for (let i = 0; i < n; i++) q[i * n + i] = 1;
  oneSidedJacobi(n, c, g, q, maxSweeps);
  // Now q·X = diag(σ)·W with X = Aᵀ (or R) and orthonormal rows W.
  const sigma = new Float64Array(n);
  for (let i = 0; i < n; i++) sigma[i] = Math.sqrt(dotUnchecked(g, g, i * c, i * c, c));
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (sigma[b] as number) - (sigma[a] as number),
  );
  const S = new Float64Array(n);
  if (q === null) {
    for (let j = 0; j < n; j++) {
      const v = sigma[order[j] as number] as number;
      S[j] = scaleExp === 0 ? v : v * 2 ** -half * 2 ** -(scaleExp - half);
    }
    const empty: Matrix64 = { rows: 0, cols: 0, data: new Float64Array(0) };
    return { U: empty, S, V: empty };
  }
  const unitRows = new Float64Array(n * c); // W, in sorted order
  const rotRows = new Float64Array(n * n); // q, in sorted order
  const zero: number[] = [];
  // Rows at rounding-noise level (see oneSidedJacobi) are not orthogonal to the others: their
  // singular vectors are completed like those of exact zeros.
  const noise = (sigma[order[0] as number] ?? 0) * c * Number.EPSILON;
  for (let j = 0; j < n; j++) {
    const src = order[j] as number;
    const s = sigma[src] as number;
    S[j] = scaleExp === 0 ? s : s * 2 ** -half * 2 ** -(scaleExp - half);
    for (let t = 0; t < n; t++) rotRows[j * n + t] = q[src * n + t] as number;
    if (s > noise) {
      const inv = 1 / s;
      for (let t = 0; t < c; t++) unitRows[j * c + t] = (g[src * c + t] as number) * inv;
    } else {
      zero.push(j);
    }
  }
  completeOrthonormalRows(unitRows, n, c, zero);
  if (pre === null) {
    // qAᵀ = ΣW ⇒ A = Wᵀ·Σ·q: U = Wᵀ, V = qᵀ.
    return {
      U: { rows: m, cols: n, data: transposeData(n, m, unitRows) },
      S,
      V:
        V0 === null
          ? { rows: n, cols: n, data: transposeData(n, n, rotRows) }
          : matmul(V0, { rows: n, cols: n, data: rotRows }, { transB: true }),
    };
  }
  // qR = ΣW ⇒ A·P = Q·R = (Q·qᵀ)·Σ·W: U = Q·qᵀ, V = P·Wᵀ (row perm[t] of V is column t of W).
  const U = matmul(pre.Q, { rows: n, cols: n, data: rotRows }, { transB: true });
  const V = new Float64Array(n * n);
  for (let t = 0; t < n; t++) {
    const row = (pre.permutation[t] as number) * n;
    for (let j = 0; j < n; j++) V[row + j] = unitRows[j * n + t] as number;
  }
  return { U, S, V: { rows: n, cols: n, data: V } };
}

/**
 * Cyclic one-sided Jacobi on the `r × c` rows of `g`, applying each rotation to the rows of the
 * `r × r` matrix `q` too (when given). Stops after a sweep in which every pair was orthogonal to the tolerance.
 */
function oneSidedJacobi(
  r: number,
  c: number,
  g: Float64Array,
  q: Float64Array | null,
  maxSweeps: number,
): void {
  // our choice: a pair counts as orthogonal when |gᵢ·gⱼ| ≤ √c·ε·‖gᵢ‖‖gⱼ‖ (as LAPACK dgesvj)
  const tol = Math.sqrt(Math.max(c, 1)) * Number.EPSILON;
  const norms = new Float64Array(r);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let maxNorm = 0;
    for (let i = 0; i < r; i++) {
      norms[i] = dotUnchecked(g, g, i * c, i * c, c);
      maxNorm = Math.max(maxNorm, norms[i] as number);
    }
    // A row whose squared norm is below the rounding noise of the largest one, (c·ε·‖g‖max)², holds
    // no information: rotating it against others only reshuffles noise and never meets the relative
    // test, which made rank-deficient inputs (e.g. MNIST digits, rank 10–20 of 28) loop until
    // maxSweeps. Such rows are completed afterwards.
    const negligible = maxNorm * (c * Number.EPSILON) ** 2;
    let rotated = false;
    for (let i = 0; i < r - 1; i++) {
      const ri = i * c;
      for (let j = i + 1; j < r; j++) {
        const alpha = norms[i] as number;
        const beta = norms[j] as number;
        if (alpha <= negligible || beta <= negligible) continue;
        const rj = j * c;
        const gamma = dotUnchecked(g, g, ri, rj, c);
        if (Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
        rotated = true;
        // The rotation that zeroes the (i, j) entry of the implicit Gram matrix [[α, γ], [γ, β]].
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        const sn = cs * t;
        rotateRowPair(g, ri, rj, c, cs, sn);
        if (q !== null) rotateRowPair(q, i * r, j * r, r, cs, sn);
        norms[i] = alpha - t * gamma;
        norms[j] = beta + t * gamma;
      }
    }
    if (!rotated) return;
  }
  throw new DescentError(`svd did not converge within ${maxSweeps} Jacobi sweeps`, {
    parameter: "A",
    code: "no-convergence",
  });
}

/** Applies the plane rotation `(xᵢ, xⱼ) ← (cs·xᵢ − sn·xⱼ, sn·xᵢ + cs·xⱼ)` to two rows of length `len` of `a`. */
function rotateRowPair(a: Float64Array, ri: number, rj: number, len: number, cs: number, sn: number): void {
  for (let k = 0; k < len; k++) {
    const x = a[ri + k] as number;
    const y = a[rj + k] as number;
    a[ri + k] = cs * x - sn * y;
    a[rj + k] = sn * x + cs * y;
  }
}

/**
 * Fills the rows listed in `missing` of the `r × c` buffer `rows` with unit vectors orthogonal to
 * all other rows (which are orthonormal). Each new row is the standard basis vector eᵦ with the
 * largest residual after projecting out the rows already set — its squared residual is
 * `1 − Σᵢ rowsᵢᵦ²`, tracked for every b at once, and the largest is at least (free dimensions)/c, so
 * the choice never runs out — then orthogonalised by Gram–Schmidt applied twice. O(missing·r·c).
 */
function completeOrthonormalRows(rows: Float64Array, r: number, c: number, missing: number[]): void {
  if (missing.length === 0) return;
  const isMissing = new Uint8Array(r);
  for (const j of missing) isMissing[j] = 1;
  const colSq = new Float64Array(c); // Σ over the rows already set of rowsᵢᵦ²
  for (let i = 0; i < r; i++) {
    if (isMissing[i] === 1) continue;
    for (let t = 0; t < c; t++) colSq[t] = (colSq[t] as number) + (rows[i * c + t] as number) ** 2;
  }
  const cand = new Float64Array(c);
  for (const j of missing) {
    let basis = 0;
    for (let t = 1; t < c; t++) if ((colSq[t] as number) < (colSq[basis] as number)) basis = t;
    cand.fill(0);
    cand[basis] = 1;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < r; i++) {
        if (isMissing[i] === 1) continue;
        const proj = dotUnchecked(rows, cand, i * c, 0, c);
        if (proj === 0) continue;
        for (let t = 0; t < c; t++) cand[t] = (cand[t] as number) - proj * (rows[i * c + t] as number);
      }
    }
    const nrm = Math.sqrt(dotUnchecked(cand, cand, 0, 0, c));
    for (let t = 0; t < c; t++) {
      const v = (cand[t] as number) / nrm;
      rows[j * c + t] = v;
      colSq[t] = (colSq[t] as number) + v * v;
    }
    isMissing[j] = 0;
  }
}
