import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import {
  type AccessChannel,
  captureChannel,
  checkOutcome,
  collisionChannel,
  collisionFreeChannel,
  erasureChannel,
} from "./channel.js";
import { alohaSuccessProbability, captureSuccessProbability } from "./channel-analysis.js";
import { counterRng, RngStream } from "./random-source.js";

/** Simulates `slots` symmetric slots with the addressed channel uniforms; returns the success fraction. */
function simulateSuccess(channel: AccessChannel, n: number, p: number, slots: number, seed: number): number {
  const rng = counterRng(seed);
  let success = 0;
  for (let s = 0; s < slots; s++) {
    const frame = Math.floor(s / 1000);
    const slot = s % 1000;
    const tx: number[] = [];
    for (let u = 0; u < n; u++) if (rng.uniform(RngStream.Channel, frame, slot, u) < p) tx.push(u);
    if (channel.resolve(tx, { frame, slot }, rng).kind === "success") success++;
  }
  return success / slots;
}

describe("collisionChannel (docs/method.md §b, §f.1)", () => {
  it("success iff exactly one transmitter", () => {
    const ch = collisionChannel();
    const rng = counterRng(1);
    expect(ch.resolve([], { frame: 0, slot: 0 }, rng)).toEqual({ kind: "idle" });
    expect(ch.resolve([4], { frame: 0, slot: 0 }, rng)).toEqual({ kind: "success", user: 4 });
    expect(ch.resolve([1, 4], { frame: 0, slot: 0 }, rng)).toEqual({ kind: "collision", users: [1, 4] });
  });

  it.each([
    [20, 0.05, 0.377354],
    [10, 0.1, 0.38742],
  ])("simulated throughput over 200 000 slots matches n p (1-p)^(n-1): n = %i, p = %f", (n, p, expected) => {
    expect(alohaSuccessProbability(n, p)).toBeCloseTo(expected, 6);
    const rate = simulateSuccess(collisionChannel(), n, p, 200_000, 11);
    const se = Math.sqrt((expected * (1 - expected)) / 200_000);
    expect(Math.abs(rate - expected)).toBeLessThan(4 * se);
  });

  it("throughput at p = 1/n decreases to 1/e (docs/method.md §f.2)", () => {
    expect(alohaSuccessProbability(2, 0.5)).toBeCloseTo(0.5, 12);
    expect(alohaSuccessProbability(10, 0.1)).toBeCloseTo(0.38742, 5);
    let prev = 1;
    for (const n of [2, 5, 10, 50, 200, 1000]) {
      const s = alohaSuccessProbability(n, 1 / n);
      expect(s).toBeLessThan(prev);
      expect(s).toBeGreaterThan(1 / Math.E);
      prev = s;
    }
    expect(alohaSuccessProbability(100_000, 1e-5)).toBeCloseTo(1 / Math.E, 5);
    // p = 1/n is the maximiser
    for (const p of [0.05, 0.09, 0.11, 0.2]) {
      expect(alohaSuccessProbability(10, p)).toBeLessThan(alohaSuccessProbability(10, 0.1));
    }
  });
});

describe("captureChannel (docs/method.md §f.7)", () => {
  it("simulated success rate matches n p (1-p)^(n-1) + c [1 - (1-p)^n - n p (1-p)^(n-1)]", () => {
    const n = 10;
    const p = 0.2;
    const c = 0.4;
    const expected = captureSuccessProbability(n, p, c);
    const rate = simulateSuccess(captureChannel({ captureProbability: c }), n, p, 200_000, 5);
    expect(Math.abs(rate - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / 200_000));
  });

  it("a capture names one of the contenders", () => {
    const ch = captureChannel({ captureProbability: 1 });
    const out = ch.resolve([2, 5, 7], { frame: 3, slot: 1 }, counterRng(1));
    expect(out.kind).toBe("success");
    if (out.kind === "success") {
      expect([2, 5, 7]).toContain(out.user);
      expect(out.contenders).toEqual([2, 5, 7]);
    }
  });

  it("rejects a capture probability outside [0, 1]", () => {
    expect(() => captureChannel({ captureProbability: 1.5 })).toThrow(/captureProbability/);
    expect(() => captureChannel({ captureProbability: Number.NaN })).toThrow(DescentError);
  });
});

describe("erasureChannel and collisionFreeChannel", () => {
  it("erasures remove a fraction e of the lone packets", () => {
    const e = 0.3;
    const rate = simulateSuccess(erasureChannel({ erasureProbability: e }), 1, 1, 100_000, 2);
    expect(Math.abs(rate - (1 - e))).toBeLessThan(4 * Math.sqrt((e * (1 - e)) / 100_000));
  });

  it("rejects an erasure probability outside [0, 1]", () => {
    expect(() => erasureChannel({ erasureProbability: -0.1 })).toThrow(/erasureProbability/);
  });

  it("the collision-free channel decodes every transmitter", () => {
    const ch = collisionFreeChannel();
    expect(ch.resolve([0, 1, 2], { frame: 0, slot: 0 }, counterRng(1))).toEqual({
      kind: "orthogonal",
      users: [0, 1, 2],
    });
    expect(ch.resolve([], { frame: 0, slot: 0 }, counterRng(1))).toEqual({ kind: "idle" });
  });

  it("checkOutcome rejects an outcome naming a silent user", () => {
    expect(() => checkOutcome({ kind: "success", user: 3 }, [1], "custom")).toThrow(/custom/);
    expect(() => checkOutcome({ kind: "success", user: 1 }, [1], "custom")).not.toThrow();
  });
});
