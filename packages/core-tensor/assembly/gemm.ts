// Packed, register-blocked float64 GEMM on f64x2 lanes: `C += alpha·op(A)·diag(w)·op(B)`.
//
// All pointers are byte addresses into this module's memory; strides and sizes count doubles.
// Block sizes were picked by measurement in `bench/linalg64.bench.ts` (our choice): the packed
// B micro-panel (KC × NR) stays in L1, the packed A block (MC × KC) in L2.

/** Rows of the register tile (each row is a broadcast A value). */
export const MR: i32 = 4;
/** Columns of the register tile (two f64x2 lanes). */
export const NR: i32 = 4;
/** k-block: depth of one packed panel. */
export const KC: i32 = 256;
/** Rows of A packed per block. */
export const MC: i32 = 128;

/** Bytes of scratch space {@link gemm} needs for an `m × n` result with inner dimension `p`. */
export function gemmScratchBytes(m: i32, n: i32, p: i32): i32 {
  const kc = min(KC, max(p, 1));
  const np = ((n + NR - 1) / NR) * NR;
  const mc = min(MC, ((m + MR - 1) / MR) * MR);
  return (kc * np + mc * kc + MR * NR) * 8 + 64;
}

/** Packs op(B)[k0:k0+kc, 0:n] into NR-column strips, k-major, zero-padded past column n. */
function packB(kc: i32, n: i32, k0: i32, b: usize, brs: i32, bcs: i32, bp: usize): void {
  for (let j = 0; j < n; j += NR) {
    const cols = min(NR, n - j);
    let dst = bp + <usize>j * <usize>kc * 8;
    if (cols === NR && bcs === 1) {
      let src = b + (<usize>k0 * <usize>brs + <usize>j) * 8;
      const step = <usize>brs * 8;
      for (let k = 0; k < kc; k++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += step;
        dst += 32;
      }
    } else {
      for (let k = 0; k < kc; k++) {
        const row = b + <usize>(k0 + k) * <usize>brs * 8;
        for (let c = 0; c < NR; c++) {
          const v: f64 = c < cols ? load<f64>(row + <usize>(j + c) * <usize>bcs * 8) : 0.0;
          store<f64>(dst + <usize>c * 8, v);
        }
        dst += NR * 8;
      }
    }
  }
}

/**
 * Packs op(A)[i0:i0+mc, k0:k0+kc] (each column k scaled by w[k0+k] when w ≠ 0) into MR-row strips,
 * k-major, zero-padded past row i0+mc.
 */
function packA(mc: i32, kc: i32, i0: i32, k0: i32, a: usize, ars: i32, acs: i32, w: usize, ap: usize): void {
  for (let i = 0; i < mc; i += MR) {
    const rows = min(MR, mc - i);
    let dst = ap + <usize>i * <usize>kc * 8;
    if (rows === MR && ars === 1) {
      // Contiguous strip rows (op(A) read through a transpose, as in the Gram products): two lanes
      // at a time, scaled in the same pass.
      let col = a + (<usize>k0 * <usize>acs + <usize>(i0 + i)) * 8;
      const step = <usize>acs * 8;
      if (w !== 0) {
        let wk = w + <usize>k0 * 8;
        for (let k = 0; k < kc; k++) {
          const s = v128.load64_splat(wk);
          v128.store(dst, f64x2.mul(v128.load(col), s));
          v128.store(dst, f64x2.mul(v128.load(col, 16), s), 16);
          col += step;
          dst += 32;
          wk += 8;
        }
      } else {
        for (let k = 0; k < kc; k++) {
          v128.store(dst, v128.load(col));
          v128.store(dst, v128.load(col, 16), 16);
          col += step;
          dst += 32;
        }
      }
      continue;
    }
    for (let k = 0; k < kc; k++) {
      const col = a + (<usize>(k0 + k) * <usize>acs + <usize>(i0 + i) * <usize>ars) * 8;
      const scale: f64 = w !== 0 ? load<f64>(w + <usize>(k0 + k) * 8) : 1.0;
      for (let r = 0; r < MR; r++) {
        const v: f64 = r < rows ? load<f64>(col + <usize>r * <usize>ars * 8) * scale : 0.0;
        store<f64>(dst + <usize>r * 8, v);
      }
      dst += MR * 8;
    }
  }
}

/** Adds one 4-wide row of the tile (two lanes) into C, `cols` entries of it. */
function storeRow(c: usize, lo: v128, hi: v128, cols: i32, tmp: usize): void {
  if (cols === NR) {
    v128.store(c, f64x2.add(v128.load(c), lo));
    v128.store(c, f64x2.add(v128.load(c, 16), hi), 16);
    return;
  }
  v128.store(tmp, lo);
  v128.store(tmp, hi, 16);
  for (let q = 0; q < cols; q++) {
    const o = c + <usize>q * 8;
    store<f64>(o, load<f64>(o) + load<f64>(tmp + <usize>q * 8));
  }
}

/** The MR × NR micro-kernel: 8 f64x2 accumulators, kc rank-1 updates, then `C += alpha·tile`. */
function kernel(
  kc: i32,
  ap: usize,
  bp: usize,
  c: usize,
  ldc: i32,
  rows: i32,
  cols: i32,
  alpha: f64,
  tmp: usize,
): void {
  let c00 = f64x2.splat(0.0);
  let c01 = f64x2.splat(0.0);
  let c10 = f64x2.splat(0.0);
  let c11 = f64x2.splat(0.0);
  let c20 = f64x2.splat(0.0);
  let c21 = f64x2.splat(0.0);
  let c30 = f64x2.splat(0.0);
  let c31 = f64x2.splat(0.0);
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    const a0 = v128.load64_splat(ap);
    c00 = f64x2.add(c00, f64x2.mul(a0, b0));
    c01 = f64x2.add(c01, f64x2.mul(a0, b1));
    const a1 = v128.load64_splat(ap, 8);
    c10 = f64x2.add(c10, f64x2.mul(a1, b0));
    c11 = f64x2.add(c11, f64x2.mul(a1, b1));
    const a2 = v128.load64_splat(ap, 16);
    c20 = f64x2.add(c20, f64x2.mul(a2, b0));
    c21 = f64x2.add(c21, f64x2.mul(a2, b1));
    const a3 = v128.load64_splat(ap, 24);
    c30 = f64x2.add(c30, f64x2.mul(a3, b0));
    c31 = f64x2.add(c31, f64x2.mul(a3, b1));
    ap += 32;
    bp += 32;
  }
  if (alpha !== 1.0) {
    const s = f64x2.splat(alpha);
    c00 = f64x2.mul(c00, s);
    c01 = f64x2.mul(c01, s);
    c10 = f64x2.mul(c10, s);
    c11 = f64x2.mul(c11, s);
    c20 = f64x2.mul(c20, s);
    c21 = f64x2.mul(c21, s);
    c30 = f64x2.mul(c30, s);
    c31 = f64x2.mul(c31, s);
  }
  const ld = <usize>ldc * 8;
  storeRow(c, c00, c01, cols, tmp);
  if (rows > 1) storeRow(c + ld, c10, c11, cols, tmp);
  if (rows > 2) storeRow(c + 2 * ld, c20, c21, cols, tmp);
  if (rows > 3) storeRow(c + 3 * ld, c30, c31, cols, tmp);
}

/**
 * `C += alpha·op(A)·diag(w)·op(B)` where op(A) is `m × p` with entry (i, k) at `a[i·ars + k·acs]`,
 * op(B) is `p × n` with entry (k, j) at `b[k·brs + j·bcs]`, C is `m × n` with row stride `ldc`, and
 * `w` (a pointer, 0 for none) holds p weights. `part` 0 computes all of C, 1 only the tiles that
 * touch the upper triangle (j ≥ i), 2 only those touching the lower one; tiles crossing the diagonal
 * are computed whole. `scratch` must hold {@link gemmScratchBytes} bytes, 16-byte aligned.
 */
export function gemm(
  m: i32,
  n: i32,
  p: i32,
  a: usize,
  ars: i32,
  acs: i32,
  b: usize,
  brs: i32,
  bcs: i32,
  c: usize,
  ldc: i32,
  part: i32,
  alpha: f64,
  w: usize,
  scratch: usize,
): void {
  if (m <= 0 || n <= 0 || p <= 0) return;
  const np = ((n + NR - 1) / NR) * NR;
  const kcMax = min(KC, p);
  const bp = scratch;
  const ap = bp + <usize>kcMax * <usize>np * 8;
  const tmp = ap + <usize>kcMax * <usize>min(MC, ((m + MR - 1) / MR) * MR) * 8;
  for (let k0 = 0; k0 < p; k0 += KC) {
    const kc = min(KC, p - k0);
    packB(kc, n, k0, b, brs, bcs, bp);
    for (let i0 = 0; i0 < m; i0 += MC) {
      const mc = min(MC, m - i0);
      packA(mc, kc, i0, k0, a, ars, acs, w, ap);
      const iEnd = i0 + mc;
      for (let j = 0; j < n; j += NR) {
        const bs = bp + <usize>j * <usize>kc * 8;
        const cols = min(NR, n - j);
        for (let i = i0; i < iEnd; i += MR) {
          if (part === 1 && j + NR - 1 < i) continue;
          if (part === 2 && j > i + MR - 1) continue;
          const as = ap + <usize>(i - i0) * <usize>kc * 8;
          const cp = c + (<usize>i * <usize>ldc + <usize>j) * 8;
          kernel(kc, as, bs, cp, ldc, min(MR, iEnd - i), cols, alpha, tmp);
        }
      }
    }
  }
}
