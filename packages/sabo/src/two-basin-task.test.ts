import { describe, expect, it } from "vitest";
import { twoBasinTask } from "./two-basin-task.js";

describe("twoBasinTask (docs/method.md §e.2)", () => {
  const task = twoBasinTask({ dim: 50, seed: 3 });
  it("has the sharp well at −1 deeper (−1) than the flat well at +1 (≈ −0.7)", () => {
    expect(task.profile(-1)).toBeCloseTo(-1 - 0.7 * Math.exp(-8), 12);
    expect(task.profile(1)).toBeCloseTo(-0.7 - Math.exp(-4 / (2 * 0.0025)), 12);
    expect(task.train(new Float64Array(50).fill(-1))).toBeLessThan(task.train(new Float64Array(50).fill(1)));
  });
  it("the shift ruins the sharp wells and barely moves the flat ones", () => {
    const sharp = new Float64Array(50).fill(-1);
    const flat = new Float64Array(50).fill(1);
    expect(task.test(sharp) - task.train(sharp)).toBeGreaterThan(0.2);
    expect(Math.abs(task.test(flat) - task.train(flat))).toBeLessThan(0.02);
    expect(task.test(flat)).toBeLessThan(task.test(sharp));
  });
  it("fracFlat counts coordinates on the flat side; the shift has the requested std", () => {
    const x = new Float64Array(50).fill(-1);
    x.fill(1, 0, 10);
    expect(task.fracFlat(x)).toBe(0.2);
    const sd = Math.sqrt(task.shift.reduce((a, v) => a + v * v, 0) / 50);
    expect(sd).toBeGreaterThan(0.06);
    expect(sd).toBeLessThan(0.14);
  });
  it("is reproducible from its seed and validates its input", () => {
    expect(Array.from(twoBasinTask({ dim: 5, seed: 1 }).shift)).toEqual(
      Array.from(twoBasinTask({ dim: 5, seed: 1 }).shift),
    );
    expect(() => twoBasinTask({ dim: 0, seed: 1 })).toThrow(/dim/);
    expect(() => twoBasinTask({ dim: 3, seed: 1, shiftStd: -1 })).toThrow(/shiftStd/);
    expect(() => task.train(new Float64Array(3))).toThrow(/x must have length 50/);
  });
});
