// Small f64x2 vector helpers shared by the factorisations.

/** `Σ x[t]·y[t]` over `len` doubles, two lanes and two accumulators wide. */
export function dot(x: usize, y: usize, len: i32): f64 {
  let s0 = f64x2.splat(0.0);
  let s1 = f64x2.splat(0.0);
  let t = 0;
  for (; t + 3 < len; t += 4) {
    s0 = f64x2.add(s0, f64x2.mul(v128.load(x), v128.load(y)));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(x, 16), v128.load(y, 16)));
    x += 32;
    y += 32;
  }
  const s = f64x2.add(s0, s1);
  let r = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; t < len; t++) {
    r += load<f64>(x) * load<f64>(y);
    x += 8;
    y += 8;
  }
  return r;
}

/** `y[t] += alpha·x[t]` over `len` doubles. */
export function axpy(y: usize, x: usize, alpha: f64, len: i32): void {
  const av = f64x2.splat(alpha);
  let t = 0;
  for (; t + 1 < len; t += 2) {
    v128.store(y, f64x2.add(v128.load(y), f64x2.mul(av, v128.load(x))));
    x += 16;
    y += 16;
  }
  if (t < len) store<f64>(y, load<f64>(y) + alpha * load<f64>(x));
}

/** `y[t] *= alpha` over `len` doubles. */
export function scale(y: usize, alpha: f64, len: i32): void {
  const av = f64x2.splat(alpha);
  let t = 0;
  for (; t + 1 < len; t += 2) {
    v128.store(y, f64x2.mul(v128.load(y), av));
    y += 16;
  }
  if (t < len) store<f64>(y, load<f64>(y) * alpha);
}
