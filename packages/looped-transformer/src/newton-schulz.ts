/**
 * The optional second-order comparison of docs/method.md §c.6: Newton–Schulz iterations for `Ŝ⁻¹`,
 * `Y_0 = Ŝ/‖Ŝ‖_F²`, `Y_{k+1} = Y_k(2I − ŜY_k)`, and `ŵ_k = Y_k Xᵀy/n`. Quadratic convergence:
 * `O(log κ + log log 1/ε)` iterations against GD's `O(κ log 1/ε)`.
 */
import { assertInteger, matmul, matrix64 } from "@descent/core-tensor";
import { crossMoment, secondMoment } from "./condition-number.js";
import { assertPrompt, type RegressionPrompt } from "./prompt.js";

/** Runs `iterations` Newton–Schulz steps and returns the weight estimates `[ŵ_0, …, ŵ_K]`. */
export function newtonSchulz(prompt: RegressionPrompt, iterations: number): Float64Array[] {
  assertPrompt(prompt);
  assertInteger(iterations, "iterations", { min: 0 });
  const d = prompt.X.cols;
  const S = secondMoment(prompt.X);
  let fro2 = 0;
  for (const v of S.data) fro2 += v * v;
  let Y = matrix64(
    d,
    d,
    S.data.map((v) => v / fro2),
  );
  const b = crossMoment(prompt.X, prompt.y);
  const weights = (): Float64Array => {
    const w = new Float64Array(d);
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (Y.data[a * d + c] as number) * (b[c] as number);
      w[a] = s;
    }
    return w;
  };
  const out = [weights()];
  for (let k = 0; k < iterations; k++) {
    const SY = matmul(S, Y);
    const M = matrix64(
      d,
      d,
      SY.data.map((v) => -v),
    );
    for (let j = 0; j < d; j++) M.data[j * d + j] = (M.data[j * d + j] as number) + 2;
    Y = matmul(Y, M);
    out.push(weights());
  }
  return out;
}
