/**
 * Prompt → Transformer input (docs/method.md §c.1–c.3). Every layout puts the `n` examples first and one extra
 * column (token) last: the query (constructions A, B) or the weight token (construction C). The mask M
 * of eq. (1) hides exactly that last column from keys and values.
 */
import { DescentError, type Matrix64, matrix64 } from "@descent/core-tensor";
import { assertPrompt, type RegressionPrompt } from "./prompt.js";

/**
 * Construction A's residual-stream embedding (docs/method.md §c.1), `D = d+1` rows, `n+1` columns:
 * `Z_0 = [[Xᵀ, x_q], [yᵀ, 0]]`.
 */
export function embedResidual(p: RegressionPrompt): Matrix64 {
  assertPrompt(p);
  const { rows: n, cols: d } = p.X;
  const D = d + 1;
  const N = n + 1;
  const Z = matrix64(D, N);
  for (let j = 0; j < n; j++) {
    for (let a = 0; a < d; a++) Z.data[a * N + j] = p.X.data[j * d + a] as number;
    Z.data[d * N + j] = p.y[j] as number;
  }
  for (let a = 0; a < d; a++) Z.data[a * N + n] = p.xq[a] as number;
  return Z;
}

/**
 * Construction C's weight-token embedding for vector generation (docs/method.md §c.3), `D = 2d+2`, blocks
 * `[a (d); b (1); c (d); e (1)]`: example columns `(x_j, y_j, 0, 0)`, last column `(0, 0, w_0, 1)`.
 *
 * @param w0 the start weights `w_0` (default zeros, docs/method.md §b)
 */
export function embedWeightToken(p: RegressionPrompt, w0?: Float64Array): Matrix64 {
  assertPrompt(p);
  const { rows: n, cols: d } = p.X;
  if (w0 !== undefined && w0.length !== d) {
    throw new DescentError(`w0 must have length ${d}, received length ${w0.length}`, {
      parameter: "w0",
      code: "shape",
    });
  }
  const D = 2 * d + 2;
  const N = n + 1;
  const Z = matrix64(D, N);
  for (let j = 0; j < n; j++) {
    for (let a = 0; a < d; a++) Z.data[a * N + j] = p.X.data[j * d + a] as number;
    Z.data[d * N + j] = p.y[j] as number;
  }
  if (w0 !== undefined) for (let a = 0; a < d; a++) Z.data[(d + 1 + a) * N + n] = w0[a] as number;
  Z.data[(2 * d + 1) * N + n] = 1;
  return Z;
}

/**
 * Construction B's token matrix in von Oswald et al.'s row form (docs/method.md §c.2): `(n+1) × (d+1)`, row `j`
 * is `e_j = (x_j, y_j)`, the last row `e_q = (x_q, 0)`.
 */
export function embedTokens(p: RegressionPrompt): Matrix64 {
  assertPrompt(p);
  const { rows: n, cols: d } = p.X;
  const E = matrix64(n + 1, d + 1);
  for (let j = 0; j < n; j++) {
    for (let a = 0; a < d; a++) E.data[j * (d + 1) + a] = p.X.data[j * d + a] as number;
    E.data[j * (d + 1) + d] = p.y[j] as number;
  }
  for (let a = 0; a < d; a++) E.data[n * (d + 1) + a] = p.xq[a] as number;
  return E;
}

/** Construction A/B read-out: `ŷ = −Z[d, n]`, minus the label slot of the query (docs/method.md §c.1). */
export function readPrediction(Z: Matrix64): number {
  return -(Z.data[(Z.rows - 1) * Z.cols + Z.cols - 1] as number);
}

/** Construction B read-out in token form: `ŷ = −E[n, d]` (docs/method.md §c.2). */
export function readTokenPrediction(E: Matrix64): number {
  return -(E.data[E.rows * E.cols - 1] as number);
}

/** Construction C read-out: the c-block of the last column, `ŵ_T` (docs/method.md §c.3). */
export function readWeights(Z: Matrix64, d: number): Float64Array {
  if (Z.rows !== 2 * d + 2) {
    throw new DescentError(`Z must have 2d+2 = ${2 * d + 2} rows for d = ${d}, received ${Z.rows}`, {
      parameter: "Z",
      code: "shape",
    });
  }
  const w = new Float64Array(d);
  for (let a = 0; a < d; a++) w[a] = Z.data[(d + 1 + a) * Z.cols + Z.cols - 1] as number;
  return w;
}
