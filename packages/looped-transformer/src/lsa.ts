/**
 * Linear self-attention and its looped form (docs/method.md §b, eq. (1)):
 * `Attn(Z; P, Q) = P · Z M Zᵀ · Q · Z` and `Z_{t+1} = Z_t + s·(1/n)·Attn(Z_t; P, Q)` with the same
 * `(P, Q)` every loop. The sign `s` is −1 for construction A (eq. (1)) and +1 for construction C (docs/method.md
 * §c.3, where −η sits inside P) — docs/method.md §h.1. No softmax, no MLP, no layer norm.
 */
import {
  assertInteger,
  assertOneOf,
  DescentError,
  gramRows,
  type Matrix64,
  matmul,
  matrix64,
} from "@descent/core-tensor";

/** One linear attention head: value projection `P` and key-query product `Q`, both `D × D`. */
export interface LsaWeights {
  P: Matrix64;
  Q: Matrix64;
}

/** Residual sign of eq. (1): `−1` (construction A) or `+1` (construction C). */
export type ResidualSign = 1 | -1;

/** Options of {@link lsaStep} and the forward passes. */
export interface LsaStepOptions {
  /** Residual sign `s` (docs/method.md §h.1). Default `-1`, eq. (1). */
  sign?: ResidualSign;
  /**
   * Apply the mask M that hides the last column from keys/values (docs/method.md §b, pitfall 2). Default `true`;
   * `false` exists only to show what the mask is for (docs/method.md §f.3).
   */
  mask?: boolean;
}

/** The mask diagonal of `M = diag(1, …, 1, 0)` for `N = n+1` columns (or all ones without masking). */
export function maskDiagonal(columns: number, masked = true): Float64Array {
  const m = new Float64Array(columns).fill(1);
  if (masked) m[columns - 1] = 0;
  return m;
}

function assertLsaShapes(Z: Matrix64, w: LsaWeights): void {
  if (Z === null || typeof Z !== "object" || Z.data === undefined || Z.cols < 2) {
    throw new DescentError("Z must be a Matrix64 with at least 2 columns (n ≥ 1 examples + 1 extra token)", {
      parameter: "Z",
      code: "shape",
    });
  }
  for (const [name, M] of [
    ["weights.P", w.P],
    ["weights.Q", w.Q],
  ] as const) {
    if (M === undefined || M.rows !== Z.rows || M.cols !== Z.rows) {
      throw new DescentError(
        `${name} must be ${Z.rows} × ${Z.rows} to match Z, received ${M?.rows} × ${M?.cols}`,
        {
          parameter: name,
          code: "shape",
        },
      );
    }
  }
}

/** `Attn(Z; P, Q) = P · Z M Zᵀ · Q · Z` (docs/method.md §b), a `D × (n+1)` matrix. */
export function attention(Z: Matrix64, w: LsaWeights, masked = true): Matrix64 {
  assertLsaShapes(Z, w);
  const S = gramRows(Z, maskDiagonal(Z.cols, masked)); // Z M Zᵀ
  return matmul(matmul(w.P, S), matmul(w.Q, Z));
}

/** One LSA layer with residual: `Z + s·(1/n)·Attn(Z)`, where `n = Z.cols − 1` (eq. (1)). */
export function lsaStep(Z: Matrix64, w: LsaWeights, opts: LsaStepOptions = {}): Matrix64 {
  const sign = opts.sign ?? -1;
  assertOneOf(sign, "sign", [1, -1] as const);
  const A = attention(Z, w, opts.mask ?? true);
  const c = sign / (Z.cols - 1);
  const out = matrix64(Z.rows, Z.cols);
  for (let i = 0; i < out.data.length; i++) out.data[i] = (Z.data[i] as number) + c * (A.data[i] as number);
  return out;
}

/** Result of a forward pass: the last state and, on request, every state `Z_0 … Z_T`. */
export interface LsaForwardResult {
  Z: Matrix64;
  trace?: Matrix64[];
}

/**
 * The looped Transformer: the same layer applied `loops` times (docs/method.md §b, eq. (1)).
 *
 * @example
 * ```ts
 * const Z = loopedForward(embedResidual(p), gdWeightsResidual(5, 0.5), 10).Z;
 * readPrediction(Z); // = x_qᵀ w_10 of GD with η = 0.5
 * ```
 */
export function loopedForward(
  Z0: Matrix64,
  w: LsaWeights,
  loops: number,
  opts: LsaStepOptions & { keepTrace?: boolean } = {},
): LsaForwardResult {
  assertInteger(loops, "loops", { min: 0 });
  return stackedForward(Z0, new Array<LsaWeights>(loops).fill(w), opts);
}

/** A T-layer (not looped) model with weights `(P_t, Q_t)` per layer (docs/method.md §b; Ahn et al. 2023). */
export function stackedForward(
  Z0: Matrix64,
  layers: readonly LsaWeights[],
  opts: LsaStepOptions & { keepTrace?: boolean } = {},
): LsaForwardResult {
  for (const w of layers) assertLsaShapes(Z0, w);
  let Z = Z0;
  const trace = opts.keepTrace ? [Z0] : undefined;
  for (const w of layers) {
    Z = lsaStep(Z, w, opts);
    trace?.push(Z);
  }
  return trace === undefined ? { Z } : { Z, trace };
}
