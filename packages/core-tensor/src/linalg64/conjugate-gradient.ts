/**
 * Preconditioned conjugate gradient for symmetric positive definite systems `A·x = b`, with A
 * given as a matrix or as a matrix-free operator `(x, out) => void` (Hessian–vector products,
 * Gram operators `Xᵀ W X v` that are never formed, ...).
 */
import { DescentError, describeValue } from "../errors.js";
import { assertInteger, assertNonNegative } from "../validate.js";
import { matvec } from "./matmul.js";
import { assertFiniteVector, assertMatrix, assertVector64, type Matrix64 } from "./matrix.js";
import { dotUnchecked } from "./vector.js";

/** A symmetric linear operator: writes `A·x` into `out` (which it must fully overwrite). */
export type LinearOperator64 = (x: Float64Array, out: Float64Array) => void;

/** A preconditioner: writes `M⁻¹·r` into `out` (M symmetric positive definite, M ≈ A). */
export type Preconditioner64 = (r: Float64Array, out: Float64Array) => void;

/** Options of {@link conjugateGradient}. */
export interface ConjugateGradientOptions {
  /** Starting point. Default the zero vector. */
  x0?: Float64Array;
  /** Stop when `‖b − A·x‖₂ ≤ tol·‖b‖₂`. Default `1e-10` (our choice). `0` runs all iterations. */
  tol?: number;
  /** Iteration cap. Default `10·n` (our choice: exact arithmetic needs n; rounding may need more). */
  maxIterations?: number;
  /**
   * Preconditioner: `"jacobi"` (the diagonal of A; A must be a matrix), the diagonal of M as a
   * vector (`M⁻¹r = r ./ diag`), or a function applying `M⁻¹`. Default none.
   */
  preconditioner?: "jacobi" | Float64Array | Preconditioner64;
  /** Called after every iteration with the iteration count and the relative residual. */
  onProgress?: (info: { iteration: number; relativeResidual: number }) => void;
  /** Aborts between iterations (throws the signal's reason). */
  signal?: AbortSignal;
}

/** The result of {@link conjugateGradient}. */
export interface ConjugateGradientResult {
  /** The approximate solution. */
  x: Float64Array;
  /** Iterations performed. */
  iterations: number;
  /** `‖b − A·x‖₂`, recomputed from the returned x. */
  residualNorm: number;
  /** `residualNorm / ‖b‖₂` (the residual norm itself when b = 0). */
  relativeResidual: number;
  /** Whether `relativeResidual ≤ tol` was reached. */
  converged: boolean;
}

/**
 * Solves the symmetric positive definite system `A·x = b` by (preconditioned) conjugate gradients
 * (Hestenes & Stiefel 1952; Saad, *Iterative Methods*, Alg. 9.1).
 *
 * @throws {DescentError} code `"shape"` on mismatched sizes, `"finite"` on NaN in b or x0 or in an
 * operator output, `"not-positive-definite"` when a search direction has `pᵀAp ≤ 0` (or the
 * preconditioner `rᵀM⁻¹r ≤ 0`).
 *
 * @example
 * ```ts
 * const { x } = conjugateGradient(A, b, { preconditioner: "jacobi" });
 * ```
 */
export function conjugateGradient(
  A: Matrix64 | LinearOperator64,
  b: Float64Array,
  options: ConjugateGradientOptions = {},
): ConjugateGradientResult {
  assertVector64(b, "b");
  assertFiniteVector(b, "b");
  const n = b.length;
  let apply: LinearOperator64;
  if (typeof A === "function") {
    apply = A;
  } else {
    assertMatrix(A, "A");
    if (A.rows !== n || A.cols !== n) {
      throw new DescentError(`A must be ${n}×${n} to match b, received a ${A.rows}×${A.cols} matrix`, {
        parameter: "A",
        code: "shape",
      });
    }
    apply = (x, out) => {
      matvec(A, x, out);
    };
  }
  const tol = options.tol ?? 1e-10;
  assertNonNegative(tol, "tol");
  const maxIterations = options.maxIterations ?? 10 * n;
  assertInteger(maxIterations, "maxIterations", { min: 0 });
  const precondition = resolvePreconditioner(options.preconditioner, A, n);
  const x = new Float64Array(n);
  if (options.x0 !== undefined) {
    assertVector64(options.x0, "x0", n);
    assertFiniteVector(options.x0, "x0");
    x.set(options.x0);
  }
  const r = new Float64Array(n);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  const bNorm = Math.sqrt(dotUnchecked(b, b, 0, 0, n));
  const ref = bNorm > 0 ? bNorm : 1;
  const residual = (): number => {
    apply(x, q);
    checkOperatorOutput(q);
    for (let i = 0; i < n; i++) r[i] = (b[i] as number) - (q[i] as number);
    return Math.sqrt(dotUnchecked(r, r, 0, 0, n));
  };
  let rNorm = residual();
  let iterations = 0;
  if (rNorm > tol * ref && n > 0) {
    precondition(r, z);
    p.set(z);
    let rz = dotUnchecked(r, z, 0, 0, n);
    if (!(rz > 0)) throw notPd("preconditioner", `rᵀM⁻¹r = ${describeValue(rz)}`);
    while (iterations < maxIterations) {
      options.signal?.throwIfAborted();
      apply(p, q);
      checkOperatorOutput(q);
      const pq = dotUnchecked(p, q, 0, 0, n);
      if (!(pq > 0)) throw notPd("A", `pᵀAp = ${describeValue(pq)} at iteration ${iterations}`);
      const alpha = rz / pq;
      for (let i = 0; i < n; i++) {
        x[i] = (x[i] as number) + alpha * (p[i] as number);
        r[i] = (r[i] as number) - alpha * (q[i] as number);
      }
      iterations++;
      rNorm = Math.sqrt(dotUnchecked(r, r, 0, 0, n));
      options.onProgress?.({ iteration: iterations, relativeResidual: rNorm / ref });
      if (rNorm <= tol * ref) break;
      precondition(r, z);
      const rzNext = dotUnchecked(r, z, 0, 0, n);
      if (!(rzNext > 0)) throw notPd("preconditioner", `rᵀM⁻¹r = ${describeValue(rzNext)}`);
      const betaCg = rzNext / rz;
      rz = rzNext;
      for (let i = 0; i < n; i++) p[i] = (z[i] as number) + betaCg * (p[i] as number);
    }
    // The recursively updated residual drifts from the true one; report the true residual.
    rNorm = residual();
  }
  const relativeResidual = rNorm / ref;
  return { x, iterations, residualNorm: rNorm, relativeResidual, converged: relativeResidual <= tol };
}

function notPd(parameter: string, detail: string): DescentError {
  return new DescentError(`${parameter} is not positive definite: ${detail}`, {
    parameter,
    code: "not-positive-definite",
  });
}

function checkOperatorOutput(q: Float64Array): void {
  for (let i = 0; i < q.length; i++) {
    if (!Number.isFinite(q[i] as number)) {
      throw new DescentError(`A produced a non-finite value ${describeValue(q[i] as number)} at index ${i}`, {
        parameter: "A",
        code: "finite",
      });
    }
  }
}

function resolvePreconditioner(
  pre: ConjugateGradientOptions["preconditioner"],
  A: Matrix64 | LinearOperator64,
  n: number,
): Preconditioner64 {
  if (pre === undefined) return (r, out) => out.set(r);
  if (typeof pre === "function") return pre;
  let diag: Float64Array;
  if (pre === "jacobi") {
    if (typeof A === "function") {
      throw new DescentError(
        'preconditioner "jacobi" needs A as a matrix; pass the diagonal as a Float64Array',
        {
          parameter: "preconditioner",
          code: "invalid-argument",
        },
      );
    }
    diag = new Float64Array(n);
    for (let i = 0; i < n; i++) diag[i] = A.data[i * n + i] as number;
  } else if (pre instanceof Float64Array) {
    assertVector64(pre, "preconditioner", n);
    diag = pre;
  } else {
    throw new DescentError(
      `preconditioner must be "jacobi", a Float64Array or a function, received ${describeValue(pre)}`,
      { parameter: "preconditioner", code: "invalid-argument" },
    );
  }
  for (let i = 0; i < n; i++) {
    const v = diag[i] as number;
    if (!(v > 0) || !Number.isFinite(v)) {
      throw new DescentError(
        `preconditioner diagonal must be positive and finite, found ${describeValue(v)} at index ${i}`,
        { parameter: "preconditioner", code: "not-positive-definite" },
      );
    }
  }
  const inv = new Float64Array(n);
  for (let i = 0; i < n; i++) inv[i] = 1 / (diag[i] as number);
  return (r, out) => {
    for (let i = 0; i < n; i++) out[i] = (r[i] as number) * (inv[i] as number);
  };
}
