/**
 * Exact solvers of the in-context regression (docs/method.md §c.6 `ols` / `ridge(λ)`): the target GD converges to,
 * and the zero-error baseline for noiseless prompts with `n ≥ d`.
 */
import { assertNonNegative, DescentError, matrix64, solve } from "@descent/core-tensor";
import { crossMoment, secondMoment } from "./condition-number.js";
import { assertPrompt, type RegressionPrompt } from "./prompt.js";

/**
 * Ridge solution `(XᵀX + nλI)⁻¹ Xᵀy` (docs/method.md §c.6). `lambda = 0` is ordinary least squares and needs X of
 * full column rank.
 */
export function ridgeWeights(prompt: RegressionPrompt, lambda: number): Float64Array {
  assertPrompt(prompt);
  assertNonNegative(lambda, "lambda");
  const { rows: n, cols: d } = prompt.X;
  if (lambda === 0 && n < d) {
    throw new DescentError(
      `ols needs n >= d, received n = ${n}, d = ${d}; use ridgeWeights with lambda > 0`,
      {
        parameter: "prompt.X",
        code: "shape",
      },
    );
  }
  // normal equations scaled by 1/n: (Ŝ + λI) w = Xᵀy/n
  const S = secondMoment(prompt.X);
  for (let j = 0; j < d; j++) S.data[j * d + j] = (S.data[j * d + j] as number) + lambda;
  const b = crossMoment(prompt.X, prompt.y);
  const w = solve(S, matrix64(d, 1, b));
  return Float64Array.from(w.data);
}

/** Ordinary least squares `(XᵀX)⁻¹Xᵀy` (docs/method.md §c.6): error 0 on noiseless prompts with `n ≥ d`. */
export function olsWeights(prompt: RegressionPrompt): Float64Array {
  return ridgeWeights(prompt, 0);
}
