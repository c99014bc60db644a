/**
 * Float64 vector helpers (BLAS level 1). They check lengths but, being used inside hot loops, do
 * not scan for NaN: a NaN input propagates to the result.
 */
import { DescentError } from "../errors.js";
import { assertVector64 } from "./matrix.js";

function assertSameLength(x: Float64Array, y: Float64Array, nameX: string, nameY: string): void {
  assertVector64(x, nameX);
  assertVector64(y, nameY);
  if (x.length !== y.length) {
    throw new DescentError(
      `${nameY} must have the length of ${nameX} (${x.length}), received length ${y.length}`,
      { parameter: nameY, code: "shape" },
    );
  }
}

/** The inner product `xᵀy`. */
export function dot(x: Float64Array, y: Float64Array): number {
  assertSameLength(x, y, "x", "y");
  return dotUnchecked(x, y, 0, 0, x.length);
}

/** `Σ_{t<len} x[xOff+t]·y[yOff+t]`, four-way unrolled; no validation (kernel use). */
export function dotUnchecked(
  x: Float64Array,
  y: Float64Array,
  xOff: number,
  yOff: number,
  len: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < len; t += 4) {
    s0 += (x[xOff + t] as number) * (y[yOff + t] as number);
    s1 += (x[xOff + t + 1] as number) * (y[yOff + t + 1] as number);
    s2 += (x[xOff + t + 2] as number) * (y[yOff + t + 2] as number);
    s3 += (x[xOff + t + 3] as number) * (y[yOff + t + 3] as number);
  }
  for (; t < len; t++) s0 += (x[xOff + t] as number) * (y[yOff + t] as number);
  return s0 + s1 + (s2 + s3);
}

/** The ℓ1 norm `Σ|xᵢ|`. */
export function norm1(x: Float64Array): number {
  assertVector64(x, "x");
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.abs(x[i] as number);
  return s;
}

/**
 * The Euclidean norm `‖x‖₂`, computed with a running scale so that it neither overflows nor
 * underflows for entries near the float64 limits (the LAPACK `dnrm2` idea).
 */
export function norm2(x: Float64Array): number {
  assertVector64(x, "x");
  let scale = 0;
  for (let i = 0; i < x.length; i++) scale = Math.max(scale, Math.abs(x[i] as number));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  // Plain sum of squares when it cannot overflow or underflow (the common case, and faster).
  if (scale < 1e150 && scale > 1e-150) {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += (x[i] as number) * (x[i] as number);
    return Math.sqrt(s);
  }
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const v = (x[i] as number) / scale;
    s += v * v;
  }
  return scale * Math.sqrt(s);
}

/** The maximum norm `max|xᵢ|`. */
export function normInf(x: Float64Array): number {
  assertVector64(x, "x");
  let s = 0;
  for (let i = 0; i < x.length; i++) s = Math.max(s, Math.abs(x[i] as number));
  return s;
}

/** `y ← alpha·x + y` in place (BLAS `daxpy`); returns `y`. */
export function axpy(alpha: number, x: Float64Array, y: Float64Array): Float64Array {
  assertSameLength(x, y, "x", "y");
  for (let i = 0; i < x.length; i++) y[i] = (y[i] as number) + alpha * (x[i] as number);
  return y;
}

/**
 * `alpha·x`, written into `out` (a new array by default; pass `x` itself to scale in place).
 */
export function scale(alpha: number, x: Float64Array, out?: Float64Array): Float64Array {
  assertVector64(x, "x");
  const o = out ?? new Float64Array(x.length);
  if (out !== undefined) assertSameLength(x, out, "x", "out");
  for (let i = 0; i < x.length; i++) o[i] = alpha * (x[i] as number);
  return o;
}
