// Blocked Cholesky factorisation and blocked triangular solves with many right-hand sides; the
// bulk of the flops of both goes through the packed GEMM.
import { axpy, dot, scale } from "./dot";
import { gemm } from "./gemm";

/** Column-block width of the factorisation and of the solves (our choice, measured). */
export const FACTOR_BLOCK: i32 = 96;

let failedPivot: f64 = 0.0;

/** The pivot value at which the last {@link cholesky} call that returned ≥ 0 broke down. */
export function lastFailedPivot(): f64 {
  return failedPivot;
}

/**
 * Finishes columns k0..k1−1 of rows i..i+3 (all below the diagonal block, which must be done):
 * `l[r, j] = (l[r, j] − l[r, k0:j]·l[j, k0:j]) / l[j, j]`, the four rows interleaved.
 */
function panelRows4(l: usize, n: i32, i: i32, k0: i32, k1: i32): void {
  const row = <usize>n * 8;
  const r0 = l + <usize>i * row;
  const r1 = r0 + row;
  const r2 = r1 + row;
  const r3 = r2 + row;
  for (let j = k0; j < k1; j++) {
    const rj = l + <usize>j * row + <usize>k0 * 8;
    const len = j - k0;
    let s0 = f64x2.splat(0.0);
    let s1 = f64x2.splat(0.0);
    let s2 = f64x2.splat(0.0);
    let s3 = f64x2.splat(0.0);
    const off0 = <usize>k0 * 8;
    let t = 0;
    for (; t + 1 < len; t += 2) {
      const o = off0 + <usize>t * 8;
      const v = v128.load(rj + <usize>t * 8);
      s0 = f64x2.add(s0, f64x2.mul(v128.load(r0 + o), v));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(r1 + o), v));
      s2 = f64x2.add(s2, f64x2.mul(v128.load(r2 + o), v));
      s3 = f64x2.add(s3, f64x2.mul(v128.load(r3 + o), v));
    }
    let d0 = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
    let d1 = f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
    let d2 = f64x2.extract_lane(s2, 0) + f64x2.extract_lane(s2, 1);
    let d3 = f64x2.extract_lane(s3, 0) + f64x2.extract_lane(s3, 1);
    if (t < len) {
      const o = off0 + <usize>t * 8;
      const v = load<f64>(rj + <usize>t * 8);
      d0 += load<f64>(r0 + o) * v;
      d1 += load<f64>(r1 + o) * v;
      d2 += load<f64>(r2 + o) * v;
      d3 += load<f64>(r3 + o) * v;
    }
    const inv = load<f64>(l + <usize>j * row + <usize>j * 8);
    const oj = <usize>j * 8;
    store<f64>(r0 + oj, (load<f64>(r0 + oj) - d0) / inv);
    store<f64>(r1 + oj, (load<f64>(r1 + oj) - d1) / inv);
    store<f64>(r2 + oj, (load<f64>(r2 + oj) - d2) / inv);
    store<f64>(r3 + oj, (load<f64>(r3 + oj) - d3) / inv);
  }
}

/**
 * Factors `A + shift·I` (`n × n` at `a`, lower triangle read) into the lower-triangular `l`
 * (fully overwritten). Returns -1 on success or the row of the first pivot that is not positive
 * (its value then in {@link lastFailedPivot}). Inside a column block each entry is one contiguous
 * dot product of two rows; the finished block updates the trailing lower triangle by GEMM.
 */
export function cholesky(n: i32, a: usize, l: usize, shift: f64, scratch: usize): i32 {
  const row = <usize>n * 8;
  for (let i = 0; i < n; i++) {
    const ri = <usize>i * row;
    memory.copy(l + ri, a + ri, <usize>(i + 1) * 8);
    memory.fill(l + ri + <usize>(i + 1) * 8, 0, <usize>(n - i - 1) * 8);
    const d = l + ri + <usize>i * 8;
    store<f64>(d, load<f64>(d) + shift);
  }
  for (let k0 = 0; k0 < n; k0 += FACTOR_BLOCK) {
    const k1 = min(k0 + FACTOR_BLOCK, n);
    // The diagonal block row by row, then the rows below it four at a time (four independent dot
    // products share the loads of row j), then the last up to three rows one by one.
    const grouped = k1 + ((n - k1) & ~3);
    for (let i = k0; i < n; i++) {
      if (i === k1) {
        for (let g = k1; g < grouped; g += 4) panelRows4(l, n, g, k0, k1);
        i = grouped;
        if (i >= n) break;
      }
      const ri = l + <usize>i * row;
      const jEnd = min(i, k1);
      for (let j = k0; j < jEnd; j++) {
        const rj = l + <usize>j * row;
        const s = load<f64>(ri + <usize>j * 8) - dot(ri + <usize>k0 * 8, rj + <usize>k0 * 8, j - k0);
        store<f64>(ri + <usize>j * 8, s / load<f64>(rj + <usize>j * 8));
      }
      if (i < k1) {
        const d = load<f64>(ri + <usize>i * 8) - dot(ri + <usize>k0 * 8, ri + <usize>k0 * 8, i - k0);
        if (!(d > 0.0) || d === Infinity) {
          failedPivot = d;
          return i;
        }
        store<f64>(ri + <usize>i * 8, Math.sqrt(d));
      }
    }
    const m = n - k1;
    if (m > 0) {
      // L₂₂ −= P·Pᵀ with P = L[k1:, k0:k1]; Pᵀ is read from L through strides.
      const p = l + (<usize>k1 * <usize>n + <usize>k0) * 8;
      const c = l + (<usize>k1 * <usize>n + <usize>k1) * 8;
      gemm(m, m, k1 - k0, p, n, 1, p, 1, n, c, n, 2, -1.0, 0, scratch);
    }
  }
  // The GEMM wrote whole tiles across the diagonal: clear the strict upper triangle.
  for (let i = 0; i < n - 1; i++)
    memory.fill(l + <usize>i * row + <usize>(i + 1) * 8, 0, <usize>(n - i - 1) * 8);
  return -1;
}

/** Address of op(T)(i, j) = t[i·rs + j·cs]. */
function entry(t: usize, rs: i32, cs: i32, i: i32, j: i32): usize {
  return t + (<usize>i * <usize>rs + <usize>j * <usize>cs) * 8;
}

/**
 * Overwrites the `n × k` row-major `x` by the solution of `op(T)·X = X` for the `n × n` triangular
 * `t` (`lower`: T is lower triangular; `trans`: op(T) = Tᵀ; `unit`: unit diagonal assumed).
 * Blocked: the part of each row block that couples to already solved rows is one GEMM, the
 * diagonal block a row-oriented substitution.
 */
export function trsm(
  n: i32,
  t: usize,
  x: usize,
  k: i32,
  lower: i32,
  trans: i32,
  unit: i32,
  scratch: usize,
): void {
  // op(T)(i, j) = t[i·rs + j·cs].
  const rs = trans ? 1 : n;
  const cs = trans ? n : 1;
  const xr = <usize>k * 8;
  if ((lower !== 0) !== (trans !== 0)) {
    for (let b0 = 0; b0 < n; b0 += FACTOR_BLOCK) {
      const b1 = min(b0 + FACTOR_BLOCK, n);
      if (b0 > 0)
        gemm(
          b1 - b0,
          k,
          b0,
          entry(t, rs, cs, b0, 0),
          rs,
          cs,
          x,
          k,
          1,
          x + <usize>b0 * xr,
          k,
          0,
          -1.0,
          0,
          scratch,
        );
      for (let i = b0; i < b1; i++) {
        const xi = x + <usize>i * xr;
        for (let j = b0; j < i; j++) {
          const tij = load<f64>(entry(t, rs, cs, i, j));
          if (tij !== 0.0) axpy(xi, x + <usize>j * xr, -tij, k);
        }
        if (!unit) scale(xi, 1.0 / load<f64>(entry(t, rs, cs, i, i)), k);
      }
    }
    return;
  }
  for (let b1 = n; b1 > 0; b1 -= FACTOR_BLOCK) {
    const b0 = max(0, b1 - FACTOR_BLOCK);
    if (b1 < n) {
      gemm(
        b1 - b0,
        k,
        n - b1,
        entry(t, rs, cs, b0, b1),
        rs,
        cs,
        x + <usize>b1 * xr,
        k,
        1,
        x + <usize>b0 * xr,
        k,
        0,
        -1.0,
        0,
        scratch,
      );
    }
    for (let i = b1 - 1; i >= b0; i--) {
      const xi = x + <usize>i * xr;
      for (let j = i + 1; j < b1; j++) {
        const tij = load<f64>(entry(t, rs, cs, i, j));
        if (tij !== 0.0) axpy(xi, x + <usize>j * xr, -tij, k);
      }
      if (!unit) scale(xi, 1.0 / load<f64>(entry(t, rs, cs, i, i)), k);
    }
  }
}
