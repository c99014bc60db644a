/**
 * TEMPORARY stand-in for core-tensor's float64 kernels (coming from the linalg helper), with the
 * signatures of the common brief. Removed once `linalg64` is merged into main.
 */
export interface Matrix64 {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function matrix64(rows: number, cols: number, data?: Float64Array): Matrix64 {
  return { rows, cols, data: data ?? new Float64Array(rows * cols) };
}

export function matvec(A: Matrix64, x: Float64Array): Float64Array {
  const out = new Float64Array(A.rows);
  for (let i = 0; i < A.rows; i++) {
    let s = 0;
    const o = i * A.cols;
    for (let j = 0; j < A.cols; j++) s += (A.data[o + j] as number) * (x[j] as number);
    out[i] = s;
  }
  return out;
}

export function matvecT(A: Matrix64, x: Float64Array): Float64Array {
  const out = new Float64Array(A.cols);
  for (let i = 0; i < A.rows; i++) {
    const xi = x[i] as number;
    const o = i * A.cols;
    for (let j = 0; j < A.cols; j++) out[j] = (out[j] as number) + xi * (A.data[o + j] as number);
  }
  return out;
}

export function matmul(
  A: Matrix64,
  B: Matrix64,
  opts: { transA?: boolean; transB?: boolean } = {},
): Matrix64 {
  const m = opts.transA ? A.cols : A.rows;
  const k = opts.transA ? A.rows : A.cols;
  const n = opts.transB ? B.rows : B.cols;
  const C = matrix64(m, n);
  for (let i = 0; i < m; i++)
    for (let l = 0; l < k; l++) {
      const a = opts.transA ? (A.data[l * A.cols + i] as number) : (A.data[i * A.cols + l] as number);
      for (let j = 0; j < n; j++) {
        const b = opts.transB ? (B.data[j * B.cols + l] as number) : (B.data[l * B.cols + j] as number);
        C.data[i * n + j] = (C.data[i * n + j] as number) + a * b;
      }
    }
  return C;
}

export function weightedGram(X: Matrix64, w: Float64Array): Matrix64 {
  const p = X.cols;
  const G = matrix64(p, p);
  for (let i = 0; i < X.rows; i++) {
    const o = i * p;
    const wi = w[i] as number;
    for (let j = 0; j < p; j++) {
      const a = wi * (X.data[o + j] as number);
      for (let k = 0; k <= j; k++)
        G.data[j * p + k] = (G.data[j * p + k] as number) + a * (X.data[o + k] as number);
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) G.data[k * p + j] = G.data[j * p + k] as number;
  return G;
}

export function gramRows(X: Matrix64, w: Float64Array): Matrix64 {
  const n = X.rows;
  const p = X.cols;
  const G = matrix64(n, n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k <= i; k++) {
      let s = 0;
      for (let j = 0; j < p; j++)
        s += (X.data[i * p + j] as number) * (w[j] as number) * (X.data[k * p + j] as number);
      G.data[i * n + k] = s;
      G.data[k * n + i] = s;
    }
  return G;
}

export function cholesky(A: Matrix64, _opts: { jitter?: number } = {}): Matrix64 {
  const n = A.rows;
  const L = matrix64(n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = A.data[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (L.data[i * n + k] as number) * (L.data[j * n + k] as number);
      if (i === j) {
        if (!(s > 0)) throw new Error(`not positive definite at pivot ${i}`);
        L.data[i * n + i] = Math.sqrt(s);
      } else L.data[i * n + j] = s / (L.data[j * n + j] as number);
    }
  return L;
}

export function choleskySolve(L: Matrix64, b: Float64Array): Float64Array {
  const n = L.rows;
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i] as number;
    for (let k = 0; k < i; k++) s -= (L.data[i * n + k] as number) * (x[k] as number);
    x[i] = s / (L.data[i * n + i] as number);
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i] as number;
    for (let k = i + 1; k < n; k++) s -= (L.data[k * n + i] as number) * (x[k] as number);
    x[i] = s / (L.data[i * n + i] as number);
  }
  return x;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
export function norm1(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] as number);
  return s;
}
export function norm2(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) ** 2;
  return Math.sqrt(s);
}
export function normInf(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s = Math.max(s, Math.abs(a[i] as number));
  return s;
}

export function conjugateGradient(
  applyA: (x: Float64Array, out: Float64Array) => void,
  b: Float64Array,
  opts: { x0?: Float64Array; tol?: number; maxIterations?: number; preconditioner?: Float64Array } = {},
): { x: Float64Array; iterations: number; residualNorm: number } {
  const n = b.length;
  const x = opts.x0 ? Float64Array.from(opts.x0) : new Float64Array(n);
  const tol = opts.tol ?? 1e-10;
  const maxIt = opts.maxIterations ?? n;
  const d = opts.preconditioner;
  const Ax = new Float64Array(n);
  applyA(x, Ax);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = (b[i] as number) - (Ax[i] as number);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = d ? (r[i] as number) / (d[i] as number) : (r[i] as number);
  const s = Float64Array.from(z);
  let rz = dot(r, z);
  const As = new Float64Array(n);
  let it = 0;
  for (; it < maxIt; it++) {
    if (norm2(r) < tol) break;
    applyA(s, As);
    const alpha = rz / dot(s, As);
    for (let i = 0; i < n; i++) {
      x[i] = (x[i] as number) + alpha * (s[i] as number);
      r[i] = (r[i] as number) - alpha * (As[i] as number);
    }
    for (let i = 0; i < n; i++) z[i] = d ? (r[i] as number) / (d[i] as number) : (r[i] as number);
    const rzNew = dot(r, z);
    const bcoef = rzNew / rz;
    rz = rzNew;
    for (let i = 0; i < n; i++) s[i] = (z[i] as number) + bcoef * (s[i] as number);
  }
  return { x, iterations: it, residualNorm: norm2(r) };
}
