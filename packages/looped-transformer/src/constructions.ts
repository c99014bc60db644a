/**
 * Closed-form weights that make one LSA loop equal one (preconditioned) GD step: construction A
 * (residual read-out, docs/method.md §c.1), construction B (von Oswald et al.'s token form, docs/method.md §c.2, with the
 * optional GD++ curvature correction) and construction C (weight-token read-out for vector generation,
 * docs/method.md §c.3).
 */
import {
  assertFiniteNumber,
  assertInteger,
  assertPositive,
  assertShape,
  DescentError,
  type Matrix64,
  matmul,
  matrix64,
  weightedGram,
} from "@descent/core-tensor";
import { embedTokens, readTokenPrediction } from "./embedding.js";
import type { LsaWeights } from "./lsa.js";
import { maskDiagonal } from "./lsa.js";
import { assertPrompt, type RegressionPrompt } from "./prompt.js";

function preconditioner(d: number, A: Matrix64 | number, parameter: string): Matrix64 {
  if (typeof A === "number") {
    assertFiniteNumber(A, parameter);
    const M = matrix64(d, d);
    for (let i = 0; i < d; i++) M.data[i * d + i] = A;
    return M;
  }
  assertShape([A.rows, A.cols], parameter, [d, d]);
  for (let i = 0; i < A.data.length; i++) {
    if (!Number.isFinite(A.data[i])) {
      throw new DescentError(
        `${parameter} must contain only finite values, found ${A.data[i]} at index ${i}`,
        {
          parameter,
          code: "finite",
        },
      );
    }
  }
  return A;
}

/**
 * Construction A (docs/method.md §c.1), `D = d+1`: `P = [[0, 0], [0, 1]]`, `Q = [[A, 0], [0, 0]]`. With eq. (1)
 * (sign −1) each loop is `w ← w + (1/n) AᵀXᵀ(y − Xw)`: GD with step η for `A = ηI`, preconditioned GD
 * with preconditioner `Aᵀ` in general.
 *
 * @param A a scalar step η (meaning `ηI`) or a `d × d` matrix
 */
export function gdWeightsResidual(d: number, A: Matrix64 | number): LsaWeights {
  assertInteger(d, "d", { min: 1 });
  const M = preconditioner(d, A, "A");
  const D = d + 1;
  const P = matrix64(D, D);
  P.data[D * D - 1] = 1;
  const Q = matrix64(D, D);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) Q.data[i * D + j] = M.data[i * d + j] as number;
  return { P, Q };
}

/**
 * Construction C (docs/method.md §c.3), `D = 2d+2`, blocks `[a; b; c; e]`: Q maps the c-block to the a-block
 * (identity) and the e-block to the b-block with −1; P maps the a-block to the c-block with `−A`.
 * With sign +1 in eq. (1) each loop is `w ← w − A ∇L(w)` on the weight token.
 *
 * @param eta a scalar step η (meaning `A = ηI`) or a `d × d` preconditioner A
 */
export function gdWeightsWeightToken(d: number, eta: Matrix64 | number): LsaWeights {
  assertInteger(d, "d", { min: 1 });
  const A = preconditioner(d, eta, "eta");
  const D = 2 * d + 2;
  const P = matrix64(D, D);
  const Q = matrix64(D, D);
  for (let i = 0; i < d; i++) {
    Q.data[i * D + (d + 1 + i)] = 1; // a ← c
    for (let j = 0; j < d; j++) P.data[(d + 1 + i) * D + j] = -(A.data[i * d + j] as number); // c ← −A a
  }
  Q.data[d * D + (2 * d + 1)] = -1; // b ← −e
  return { P, Q };
}

/** Construction A's `A` block read back from weights: the top-left `d × d` block of `Q`. */
export function residualPreconditioner(w: LsaWeights, d: number): Matrix64 {
  const D = w.Q.rows;
  const A = matrix64(d, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) A.data[i * d + j] = w.Q.data[i * D + j] as number;
  return A;
}

/** Construction C's `A` read back from weights: minus the (c-row, a-column) block of `P`. */
export function weightTokenPreconditioner(w: LsaWeights, d: number): Matrix64 {
  const D = w.P.rows;
  const A = matrix64(d, d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) A.data[i * d + j] = -(w.P.data[(d + 1 + i) * D + j] as number);
  }
  return A;
}

/** von Oswald et al.'s layer in token form (docs/method.md §c.2): key, query and value matrices and the step. */
export interface VonOswaldLayer {
  WK: Matrix64;
  WQ: Matrix64;
  WV: Matrix64;
  /** The step η multiplying the update, `e_k ← e_k + (η/n) Σ_j (W_V e_j)(W_K e_j)ᵀ(W_Q e_k)`. */
  eta: number;
}

/**
 * Construction B (docs/method.md §c.2, von Oswald et al. 2023, Prop. 1): `W_K = W_Q = [[I, 0], [0, 0]]`,
 * `W_V = [[−(γ/η)I, 0], [W_0, −1]]` with `W_0 = 0`. `gamma = 0` (default) is plain GD; `gamma > 0` adds
 * GD++'s input transform `x_j ← (I − γŜ)x_j` (docs/method.md §c.2).
 */
export function vonOswaldLayer(d: number, eta: number, opts: { gamma?: number } = {}): VonOswaldLayer {
  assertInteger(d, "d", { min: 1 });
  assertPositive(eta, "eta");
  const gamma = opts.gamma ?? 0;
  assertFiniteNumber(gamma, "gamma");
  const D = d + 1;
  const WK = matrix64(D, D);
  const WV = matrix64(D, D);
  for (let i = 0; i < d; i++) {
    WK.data[i * D + i] = 1;
    WV.data[i * D + i] = -gamma / eta;
  }
  WV.data[D * D - 1] = -1;
  return { WK, WQ: matrix64(D, D, Float64Array.from(WK.data)), WV, eta };
}

/**
 * One construction-B layer on the token rows `E` ((n+1) × (d+1)); the last row (query) is masked out
 * of keys and values (docs/method.md §h.2). In row form: `E ← E + (η/n) E W_Qᵀ W_K C W_Vᵀ`, `C = Eᵀ M E`.
 */
export function vonOswaldStep(E: Matrix64, layer: VonOswaldLayer): Matrix64 {
  const D = layer.WK.rows;
  assertShape([E.cols], "E.cols", [D]);
  const n = E.rows - 1;
  const C = weightedGram(E, maskDiagonal(E.rows)); // Σ_{j≤n} e_j e_jᵀ
  const K = matmul(matmul(layer.WQ, layer.WK, { transA: true }), matmul(C, layer.WV, { transB: true }));
  const U = matmul(E, K);
  const c = layer.eta / n;
  const out = matrix64(E.rows, E.cols);
  for (let i = 0; i < out.data.length; i++) out.data[i] = (E.data[i] as number) + c * (U.data[i] as number);
  return out;
}

/** Construction B's predictions `[ŷ_0, …, ŷ_T]` after stacking T identical layers (docs/method.md §c.2). */
export function vonOswaldPredictions(
  prompt: RegressionPrompt,
  layer: VonOswaldLayer,
  loops: number,
): number[] {
  assertPrompt(prompt);
  assertInteger(loops, "loops", { min: 0 });
  let E = embedTokens(prompt);
  const out = [readTokenPrediction(E)];
  for (let t = 0; t < loops; t++) {
    E = vonOswaldStep(E, layer);
    out.push(readTokenPrediction(E));
  }
  return out;
}

/**
 * von Oswald et al.'s GD++ (docs/method.md §c.6, optional comparison): T construction-B layers with the curvature
 * correction `x_j ← (I − γŜ)x_j`; returns the query predictions `[ŷ_0, …, ŷ_T]`.
 */
export function gdPlusPlus(
  prompt: RegressionPrompt,
  opts: { steps: number; eta: number; gamma: number },
): number[] {
  assertPrompt(prompt);
  return vonOswaldPredictions(
    prompt,
    vonOswaldLayer(prompt.X.cols, opts.eta, { gamma: opts.gamma }),
    opts.steps,
  );
}
