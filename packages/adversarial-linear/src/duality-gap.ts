/**
 * A certified lower bound on the optimal adversarial regression risk (docs/method.md §c.1, "stopping
 * rule"), used by IRR to stop on a measured duality gap instead of a fixed iteration count.
 *
 * With aᵢ(β) = |yᵢ − xᵢᵀβ| + δ‖β‖_*, the risk is R(β) = ‖a(β)‖₂² / n, and ‖a‖₂ = max over ‖u‖₂ ≤ 1, u ≥ 0
 * of uᵀa. Writing uᵢ|rᵢ| = max_{|sᵢ| ≤ uᵢ} sᵢrᵢ and δ‖β‖_*·1ᵀu = max_{‖z‖ ≤ δ1ᵀu} zᵀβ (‖·‖ the attack
 * norm, the dual of ‖·‖_*) and exchanging min over β with max (weak duality) gives, for every s with
 * some u ≥ |s|, ‖u‖₂ ≤ 1 and ‖Xᵀs‖ ≤ δ·1ᵀu:
 *
 *     √(n R(β*)) ≥ sᵀy.
 *
 * Any direction ŝ becomes such an s after scaling by the largest feasible c ∈ [0, 1] (the constraint
 * is monotone in c), so the bound is valid for every candidate; it is tight when ŝ is the optimal dual
 * direction. IRR's β-step stationarity XᵀW r = λ̄Γβ makes ŝ ∝ W r (weights times residuals) the
 * natural candidate: it tends to the optimal dual point, also where the residuals vanish.
 */
import { type Matrix64, matvecT } from "@descent/core-tensor";
import type { AttackNorm } from "./data-input.js";
import { attackNorm } from "./dual-norm.js";

/**
 * The largest 1ᵀu over u ≥ v (componentwise), ‖u‖₂ ≤ 1, for sorted non-negative `vSorted` with
 * ‖v‖₂ ≤ 1: water-filling u = max(v, τ) with Σ max(vᵢ, τ)² = 1.
 */
function maxOneNorm(vSorted: Float64Array, scale: number): number {
  const n = vSorted.length;
  let tail = 0; // Σ_{i ≥ k} (scale·vᵢ)²
  for (let i = 0; i < n; i++) tail += (scale * (vSorted[i] as number)) ** 2;
  let tailSum = 0;
  for (let i = 0; i < n; i++) tailSum += scale * (vSorted[i] as number);
  // raise the k smallest entries to τ; try k = 1, 2, … until τ fits below the next entry
  for (let k = 1; k <= n; k++) {
    const vk = scale * (vSorted[k - 1] as number);
    tail -= vk * vk;
    tailSum -= vk;
    const rest = 1 - tail;
    if (rest <= 0) continue;
    const tau = Math.sqrt(rest / k);
    const next = k < n ? scale * (vSorted[k] as number) : Number.POSITIVE_INFINITY;
    if (tau >= vk && tau <= next) return k * tau + tailSum;
  }
  // ‖scale·v‖₂ = 1 exactly: u = v is the only feasible point
  let s = 0;
  for (const x of vSorted) s += scale * x;
  return s;
}

/**
 * A lower bound on `min_β R(β)` from the dual direction `direction` (any non-zero vector of length n):
 * `max(0, c·ŝᵀy)² / n` with ŝ = direction/‖direction‖₂ and c the largest scale keeping the dual point
 * feasible (bisection, 60 halvings). Returns 0 when the direction is zero or not finite.
 */
export function regressionRiskLowerBound(
  X: Matrix64,
  y: Float64Array,
  direction: Float64Array,
  delta: number,
  attack: AttackNorm,
): number {
  const n = y.length;
  let nrm = 0;
  for (const v of direction) nrm += v * v;
  nrm = Math.sqrt(nrm);
  if (!(nrm > 0) || !Number.isFinite(nrm)) return 0;
  const s = direction.map((v) => v / nrm);
  let sy = 0;
  for (let i = 0; i < n; i++) sy += (s[i] as number) * (y[i] as number);
  if (!(sy > 0)) return 0;
  const lhs = attackNorm(matvecT(X, s), attack); // ‖Xᵀŝ‖, scales linearly with c
  const sorted = s.map(Math.abs).sort();
  const feasible = (c: number) => c * lhs <= delta * maxOneNorm(sorted, c);
  let c = 1;
  if (!feasible(1)) {
    let lo = 0;
    let hi = 1;
    for (let it = 0; it < 60; it++) {
      const mid = 0.5 * (lo + hi);
      if (feasible(mid)) lo = mid;
      else hi = mid;
    }
    c = lo;
  }
  const root = c * sy;
  return (root * root) / n;
}
