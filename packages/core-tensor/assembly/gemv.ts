// Matrix–vector products on a row-major `m × n` matrix, two lanes at a time. Both reproduce the
// summation order of the plain-TypeScript kernels (`dotUnchecked`'s four partial sums per row;
// `matvecT`'s four rows added left to right), so the two paths give bitwise equal results.

/** One row's dot product with x in `dotUnchecked`'s order: s0 + s1 + (s2 + s3), tail into s0. */
function rowDot(row: usize, x: usize, n: i32): f64 {
  let lo = f64x2.splat(0.0); // (s0, s1)
  let hi = f64x2.splat(0.0); // (s2, s3)
  let t = 0;
  for (; t + 3 < n; t += 4) {
    const o = <usize>t * 8;
    lo = f64x2.add(lo, f64x2.mul(v128.load(row + o), v128.load(x + o)));
    hi = f64x2.add(hi, f64x2.mul(v128.load(row + o, 16), v128.load(x + o, 16)));
  }
  let s0 = f64x2.extract_lane(lo, 0);
  for (; t < n; t++) s0 += load<f64>(row + <usize>t * 8) * load<f64>(x + <usize>t * 8);
  return s0 + f64x2.extract_lane(lo, 1) + (f64x2.extract_lane(hi, 0) + f64x2.extract_lane(hi, 1));
}

/** Finishes one row's sums as {@link rowDot} does (tail into s0, then s0 + s1 + (s2 + s3)). */
function finish(lo: v128, hi: v128, row: usize, x: usize, t: i32, n: i32): f64 {
  let s0 = f64x2.extract_lane(lo, 0);
  for (; t < n; t++) s0 += load<f64>(row + <usize>t * 8) * load<f64>(x + <usize>t * 8);
  return s0 + f64x2.extract_lane(lo, 1) + (f64x2.extract_lane(hi, 0) + f64x2.extract_lane(hi, 1));
}

/**
 * `y[i] = Σ_j a[i·n + j]·x[j]` for i < m. Four rows at a time share the loads of x and give eight
 * independent accumulators (one row alone waits on the latency of its two additions); each row's
 * own summation order is that of {@link rowDot}.
 */
export function gemv(m: i32, n: i32, a: usize, x: usize, y: usize): void {
  const row = <usize>n * 8;
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const r0 = a + <usize>i * row;
    const r1 = r0 + row;
    const r2 = r1 + row;
    const r3 = r2 + row;
    let lo0 = f64x2.splat(0.0);
    let hi0 = f64x2.splat(0.0);
    let lo1 = f64x2.splat(0.0);
    let hi1 = f64x2.splat(0.0);
    let lo2 = f64x2.splat(0.0);
    let hi2 = f64x2.splat(0.0);
    let lo3 = f64x2.splat(0.0);
    let hi3 = f64x2.splat(0.0);
    let t = 0;
    for (; t + 3 < n; t += 4) {
      const o = <usize>t * 8;
      const xl = v128.load(x + o);
      const xh = v128.load(x + o, 16);
      lo0 = f64x2.add(lo0, f64x2.mul(v128.load(r0 + o), xl));
      hi0 = f64x2.add(hi0, f64x2.mul(v128.load(r0 + o, 16), xh));
      lo1 = f64x2.add(lo1, f64x2.mul(v128.load(r1 + o), xl));
      hi1 = f64x2.add(hi1, f64x2.mul(v128.load(r1 + o, 16), xh));
      lo2 = f64x2.add(lo2, f64x2.mul(v128.load(r2 + o), xl));
      hi2 = f64x2.add(hi2, f64x2.mul(v128.load(r2 + o, 16), xh));
      lo3 = f64x2.add(lo3, f64x2.mul(v128.load(r3 + o), xl));
      hi3 = f64x2.add(hi3, f64x2.mul(v128.load(r3 + o, 16), xh));
    }
    const yi = y + <usize>i * 8;
    store<f64>(yi, finish(lo0, hi0, r0, x, t, n));
    store<f64>(yi, finish(lo1, hi1, r1, x, t, n), 8);
    store<f64>(yi, finish(lo2, hi2, r2, x, t, n), 16);
    store<f64>(yi, finish(lo3, hi3, r3, x, t, n), 24);
  }
  for (; i < m; i++) store<f64>(y + <usize>i * 8, rowDot(a + <usize>i * row, x, n));
}

/** `y[j] = Σ_i a[i·n + j]·x[i]` for j < n: four rows at a time, `y + x0·r0 + x1·r1 + x2·r2 + x3·r3`. */
export function gemvT(m: i32, n: i32, a: usize, x: usize, y: usize): void {
  memory.fill(y, 0, <usize>n * 8);
  const row = <usize>n * 8;
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const s0 = load<f64>(x + <usize>i * 8);
    const s1 = load<f64>(x + <usize>i * 8, 8);
    const s2 = load<f64>(x + <usize>i * 8, 16);
    const s3 = load<f64>(x + <usize>i * 8, 24);
    const v0 = f64x2.splat(s0);
    const v1 = f64x2.splat(s1);
    const v2 = f64x2.splat(s2);
    const v3 = f64x2.splat(s3);
    const r0 = a + <usize>i * row;
    const r1 = r0 + row;
    const r2 = r1 + row;
    const r3 = r2 + row;
    let j = 0;
    for (; j + 1 < n; j += 2) {
      const o = <usize>j * 8;
      let acc = v128.load(y + o);
      acc = f64x2.add(acc, f64x2.mul(v0, v128.load(r0 + o)));
      acc = f64x2.add(acc, f64x2.mul(v1, v128.load(r1 + o)));
      acc = f64x2.add(acc, f64x2.mul(v2, v128.load(r2 + o)));
      acc = f64x2.add(acc, f64x2.mul(v3, v128.load(r3 + o)));
      v128.store(y + o, acc);
    }
    if (j < n) {
      const o = <usize>j * 8;
      store<f64>(
        y + o,
        load<f64>(y + o) +
          s0 * load<f64>(r0 + o) +
          s1 * load<f64>(r1 + o) +
          s2 * load<f64>(r2 + o) +
          s3 * load<f64>(r3 + o),
      );
    }
  }
  for (; i < m; i++) {
    const s = load<f64>(x + <usize>i * 8);
    const r = a + <usize>i * row;
    for (let j = 0; j < n; j++) {
      const o = <usize>j * 8;
      store<f64>(y + o, load<f64>(y + o) + s * load<f64>(r + o));
    }
  }
}
