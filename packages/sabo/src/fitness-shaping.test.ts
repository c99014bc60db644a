import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { shapeFitness } from "./fitness-shaping.js";

describe("shapeFitness (docs/method.md §c.1)", () => {
  it("'standardize' gives mean 0 and population std 1", () => {
    const f = shapeFitness([1, 2, 3, 10], "standardize");
    const mean = f.reduce((a, v) => a + v, 0) / 4;
    const std = Math.sqrt(f.reduce((a, v) => a + (v - mean) ** 2, 0) / 4);
    expect(mean).toBeCloseTo(0, 14);
    expect(std).toBeCloseTo(1, 14);
  });
  it("'standardize' of a flat batch uses std = 1, giving zeros (docs/method.md §h.5)", () => {
    expect(Array.from(shapeFitness([5, 5, 5], "standardize"))).toEqual([0, 0, 0]);
  });
  it("'center' subtracts the mean and 'none' copies", () => {
    expect(Array.from(shapeFitness([1, 2, 6], "center"))).toEqual([-2, -1, 3]);
    expect(Array.from(shapeFitness([1, 2, 6], "none"))).toEqual([1, 2, 6]);
  });
  it("'standardize' is invariant to a positive affine map of the values", () => {
    const a = shapeFitness([0.3, -1, 2.5, 7], "standardize");
    const b = shapeFitness([3 * 0.3 + 5, 3 * -1 + 5, 3 * 2.5 + 5, 3 * 7 + 5], "standardize");
    for (let i = 0; i < 4; i++) expect(b[i]).toBeCloseTo(a[i] as number, 12);
  });
  it("rejects an unknown mode naming the parameter", () => {
    expect(() => shapeFitness([1, 2], "rank" as never)).toThrow(DescentError);
    expect(() => shapeFitness([1, 2], "rank" as never)).toThrow(/fitnessShaping/);
  });
  it("rejects empty and non-finite values", () => {
    expect(() => shapeFitness([], "center")).toThrow(/values/);
    expect(() => shapeFitness([1, Number.NaN], "standardize")).toThrow(/values/);
    expect(() => shapeFitness([1, Number.POSITIVE_INFINITY], "none")).toThrow(DescentError);
  });
});
