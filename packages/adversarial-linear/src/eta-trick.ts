/**
 * The η-trick (docs/method.md §c.1): for a ≥ 0 with Σa > 0, `(Σ_k a_k)² = min_{η ∈ Δ} Σ_k a_k²/η_k`, attained at
 * `η = a/Σa`. The minimiser is smoothed as in the code's `eta_trick(values, eps=1e-20)`: `|a_k|` is replaced
 * by `√(a_k² + ε)`, which keeps every η_k > 0 (docs/method.md §h: do not drop or enlarge ε).
 */
import { assertAllFinite, assertNonEmpty, assertNonNegative } from "@descent/core-tensor";

/** Default smoothing ε inside the square root (code `eta_trick`, docs/method.md §c.1). */
export const DEFAULT_SMOOTHING = 1e-20;

/** `√(a² + ε)`, the smoothed absolute value of the η-trick. @internal */
export function smoothAbs(a: number, smoothing: number): number {
  return Math.sqrt(a * a + smoothing);
}

/**
 * The η-trick minimiser `η_k = â_k / Σ_l â_l` with `â_k = √(a_k² + ε)` (docs/method.md §c.1, Proposition 4 of the paper).
 *
 * @example etaTrickWeights([3, 1]) // Float64Array [0.75, 0.25]
 */
export function etaTrickWeights(
  values: ArrayLike<number>,
  smoothing: number = DEFAULT_SMOOTHING,
): Float64Array {
  assertNonEmpty(values, "values");
  assertAllFinite(values, "values");
  assertNonNegative(smoothing, "smoothing");
  const out = new Float64Array(values.length);
  let s = 0;
  for (let k = 0; k < values.length; k++) {
    const a = smoothAbs(values[k] as number, smoothing);
    out[k] = a;
    s += a;
  }
  for (let k = 0; k < out.length; k++) out[k] = (out[k] as number) / s;
  return out;
}
