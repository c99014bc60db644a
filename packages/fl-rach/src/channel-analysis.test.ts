import { describe, expect, it } from "vitest";
import {
  alohaAverageAge,
  alohaSuccessProbability,
  captureSuccessProbability,
  expectedDistinctDeliveries,
  slotOutcomeProbabilities,
} from "./channel-analysis.js";

const fill = (n: number, p: number) => new Array<number>(n).fill(p);

describe("slotOutcomeProbabilities (docs/method.md §f.1)", () => {
  it("symmetric case equals the closed form, and the three add to 1", () => {
    const o = slotOutcomeProbabilities(fill(20, 0.05));
    expect(o.success).toBeCloseTo(0.377354, 6);
    expect(o.idle).toBeCloseTo(0.95 ** 20, 12);
    expect(o.idle + o.success + o.collision).toBeCloseTo(1, 12);
  });

  it("handles p = 1 without dividing by zero", () => {
    expect(slotOutcomeProbabilities([1, 0, 0])).toEqual({ idle: 0, success: 1, collision: 0 });
    const both = slotOutcomeProbabilities([1, 1]);
    expect(both.success).toBe(0);
    expect(both.collision).toBe(1);
  });

  it("heterogeneous p: brute-force enumeration agrees", () => {
    const p = [0.1, 0.5, 0.3, 0.8];
    let idle = 0;
    let success = 0;
    for (let mask = 0; mask < 16; mask++) {
      let prob = 1;
      let count = 0;
      for (let u = 0; u < 4; u++) {
        const on = (mask >> u) & 1;
        prob *= on ? (p[u] as number) : 1 - (p[u] as number);
        count += on;
      }
      if (count === 0) idle += prob;
      if (count === 1) success += prob;
    }
    const o = slotOutcomeProbabilities(p);
    expect(o.idle).toBeCloseTo(idle, 14);
    expect(o.success).toBeCloseTo(success, 14);
  });

  it("rejects a probability outside [0, 1]", () => {
    expect(() => slotOutcomeProbabilities([0.2, 1.2])).toThrow(/p\[1\]/);
  });
});

describe("expectedDistinctDeliveries (docs/method.md §f.3, §f.4)", () => {
  it("keepContending: n = 10, p = 0.1, S = 10 → 3.264041; n = 20, p = 0.05, S = 5 → 1.816901", () => {
    expect(expectedDistinctDeliveries(fill(10, 0.1), 10)).toBeCloseTo(3.264041, 6);
    expect(expectedDistinctDeliveries(fill(20, 0.05), 5)).toBeCloseTo(1.816901, 6);
    // docs/method.md §e item 2: 1.79 for N = 10, S = 5, p = 0.1
    expect(expectedDistinctDeliveries(fill(10, 0.1), 5)).toBeCloseTo(1.79, 2);
  });

  it("stopContending: n = 10, p = 0.1, S = 10 → 3.778314, above keepContending", () => {
    const stop = expectedDistinctDeliveries(fill(10, 0.1), 10, "stopContending");
    expect(stop).toBeCloseTo(3.778314, 6);
    expect(stop).toBeGreaterThanOrEqual(expectedDistinctDeliveries(fill(10, 0.1), 10));
  });

  it("stopContending ignores silent users and refuses unequal probabilities", () => {
    expect(expectedDistinctDeliveries([0.1, 0, 0.1], 3, "stopContending")).toBeCloseTo(
      expectedDistinctDeliveries([0.1, 0.1], 3, "stopContending"),
      14,
    );
    expect(() => expectedDistinctDeliveries([0.1, 0.2], 3, "stopContending")).toThrow(/common/);
  });

  it("rejects bad slots and modes", () => {
    expect(() => expectedDistinctDeliveries([0.1], -1)).toThrow(/slots/);
    expect(() => expectedDistinctDeliveries([0.1], 2, "sometimes" as "stopContending")).toThrow(
      /afterSuccess/,
    );
  });
});

describe("alohaAverageAge (docs/method.md §f.6)", () => {
  it("p = 1/n: n = 20 → 53.0, n = 50 → 134.6, ≈ e·n", () => {
    expect(alohaAverageAge(20, 1 / 20)).toBeCloseTo(53.0, 1);
    expect(alohaAverageAge(50, 1 / 50)).toBeCloseTo(134.6, 1);
    expect(alohaAverageAge(1000, 1 / 1000) / 1000).toBeCloseTo(Math.E, 2);
  });

  it("rejects p = 0 and n = 0", () => {
    expect(() => alohaAverageAge(10, 0)).toThrow(/p/);
    expect(() => alohaAverageAge(0, 0.5)).toThrow(/n/);
  });
});

describe("alohaSuccessProbability and captureSuccessProbability input validation", () => {
  it("reject a negative or fractional n, p outside [0, 1], NaN and a capture probability outside [0, 1]", () => {
    expect(() => alohaSuccessProbability(-1, 0.1)).toThrow(/n/);
    expect(() => alohaSuccessProbability(2.5, 0.1)).toThrow(/n/);
    expect(() => alohaSuccessProbability(10, 1.5)).toThrow(/p/);
    expect(() => alohaSuccessProbability(10, Number.NaN)).toThrow(/p/);
    expect(() => captureSuccessProbability(10, 0.1, -0.1)).toThrow(/captureProbability/);
    expect(() => captureSuccessProbability(10, 0.1, Number.NaN)).toThrow(/captureProbability/);
    expect(() => captureSuccessProbability(10, 2, 0.5)).toThrow(/p/);
  });
});
