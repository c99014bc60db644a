import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { boundedObjective, clipToBounds } from "./bounded-objective.js";
import { minimize } from "./minimize.js";
import { Sabo } from "./sabo.js";

const sum = (x: Float64Array) => x.reduce((a, v) => a + v, 0);

describe("boundedObjective (docs/method.md §h.9)", () => {
  it("inside the box it is F itself", () => {
    const f = boundedObjective(sum, { dim: 3 });
    expect(f(Float64Array.from([1, -2, 4.5]))).toBe(3.5);
  });
  it("outside it is F(clip(x)) + ‖x − clip(x)‖²/d (hand-computed)", () => {
    // x = (7, −6, 0), box [−5, 5]: clip = (5, −5, 0), F(clip) = 0, ‖x − clip‖² = 4 + 1 = 5, d = 3
    const f = boundedObjective(sum, { dim: 3 });
    expect(f(Float64Array.from([7, -6, 0]))).toBeCloseTo(5 / 3, 15);
    const g = boundedObjective(sum, { dim: 3, lower: [0, -1, -1], upper: [1, 1, 1], penaltyWeight: 3 });
    // clip = (1, −1, 0), F = 0, ‖x − clip‖² = 36 + 25 = 61, weight 3
    expect(g(Float64Array.from([7, -6, 0]))).toBeCloseTo((3 * 61) / 3, 12);
  });
  it("passes the clipped point to F and supports async objectives", async () => {
    const seen: number[][] = [];
    const f = boundedObjective(
      async (x) => {
        seen.push(Array.from(x));
        return 1;
      },
      { dim: 2, lower: -1, upper: 1 },
    );
    expect(await f(Float64Array.from([3, -0.5]))).toBeCloseTo(1 + 4 / 2, 15);
    expect(seen).toEqual([[1, -0.5]]);
  });
  it("keeps SABO's recommendation at the bound when the unconstrained minimum lies outside", async () => {
    // F = Σ (x_j − 9)², box [−5, 5]: the bounded minimiser is x = 5 in every coordinate
    const dim = 5;
    const f = boundedObjective((x) => x.reduce((a, v) => a + (v - 9) ** 2, 0), { dim });
    const run = await minimize(f, new Sabo({ dim, rho: 0.5, seed: 2 }), { maxEvaluations: 6000 });
    const z = clipToBounds(run.x, -5, 5);
    for (const v of z) expect(v).toBeGreaterThan(4.9);
    expect(run.best.value).toBeLessThan(dim * 16 + 0.05); // F(5,…,5) = 16 d
  });
  it("clipToBounds clips without modifying its input", () => {
    const x = Float64Array.from([-9, 0.5, 9]);
    expect(Array.from(clipToBounds(x, -1, [1, 1, 2]))).toEqual([-1, 0.5, 2]);
    expect(Array.from(x)).toEqual([-9, 0.5, 9]);
  });
  it.each([
    [{ dim: 0 }, /dim/],
    [{ dim: 2, lower: 1, upper: 0 }, /upper/],
    [{ dim: 2, lower: [0, Number.NaN] }, /lower/],
    [{ dim: 2, upper: [1, 2, 3] }, /upper/],
    [{ dim: 2, penaltyWeight: -1 }, /penaltyWeight/],
  ] as const)("rejects %o", (options, pattern) => {
    expect(() => boundedObjective(sum, options as never)).toThrow(DescentError);
    expect(() => boundedObjective(sum, options as never)).toThrow(pattern);
  });
  it("rejects a non-function objective, null options and points of the wrong length", () => {
    expect(() => boundedObjective(42 as never, { dim: 2 })).toThrow(/f must be a function/);
    expect(() => boundedObjective(sum, null as never)).toThrow(/options/);
    expect(() => boundedObjective(sum, { dim: 2 })(Float64Array.from([1]))).toThrow(/x must have length 2/);
    expect(() => clipToBounds([0, 0], 1, 0)).toThrow(/upper/);
  });
});
