/**
 * Power iteration for the dominant eigenvalue of a symmetric matrix or the largest singular value
 * of any matrix (step sizes `1/L`, spectral norms, Lipschitz constants).
 */
import { DescentError } from "../errors.js";
import { Rng } from "../rng.js";
import { assertInteger, assertNonNegative } from "../validate.js";
import type { LinearOperator64 } from "./conjugate-gradient.js";
import { matvec, matvecT } from "./matmul.js";
import { assertFiniteMatrix, assertMatrix, assertVector64, type Matrix64 } from "./matrix.js";
import { dotUnchecked } from "./vector.js";

/** Options of {@link powerIteration}. */
export interface PowerIterationOptions {
  /**
   * `"eigenvalue"`: the eigenvalue of largest magnitude of the symmetric A (with its sign) by
   * iterating `A·x`. `"singular-value"`: the largest singular value of A (any shape) by iterating
   * `Aᵀ·A·x`. Default `"eigenvalue"`.
   */
  target?: "eigenvalue" | "singular-value";
  /** Iteration cap. Default `1000` (our choice). */
  maxIterations?: number;
  /** Stop when the estimate changes by at most `tol` relative. Default `1e-10` (our choice). */
  tol?: number;
  /** Seed of the random start vector (core-tensor `Rng`). Default `0`. */
  seed?: number;
  /** Start vector instead of a random one. */
  x0?: Float64Array;
  /** Dimension of the operator when A is given as a function (target `"eigenvalue"` only). */
  dimension?: number;
  /** Aborts between iterations. */
  signal?: AbortSignal;
}

/** The result of {@link powerIteration}. */
export interface PowerIterationResult {
  /** The dominant eigenvalue (Rayleigh quotient) or the largest singular value. */
  value: number;
  /** The unit eigenvector, or the unit right singular vector for `"singular-value"`. */
  vector: Float64Array;
  /** Iterations performed. */
  iterations: number;
  /** Whether the relative change fell below `tol`. */
  converged: boolean;
}

/**
 * The dominant eigenvalue of a symmetric matrix (or symmetric operator) or the largest singular
 * value of a matrix, by power iteration from a seeded random start.
 *
 * Convergence is linear in the ratio of the two largest magnitudes; when they are (nearly) equal
 * and of opposite sign, the Rayleigh quotient may not settle: check `converged`.
 *
 * @throws {DescentError} code `"shape"` for a non-square A with target `"eigenvalue"` or a missing
 * `dimension`, `"finite"` for NaN input.
 */
export function powerIteration(
  A: Matrix64 | LinearOperator64,
  options: PowerIterationOptions = {},
): PowerIterationResult {
  const target = options.target ?? "eigenvalue";
  const maxIterations = options.maxIterations ?? 1000;
  const tol = options.tol ?? 1e-10;
  assertInteger(maxIterations, "maxIterations", { min: 1 });
  assertNonNegative(tol, "tol");
  let n: number;
  let step: (x: Float64Array, out: Float64Array) => void;
  if (typeof A === "function") {
    if (target !== "eigenvalue") {
      throw new DescentError('target "singular-value" needs A as a matrix', {
        parameter: "target",
        code: "invalid-argument",
      });
    }
    const dim = options.dimension;
    assertInteger(dim, "dimension", { min: 1 });
    n = dim;
    step = A;
  } else {
    assertMatrix(A, "A");
    assertFiniteMatrix(A, "A");
    if (target === "eigenvalue") {
      if (A.rows !== A.cols) {
        throw new DescentError(
          `A must be square for target "eigenvalue", received a ${A.rows}×${A.cols} matrix`,
          {
            parameter: "A",
            code: "shape",
          },
        );
      }
      n = A.rows;
      step = (x, out) => {
        matvec(A, x, out);
      };
    } else {
      n = A.cols;
      const tmp = new Float64Array(A.rows);
      step = (x, out) => {
        matvec(A, x, tmp);
        matvecT(A, tmp, out);
      };
    }
  }
  const x = new Float64Array(n);
  if (options.x0 !== undefined) {
    assertVector64(options.x0, "x0", n);
    x.set(options.x0);
  } else {
    new Rng(options.seed ?? 0).fillNormal(x);
  }
  let nrm = Math.sqrt(dotUnchecked(x, x, 0, 0, n));
  if (!(nrm > 0) || !Number.isFinite(nrm)) {
    throw new DescentError("x0 must be a finite non-zero vector", { parameter: "x0", code: "range" });
  }
  for (let i = 0; i < n; i++) x[i] = (x[i] as number) / nrm;
  const y = new Float64Array(n);
  let estimate = Number.NaN;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    options.signal?.throwIfAborted();
    step(x, y);
    iterations++;
    // Rayleigh quotient xᵀ(Ax) of the unit x (for Aᵀ A it is σ²).
    const rq = dotUnchecked(x, y, 0, 0, n);
    nrm = Math.sqrt(dotUnchecked(y, y, 0, 0, n));
    if (!Number.isFinite(nrm)) {
      throw new DescentError("A produced a non-finite value during power iteration", {
        parameter: "A",
        code: "finite",
      });
    }
    if (nrm === 0) {
      // x lies in the null space: the dominant value is 0 along it (A = 0 or an unlucky start).
      estimate = 0;
      converged = true;
      break;
    }
    for (let i = 0; i < n; i++) x[i] = (y[i] as number) / nrm;
    const change = Math.abs(rq - estimate);
    estimate = rq;
    if (change <= tol * Math.abs(rq)) {
      converged = true;
      break;
    }
  }
  if (target === "singular-value") {
    // Final value from the converged direction: σ = ‖A x‖ for the unit x.
    const s2 = new Float64Array(n);
    step(x, s2);
    const value = Math.sqrt(Math.max(dotUnchecked(x, s2, 0, 0, n), 0));
    return { value, vector: x, iterations, converged };
  }
  const ax = new Float64Array(n);
  step(x, ax);
  return { value: dotUnchecked(x, ax, 0, 0, n), vector: x, iterations, converged };
}
