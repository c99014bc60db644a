import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { solveAssignment } from "./assignment.js";

function bruteForce(cost: Float64Array, n: number): number {
  let best = Infinity;
  const perm = Array.from({ length: n }, (_, i) => i);
  const rec = (k: number, acc: number) => {
    if (k === n) {
      best = Math.min(best, acc);
      return;
    }
    for (let i = k; i < n; i++) {
      [perm[k], perm[i]] = [perm[i] as number, perm[k] as number];
      rec(k + 1, acc + (cost[k * n + (perm[k] as number)] as number));
      [perm[k], perm[i]] = [perm[i] as number, perm[k] as number];
    }
  };
  rec(0, 0);
  return best;
}

describe("solveAssignment", () => {
  it("is optimal on 60 random cases with n ≤ 7, checked against brute force over all permutations", () => {
    const rng = new Rng(1);
    for (let trial = 0; trial < 60; trial++) {
      const n = 1 + (trial % 7);
      const cost = new Float64Array(n * n);
      // integer costs make ties likely, which exercises the degenerate branches
      for (let k = 0; k < n * n; k++) cost[k] = trial % 2 === 0 ? rng.int(0, 5) : rng.uniform(-3, 3);
      const assign = solveAssignment(cost, n);
      expect(new Set(assign).size).toBe(n);
      let total = 0;
      for (let r = 0; r < n; r++) total += cost[r * n + (assign[r] as number)] as number;
      expect(total).toBeCloseTo(bruteForce(cost, n), 10);
    }
  });

  it("rejects a cost of the wrong length or with NaN", () => {
    expect(() => solveAssignment(new Float64Array(3), 2)).toThrow(/cost/);
    expect(() => solveAssignment(Float64Array.from([0, Number.NaN, 1, 1]), 2)).toThrow(/cost/);
  });
});
