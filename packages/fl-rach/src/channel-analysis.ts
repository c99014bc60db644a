/**
 * Closed forms of slotted ALOHA used by the tests, the demo and the docs (docs/method.md §f.1–§f.7).
 *
 * @example
 * ```ts
 * alohaSuccessProbability(10, 0.1);                       // 0.387420 (docs/method.md §f.1)
 * expectedDistinctDeliveries(new Array(10).fill(0.1), 10); // 3.264041 (docs/method.md §f.3)
 * ```
 */
import { assertInRange, assertInteger, assertOneOf, DescentError } from "@descent/core-tensor";

function checkProbabilities(p: ArrayLike<number>, name: string): void {
  if (p === null || typeof p !== "object" || typeof p.length !== "number") {
    throw new DescentError(`${name} must be an array of probabilities`, { parameter: name, code: "type" });
  }
  for (let i = 0; i < p.length; i++) assertInRange(p[i], `${name}[${i}]`, { min: 0, max: 1 });
}

/**
 * Per-slot outcome probabilities for independent transmit probabilities `p_u` (docs/method.md §f.1):
 * P(idle) = Π(1 − p_u), P(success) = Σ_u p_u Π_{v≠u}(1 − p_v), P(collision) = the rest.
 */
export function slotOutcomeProbabilities(p: ArrayLike<number>): {
  idle: number;
  success: number;
  collision: number;
} {
  checkProbabilities(p, "p");
  let idle = 1;
  for (let u = 0; u < p.length; u++) idle *= 1 - (p[u] as number);
  let success = 0;
  for (let u = 0; u < p.length; u++) success += (p[u] as number) * othersSilent(p, u);
  return { idle, success, collision: Math.max(0, 1 - idle - success) };
}

/** Π_{v≠u}(1 − p_v), computed directly so that p_u = 1 causes no division by zero. */
function othersSilent(p: ArrayLike<number>, u: number): number {
  let prod = 1;
  for (let v = 0; v < p.length; v++) if (v !== u) prod *= 1 - (p[v] as number);
  return prod;
}

/** Symmetric slotted-ALOHA throughput n p (1 − p)^(n−1) (docs/method.md §f.1–§f.2; maximal at p = 1/n). */
export function alohaSuccessProbability(n: number, p: number): number {
  assertInteger(n, "n", { min: 0 });
  assertInRange(p, "p", { min: 0, max: 1 });
  if (n === 0) return 0;
  return n * p * (1 - p) ** (n - 1);
}

/**
 * Success probability with capture (docs/method.md §f.7): n p (1 − p)^(n−1) + c [1 − (1 − p)^n − n p (1 − p)^(n−1)].
 */
export function captureSuccessProbability(n: number, p: number, captureProbability: number): number {
  assertInRange(captureProbability, "captureProbability", { min: 0, max: 1 });
  const s = alohaSuccessProbability(n, p);
  return s + captureProbability * (1 - (1 - p) ** n - s);
}

/**
 * Expected number of distinct users delivered in a frame of `slots` slots (docs/method.md §f.3, §f.4).
 *
 * - `'keepContending'` (default): Σ_u [1 − (1 − p_u Π_{v≠u}(1 − p_v))^S].
 * - `'stopContending'`: a successful user leaves; the dynamic programme
 *   E_{k,s} = q_k (1 + E_{k−1,s−1}) + (1 − q_k) E_{k,s−1}, q_k = k p (1 − p)^(k−1). It needs every
 *   non-zero p to be equal (users with p = 0 never contend).
 */
export function expectedDistinctDeliveries(
  p: ArrayLike<number>,
  slots: number,
  afterSuccess: "keepContending" | "stopContending" = "keepContending",
): number {
  checkProbabilities(p, "p");
  assertInteger(slots, "slots", { min: 0 });
  assertOneOf(afterSuccess, "afterSuccess", ["keepContending", "stopContending"]);
  if (afterSuccess === "keepContending") {
    let total = 0;
    for (let u = 0; u < p.length; u++) {
      const q = (p[u] as number) * othersSilent(p, u);
      total += 1 - (1 - q) ** slots;
    }
    return total;
  }
  const active: number[] = [];
  for (let u = 0; u < p.length; u++) if ((p[u] as number) > 0) active.push(p[u] as number);
  if (active.length === 0) return 0;
  const q0 = active[0] as number;
  if (active.some((v) => v !== q0)) {
    throw new DescentError("p must hold one common non-zero probability for afterSuccess 'stopContending'", {
      parameter: "p",
      code: "unequal-probabilities",
    });
  }
  const n = active.length;
  // E[k][s] over k contenders left and s slots left, docs/method.md §f.4
  let prev = new Float64Array(n + 1); // s − 1
  for (let s = 1; s <= slots; s++) {
    const cur = new Float64Array(n + 1);
    for (let k = 1; k <= n; k++) {
      const qk = k * q0 * (1 - q0) ** (k - 1);
      cur[k] = qk * (1 + (prev[k - 1] as number)) + (1 - qk) * (prev[k] as number);
    }
    prev = cur;
  }
  return prev[n] as number;
}

/**
 * Time-average slot-level age of information of one user under symmetric slotted ALOHA, with the age reset
 * to 1 in the slot of a delivery: 1 / (p (1 − p)^(n−1)) (docs/method.md §f.6; ≈ e·n at p = 1/n).
 */
export function alohaAverageAge(n: number, p: number): number {
  assertInteger(n, "n", { min: 1 });
  assertInRange(p, "p", { min: 0, max: 1, exclusiveMin: true });
  return 1 / (p * (1 - p) ** (n - 1));
}
