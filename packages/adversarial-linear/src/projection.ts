/**
 * Euclidean projection onto the dual-norm cone `K = {(β, t) : δ‖β‖_* ≤ ρt}` (docs/method.md §c.2), the feasible set of
 * the extended-variable classification problem. From the KKT conditions of
 * `min ½‖w − β‖² + ½(τ − t)²  s.t.  δ‖w‖_* ≤ ρτ` with multiplier s ≥ 0: `τ = t + ρs` and
 * `w = prox_{sδ‖·‖_*}(β)`.
 */
import {
  assertAllFinite,
  assertFiniteNumber,
  assertPositive,
  DescentError,
  norm1,
  norm2,
} from "@descent/core-tensor";
import { type AttackNorm, checkAttack } from "./data-input.js";

/**
 * In-place projection on validated input; `scratch` (length ≥ p) avoids allocations in SGD/SAGA loops.
 * Returns the projected t; `w` is overwritten with the projected β.
 * @internal
 */
export function projectInPlace(
  w: Float64Array,
  t: number,
  attack: AttackNorm,
  delta: number,
  rho: number,
  scratch: Float64Array,
): number {
  const p = w.length;
  // δ = 0 (plain training): the cone is the half-space t ≥ 0 and w is free
  if (delta === 0) return Math.max(t, 0);
  if (attack === "l2") {
    const nb = norm2(w);
    if (delta * nb <= rho * t) return t; // feasible: unchanged
    const a = rho * nb + delta * t;
    if (a <= 0) {
      // polar cone → origin (docs/method.md §c.2: the code lacks this branch)
      w.fill(0);
      return 0;
    }
    const tau = (delta * a) / (delta * delta + rho * rho);
    const scale = (rho * tau) / (delta * nb);
    for (let j = 0; j < p; j++) w[j] = (w[j] as number) * scale;
    return tau;
  }
  // ℓ∞ attack, dual ℓ1: root s > 0 of φ(s) = Σ(|β_j| − δs)₊ − (ρ/δ)t − (ρ²/δ)s (docs/method.md §c.2)
  if (delta * norm1(w) <= rho * t) return t;
  const a = scratch.subarray(0, p);
  for (let j = 0; j < p; j++) a[j] = Math.abs(w[j] as number);
  a.sort();
  a.reverse(); // descending
  const rt = (rho / delta) * t;
  const r2 = (rho * rho) / (delta * delta);
  // k = #{j : φ(a_j/δ) ≤ 0}, counted over all breakpoints (never a segment search, docs/method.md §c.2/§h);
  // φ(a_j/δ) = c_j − j·a_j − (ρ/δ)t − (ρ²/δ²)a_j with c_j the prefix sum of the j largest (1-based j)
  let c = 0;
  let k = 0;
  for (let j = 0; j < p; j++) {
    const aj = a[j] as number;
    c += aj;
    if (c - (j + 1) * aj - rt - r2 * aj <= 0) k++;
  }
  // the active set is the k largest entries; c_k is their sum
  let ck = 0;
  for (let j = 0; j < k; j++) ck += a[j] as number;
  if (k === 0) {
    w.fill(0);
    return 0;
  }
  // the input is infeasible, so s* > 0; a rounding-negative s on the cone boundary means s* ≈ 0
  const s = Math.max(0, (ck - rt) / (delta * k + (rho * rho) / delta));
  const tau = t + rho * s;
  if (tau <= 0) {
    w.fill(0);
    return 0;
  }
  const thr = delta * s;
  for (let j = 0; j < p; j++) {
    const v = w[j] as number;
    const m = Math.abs(v) - thr;
    w[j] = m > 0 ? Math.sign(v) * m : 0;
  }
  return tau;
}

/**
 * Projects `(w, t)` onto `{δ‖β‖_* ≤ ρt}` (docs/method.md §c.2): feasible points are unchanged; ℓ2 (`'l2'` attack)
 * has a closed form including the polar-cone case (→ origin); ℓ∞ (`'linf'` attack, ℓ1 cone) solves a
 * piecewise-linear equation in O(p log p) by sorting and counting the active entries.
 *
 * @example projectDualNormCone(Float64Array.of(3, -1), 0, "linf", 1, 1) // → { w: [1.5, 0], t: 1.5 }
 */
export function projectDualNormCone(
  w: ArrayLike<number>,
  t: number,
  attack: AttackNorm,
  delta: number,
  rho: number,
): { w: Float64Array; t: number } {
  if (w === null || typeof w !== "object" || typeof w.length !== "number") {
    throw new DescentError("w must be an array of numbers", { parameter: "w", code: "type" });
  }
  assertAllFinite(w, "w");
  assertFiniteNumber(t, "t");
  checkAttack(attack);
  assertPositive(delta, "delta");
  assertPositive(rho, "rho");
  const out = Float64Array.from(w);
  const tOut = projectInPlace(out, t, attack, delta, rho, new Float64Array(out.length));
  return { w: out, t: tOut };
}
