/**
 * The condition number that governs the loops needed (docs/method.md §b, c.4, pitfalls 7–8): κ of `Ŝ = XᵀX/n`,
 * i.e. cond(X)², computed in float64 from the symmetric eigendecomposition.
 */
import { DescentError, eigh, type Matrix64, matrix64 } from "@descent/core-tensor";

/** Extreme eigenvalues of `Ŝ = XᵀX/n` and their ratio. */
export interface ConditionNumber {
  /** `κ = λ_max/λ_min` of `XᵀX` (= cond(X)²); `Infinity` when `n < d` or X is rank deficient (docs/method.md §h.8). */
  kappa: number;
  /** Largest eigenvalue of `Ŝ = XᵀX/n`. */
  lambdaMax: number;
  /** Smallest eigenvalue of `Ŝ` (0 when `n < d`). */
  lambdaMin: number;
}

/** `Ŝ = XᵀX/n` (d × d, symmetric). */
export function secondMoment(X: Matrix64): Matrix64 {
  const { rows: n, cols: d } = X;
  const S = matrix64(d, d);
  for (let i = 0; i < n; i++) {
    const off = i * d;
    for (let a = 0; a < d; a++) {
      const xa = (X.data[off + a] as number) / n;
      for (let b = a; b < d; b++)
        S.data[a * d + b] = (S.data[a * d + b] as number) + xa * (X.data[off + b] as number);
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) S.data[a * d + b] = S.data[b * d + a] as number;
  return S;
}

/** `b = Xᵀy/n`, the right-hand side of the scaled normal equations `Ŝw = b`. @internal */
export function crossMoment(X: Matrix64, y: Float64Array): Float64Array {
  const { rows: n, cols: d } = X;
  const b = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++)
      b[j] = (b[j] as number) + ((X.data[i * d + j] as number) * (y[i] as number)) / n;
  }
  return b;
}

/**
 * κ of `XᵀX` with the extreme eigenvalues of `Ŝ = XᵀX/n`. Does not throw for `n < d`: it reports
 * `kappa = Infinity` (docs/method.md §h.8), as for any numerically singular `Ŝ` (λ_min ≤ 1e-14·λ_max).
 *
 * @example conditionNumber(samplePrompt({ d: 10, n: 40, kappa: 100 }).X).kappa // ≈ 100
 */
export function conditionNumber(X: Matrix64): ConditionNumber {
  if (
    X === null ||
    typeof X !== "object" ||
    X.data === undefined ||
    X.data === null ||
    !Number.isInteger(X.rows) ||
    !Number.isInteger(X.cols) ||
    X.rows < 1 ||
    X.cols < 1 ||
    X.data.length !== X.rows * X.cols
  ) {
    throw new DescentError("X must be a non-empty Matrix64", { parameter: "X", code: "shape" });
  }
  for (let i = 0; i < X.data.length; i++) {
    if (!Number.isFinite(X.data[i])) {
      throw new DescentError(`X must contain only finite values, found ${X.data[i]} at index ${i}`, {
        parameter: "X",
        code: "finite",
      });
    }
  }
  const { values } = eigh(secondMoment(X));
  const lambdaMax = values[values.length - 1] as number;
  let lambdaMin = Math.max(0, values[0] as number);
  if (X.rows < X.cols) lambdaMin = 0;
  const singular = lambdaMax <= 0 || lambdaMin <= 1e-14 * lambdaMax;
  return { kappa: singular ? Number.POSITIVE_INFINITY : lambdaMax / lambdaMin, lambdaMax, lambdaMin };
}
