/**
 * Float64 singular values of the channel matrices of an image batch (docs/method.md §c.4, h.9): each channel of each
 * sample is one H×W matrix; the SVD itself is core-tensor's thin float64 `svd` (one-sided Jacobi).
 * Tensors are copied to float64 once per batch (one `dataSync`), never per matrix.
 */

/**
 * Thin SVD of a row-major m×n matrix: core-tensor's float64 one-sided Jacobi `svd`, which handles the
 * rank-deficient digits of MNIST (zero borders, numerical rank 10–20 of 28).
 */
export function channelSvd(a: Float64Array, m: number, n: number): SvdResult {
  return svd(matrix64(m, n, a));
}

import {
  assertInteger,
  assertLength,
  DescentError,
  matrix64,
  type SvdResult,
  svd,
  tf,
} from "@descent/core-tensor";

function checkMatrix(a: unknown, m: unknown, n: unknown): asserts a is Float64Array {
  assertInteger(m, "m", { min: 1 });
  assertInteger(n, "n", { min: 1 });
  if (!(a instanceof Float64Array)) {
    throw new DescentError(`a must be a Float64Array (row-major m×n), received ${typeof a}`, {
      parameter: "a",
      code: "type",
    });
  }
  assertLength(a, "a", m * n);
}

/** Singular values (descending, length min(m, n)) of a row-major m×n matrix. */
export function singularValues(a: Float64Array, m: number, n: number): Float64Array {
  checkMatrix(a, m, n);
  return Float64Array.from(channelSvd(a, m, n).S);
}

/** Nuclear norm `Σ σ_i` of a row-major m×n matrix (docs/method.md §b). */
export function nuclearNorm(a: Float64Array, m: number, n: number): number {
  let sum = 0;
  for (const s of singularValues(a, m, n)) sum += s;
  return sum;
}

/** Best rank-r approximation `Ũ_r S_r Ṽ_rᵀ` of a row-major m×n matrix (Eckart–Young; docs/method.md §c.3). */
export function truncateRank(a: Float64Array, m: number, n: number, r: number): Float64Array {
  checkMatrix(a, m, n);
  assertInteger(r, "r", { min: 1 });
  const { U, S, V } = channelSvd(a, m, n);
  const k = Math.min(r, S.length);
  const out = new Float64Array(m * n);
  for (let t = 0; t < k; t++) {
    const s = S[t] as number;
    for (let i = 0; i < m; i++) {
      const ui = (U.data[i * U.cols + t] as number) * s;
      if (ui === 0) continue;
      for (let j = 0; j < n; j++)
        out[i * n + j] = (out[i * n + j] as number) + ui * (V.data[j * V.cols + t] as number);
    }
  }
  return out;
}

/** The channel matrices of an NHWC batch as float64 row-major H×W arrays, sample-major (b·C + c). */
export function channelMatrices64(t: tf.Tensor4D): Float64Array[] {
  const [b, h, w, c] = t.shape;
  const data = t.dataSync();
  const out: Float64Array[] = [];
  for (let s = 0; s < b; s++) {
    for (let ch = 0; ch < c; ch++) {
      const m = new Float64Array(h * w);
      const base = s * h * w * c + ch;
      for (let p = 0; p < h * w; p++) m[p] = data[base + p * c] as number;
      out.push(m);
    }
  }
  return out;
}

/** Replaces every channel of an NHWC tensor by its rank-r truncated SVD (the [code] `PGDL2_proj_r` step). */
export function truncateChannelsToRank(t: tf.Tensor4D, r: number): tf.Tensor4D {
  const [b, h, w, c] = t.shape;
  const out = new Float32Array(t.size);
  channelMatrices64(t).forEach((m, idx) => {
    const trunc = truncateRank(m, h, w, r);
    const s = Math.floor(idx / c);
    const ch = idx % c;
    const base = s * h * w * c + ch;
    for (let p = 0; p < h * w; p++) out[base + p * c] = trunc[p] as number;
  });
  return tf.tensor4d(out, [b, h, w, c]);
}
