/**
 * Accuracy of core-tensor's float64 solvers on seeded matrices with known answers (issue 2, item 3):
 * residuals, reconstruction errors, orthogonality and forward errors against a planted solution or
 * spectrum. Each check is a relative error; double precision makes ~n·ε ≈ 1e-14 the floor, and a
 * forward error is bounded by the condition number times that.
 */
import {
  axpy,
  cholesky,
  choleskySolve,
  conjugateGradient,
  eigh,
  identity,
  type Matrix64,
  matmul,
  matvec,
  norm2,
  qr,
  Rng,
  randomNormalMatrix,
  randomOrthogonal,
  randomSymmetric,
  solve,
  svd,
} from "@descent/core-tensor";

/** What a check measures; it sets the tolerance. */
export type AccuracyKind = "backward" | "forward" | "cg";

/** One measured check. */
export interface AccuracyRow {
  method: string;
  n: number;
  check: string;
  /** The relative error measured. */
  error: number;
  /** Backward error (residual, reconstruction, orthogonality), forward error, or CG's residual. */
  kind: AccuracyKind;
  /** The largest value we accept for it (see {@link toleranceFor}). */
  tolerance: number;
  /** Wall time of the factorisation/solve, in milliseconds. */
  ms: number;
}

/** Condition number of the planted SPD and eigen test matrices (our choice: hard but not hopeless). */
export const CONDITION = 1e4;

function frobenius(data: Float64Array): number {
  return norm2(data);
}

function minus(a: Matrix64, b: Matrix64): Float64Array {
  const out = a.data.slice();
  axpy(-1, b.data, out);
  return out;
}

function relativeVectorError(x: Float64Array, truth: Float64Array): number {
  const d = x.slice();
  axpy(-1, truth, d);
  return norm2(d) / norm2(truth);
}

/** ‖QᵀQ − I‖_F for a matrix with orthonormal columns. */
function orthogonalityError(Q: Matrix64): number {
  return frobenius(minus(matmul(Q, Q, { transA: true }), identity(Q.cols)));
}

/** Log-spaced eigenvalues from 1 to `CONDITION`. */
function plantedSpectrum(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => CONDITION ** (n === 1 ? 0 : i / (n - 1)));
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

const EPS = Number.EPSILON;

/**
 * Tolerances: backward quantities (residuals, reconstructions, orthogonality) within `100·n·ε`;
 * forward errors of an ill-conditioned solve within `100·κ·n·ε`; CG to its stopping tolerance.
 */
export function toleranceFor(kind: AccuracyKind, n: number): number {
  if (kind === "cg") return 1e-9;
  return kind === "backward" ? 100 * n * EPS : 100 * CONDITION * n * EPS;
}

/** Runs every solver at size `n` on matrices drawn from `seed`; returns one row per check. */
export function measureSolverAccuracy(n: number, seed: number): AccuracyRow[] {
  const rng = new Rng(seed);
  const rows: AccuracyRow[] = [];
  const add = (method: string, check: string, error: number, kind: AccuracyKind, ms: number) =>
    rows.push({ method, n, check, error, kind, tolerance: toleranceFor(kind, n), ms });

  // SPD system with a planted solution: A = Q diag(λ) Qᵀ, b = A x*.
  const lambda = plantedSpectrum(n);
  const { A } = randomSymmetric(rng.fork(), lambda);
  const xTrue = rng.normalArray(n);
  const b = matvec(A, xTrue);
  const normA = frobenius(A.data);

  const chol = timed(() => {
    const L = cholesky(A);
    return { L, x: choleskySolve(L, b) };
  });
  add(
    "Cholesky",
    "‖LLᵀ − A‖_F / ‖A‖_F",
    frobenius(minus(matmul(chol.value.L, chol.value.L, { transB: true }), A)) / normA,
    "backward",
    chol.ms,
  );
  add("Cholesky", "‖x − x*‖ / ‖x*‖ (κ = 1e4)", relativeVectorError(chol.value.x, xTrue), "forward", chol.ms);

  // General (non-symmetric) system: G Gaussian, b = G x*.
  const G = randomNormalMatrix(rng.fork(), n, n);
  const bG = matvec(G, xTrue);
  const lu = timed(() => solve(G, bG));
  const r = matvec(G, lu.value);
  axpy(-1, bG, r);
  add(
    "LU solve",
    "‖Gx − b‖ / (‖G‖_F‖x‖)",
    norm2(r) / (frobenius(G.data) * norm2(lu.value)),
    "backward",
    lu.ms,
  );

  // Thin Householder QR of a tall Gaussian matrix (2n × n): reconstruction and orthogonality.
  const T = randomNormalMatrix(rng.fork(), 2 * n, n);
  const qrf = timed(() => qr(T));
  const { Q, R } = qrf.value;
  add(
    "QR",
    "‖QR − T‖_F / ‖T‖_F (2n × n)",
    frobenius(minus(matmul(Q, R), T)) / frobenius(T.data),
    "backward",
    qrf.ms,
  );
  add("QR", "‖QᵀQ − I‖_F", orthogonalityError(Q), "backward", qrf.ms);

  // Symmetric eigendecomposition of the planted spectrum.
  const eig = timed(() => eigh(A));
  const { values, vectors } = eig.value;
  let worst = 0;
  for (let i = 0; i < n; i++)
    worst = Math.max(worst, Math.abs((values[i] as number) - (lambda[i] as number)));
  add("eigh", "max|λ − λ*| / max λ*", worst / CONDITION, "backward", eig.ms);
  const AV = matmul(A, vectors);
  const VL = { ...vectors, data: vectors.data.map((v, k) => v * (values[k % n] as number)) };
  add("eigh", "‖AV − VΛ‖_F / ‖A‖_F", frobenius(minus(AV, VL)) / normA, "backward", eig.ms);
  add("eigh", "‖VᵀV − I‖_F", orthogonalityError(vectors), "backward", eig.ms);

  // Thin SVD of a matrix with planted singular values σ_i = λ_i (U, V random orthogonal).
  const U0 = randomOrthogonal(rng.fork(), n);
  const V0 = randomOrthogonal(rng.fork(), n);
  const sigma = lambda.slice().reverse();
  const US = { ...U0, data: U0.data.map((v, k) => v * (sigma[k % n] as number)) };
  const M = matmul(US, V0, { transB: true });
  const sv = timed(() => svd(M));
  const { U, S, V } = sv.value;
  let worstS = 0;
  for (let i = 0; i < n; i++) worstS = Math.max(worstS, Math.abs((S[i] as number) - (sigma[i] as number)));
  add("SVD", "max|σ − σ*| / σ₁", worstS / CONDITION, "backward", sv.ms);
  const USv = { ...U, data: U.data.map((v, k) => v * (S[k % U.cols] as number)) };
  add(
    "SVD",
    "‖UΣVᵀ − M‖_F / ‖M‖_F",
    frobenius(minus(matmul(USv, V, { transB: true }), M)) / frobenius(M.data),
    "backward",
    sv.ms,
  );
  add(
    "SVD",
    "max(‖UᵀU − I‖_F, ‖VᵀV − I‖_F)",
    Math.max(orthogonalityError(U), orthogonalityError(V)),
    "backward",
    sv.ms,
  );

  // Conjugate gradient on the SPD system (κ = 1e4; √κ = 100 bounds the iteration count's growth).
  const cg = timed(() => conjugateGradient(A, b, { tol: 1e-12, maxIterations: 20 * n }));
  add("CG", `‖Ax − b‖ / ‖b‖ (${cg.value.iterations} iterations)`, cg.value.relativeResidual, "cg", cg.ms);
  add("CG", "‖x − x*‖ / ‖x*‖ (κ = 1e4)", relativeVectorError(cg.value.x, xTrue), "forward", cg.ms);
  return rows;
}
