/**
 * The attack norm, its dual norm and the maximiser of `uᵀβ` over the unit attack ball (docs/method.md §b):
 * `'linf'` attacks are penalised by ‖β‖₁ with `u = sign(β)`, `'l2'` attacks by ‖β‖₂ with `u = β/‖β‖₂`.
 */

import { norm1, norm2, normInf } from "@descent/core-tensor";
import { type AttackNorm, checkAttack } from "./data-input.js";

/** `‖β‖_*`, the dual of the attack norm: ℓ1 for `'linf'`, ℓ2 for `'l2'` (docs/method.md §b). */
export function dualNorm(beta: ArrayLike<number>, attack: AttackNorm): number {
  checkAttack(attack);
  const v = asFloat64(beta);
  return attack === "linf" ? norm1(v) : norm2(v);
}

function asFloat64(v: ArrayLike<number>): Float64Array {
  return v instanceof Float64Array ? v : Float64Array.from(v);
}

/** `‖v‖_a`, the attack norm itself: ℓ∞ for `'linf'`, ℓ2 for `'l2'`. */
export function attackNorm(v: ArrayLike<number>, attack: AttackNorm): number {
  checkAttack(attack);
  const w = asFloat64(v);
  return attack === "linf" ? normInf(w) : norm2(w);
}

/**
 * `u(β) ∈ argmax_{‖u‖_a ≤ 1} uᵀβ`, written into `out` (docs/method.md §b): `sign(β)` for ℓ∞, `β/‖β‖₂` for ℓ2.
 * At β = 0 any feasible u is a maximiser; we return 0 (a valid subgradient choice, our choice).
 */
export function dualNormMaximiser(
  beta: ArrayLike<number>,
  attack: AttackNorm,
  out: Float64Array,
): Float64Array {
  checkAttack(attack);
  if (attack === "linf") {
    for (let j = 0; j < beta.length; j++) out[j] = Math.sign(beta[j] as number);
  } else {
    const nrm = norm2(asFloat64(beta));
    for (let j = 0; j < beta.length; j++) out[j] = nrm > 0 ? (beta[j] as number) / nrm : 0;
  }
  return out;
}
