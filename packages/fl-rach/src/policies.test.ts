import { describe, expect, it } from "vitest";
import { aogPolicy, aogScore, quantile } from "./aog-policy.js";
import { aoiThresholdPolicy } from "./aoi-threshold-policy.js";
import { genieBestNPolicy } from "./genie-policy.js";
import { idealPolicy } from "./ideal-policy.js";
import { normThresholdPolicy } from "./norm-threshold-policy.js";
import { activeToProbabilities, type FrameContext, type UserView } from "./policy.js";
import { roundRobinPolicy } from "./round-robin-policy.js";
import { vanillaAlohaPolicy } from "./vanilla-policy.js";

function view(id: number, over: Partial<UserView> = {}): UserView {
  return {
    id,
    updateNorm: 1,
    memoryNorm: 0,
    compensatedNorm: 1,
    framesSinceDelivery: 1,
    slotsSinceDelivery: 1,
    deliveries: 0,
    ...over,
  };
}
const ctx = (users: UserView[], frame = 0, slotsPerFrame = 5): FrameContext => ({
  frame,
  slotsPerFrame,
  users,
});

describe("activeToProbabilities (docs/method.md §c.2 access rules)", () => {
  it("count-aware p = 1/|A|, fixed p, and the empty-set fallbacks", () => {
    expect(Array.from(activeToProbabilities([true, false, true, true], "countAware"))).toEqual([
      1 / 3,
      0,
      1 / 3,
      1 / 3,
    ]);
    expect(Array.from(activeToProbabilities([true, false], { fixed: 0.2 }))).toEqual([0.2, 0]);
    expect(Array.from(activeToProbabilities([false, false, false, false], "countAware"))).toEqual([
      0.25, 0.25, 0.25, 0.25,
    ]);
    expect(Array.from(activeToProbabilities([false, false], "countAware", "silent"))).toEqual([0, 0]);
    expect(Array.from(activeToProbabilities([true], "countAware"))).toEqual([1]);
    expect(() => activeToProbabilities([true], { fixed: -1 })).toThrow(/access.fixed/);
    expect(() => activeToProbabilities([true], "countAware", "quiet" as "silent")).toThrow(/emptyActive/);
  });
});

describe("aogPolicy (docs/method.md §c.2)", () => {
  const users = [
    view(0, { memoryNorm: 3, updateNorm: 1, compensatedNorm: 3.5 }),
    view(1, { memoryNorm: 0.5, updateNorm: 1, compensatedNorm: 1.2 }),
    view(2, { memoryNorm: 2, updateNorm: 1, compensatedNorm: 2.5 }),
    view(3, { memoryNorm: 0, updateNorm: 2, compensatedNorm: 2 }),
  ];

  it("scores: memory − update, accumulated − update, ratio", () => {
    expect(aogScore(users[0] as UserView)).toBe(2);
    expect(aogScore(users[0] as UserView, "accumulatedMinusUpdate")).toBe(2.5);
    expect(aogScore(users[0] as UserView, "ratio")).toBe(3);
    expect(aogScore(view(9, { memoryNorm: 1, updateNorm: 0 }), "ratio")).toBe(Number.POSITIVE_INFINITY);
    expect(aogScore(view(9, { memoryNorm: 0, updateNorm: 0 }), "ratio")).toBe(0);
  });

  it("active iff score ≥ τ, count-aware probabilities", () => {
    const p = aogPolicy({ threshold: 1 }).frameProbabilities(ctx(users));
    expect(Array.from(p)).toEqual([0.5, 0, 0.5, 0]);
  });

  it("the ratio form compares ‖m‖/‖Δ‖ with 1 + τ", () => {
    const p = aogPolicy({ metric: "ratio", threshold: 1.5 }).frameProbabilities(ctx(users));
    expect(Array.from(p)).toEqual([1, 0, 0, 0]); // ratios 3, 0.5, 2, 0
  });

  it("the quantile threshold makes the more stale half active", () => {
    const p = aogPolicy({ threshold: { quantile: 0.5 } }).frameProbabilities(ctx(users));
    expect(Array.from(p)).toEqual([0.5, 0, 0.5, 0]);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([4, 1, 3, 2], 1)).toBe(4);
  });

  it("τ = −∞ makes everybody active; an empty active set falls back to vanilla or stays silent", () => {
    expect(
      Array.from(aogPolicy({ threshold: Number.NEGATIVE_INFINITY }).frameProbabilities(ctx(users))),
    ).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(Array.from(aogPolicy({ threshold: 100 }).frameProbabilities(ctx(users)))).toEqual([
      0.25, 0.25, 0.25, 0.25,
    ]);
    expect(
      Array.from(aogPolicy({ threshold: 100, emptyActive: "silent" }).frameProbabilities(ctx(users))),
    ).toEqual([0, 0, 0, 0]);
  });

  it("fixed access probability", () => {
    const p = aogPolicy({ threshold: 1, access: { fixed: 0.3 } }).frameProbabilities(ctx(users));
    expect(Array.from(p)).toEqual([0.3, 0, 0.3, 0]);
  });

  it("rejects bad options", () => {
    expect(() => aogPolicy({ threshold: Number.NaN })).toThrow(/threshold/);
    expect(() => aogPolicy({ threshold: { quantile: 2 } })).toThrow(/quantile/);
    expect(() => aogPolicy({ metric: "age" as "ratio" })).toThrow(/metric/);
    expect(() => aogPolicy({ access: { fixed: 2 } })).toThrow(/access.fixed/);
    expect(() => aogPolicy({ access: "sometimes" as "countAware" })).toThrow(/access/);
    expect(() => aogPolicy({ emptyActive: "loud" as "silent" })).toThrow(/emptyActive/);
  });
});

describe("baselines (docs/method.md §c.3)", () => {
  const users = [0, 1, 2, 3, 4].map((i) => view(i, { compensatedNorm: [3, 1, 4, 1, 5][i] as number }));

  it("vanilla: p = 1/N, or a given p", () => {
    expect(Array.from(vanillaAlohaPolicy().frameProbabilities(ctx(users)))).toEqual([
      0.2, 0.2, 0.2, 0.2, 0.2,
    ]);
    expect(vanillaAlohaPolicy({ p: 0.5 }).frameProbabilities(ctx(users))[0]).toBe(0.5);
    expect(() => vanillaAlohaPolicy({ p: -0.5 })).toThrow(/p/);
  });

  it("normThreshold: fixed τ and top fraction (ties to the lower index)", () => {
    expect(Array.from(normThresholdPolicy({ threshold: 3 }).frameProbabilities(ctx(users)))).toEqual([
      1 / 3,
      0,
      1 / 3,
      0,
      1 / 3,
    ]);
    expect(Array.from(normThresholdPolicy({ topFraction: 0.4 }).frameProbabilities(ctx(users)))).toEqual([
      0, 0, 0.5, 0, 0.5,
    ]);
    // ⌈0.7·5⌉ = 4: norms 5, 4, 3 and the first of the two 1's
    expect(Array.from(normThresholdPolicy({ topFraction: 0.7 }).frameProbabilities(ctx(users)))).toEqual([
      0.25, 0.25, 0.25, 0, 0.25,
    ]);
    expect(() => normThresholdPolicy({ topFraction: 2 })).toThrow(/topFraction/);
    expect(() => normThresholdPolicy({ threshold: Number.POSITIVE_INFINITY })).toThrow(/threshold/);
    expect(() => normThresholdPolicy({} as { threshold: number })).toThrow(/rule/);
  });

  it("aoiThreshold: frame ages, and slot ages decided per slot", () => {
    const aged = [1, 5, 8, 9].map((a, i) => view(i, { framesSinceDelivery: a, slotsSinceDelivery: a * 5 }));
    expect(Array.from(aoiThresholdPolicy({ ageThreshold: 8 }).frameProbabilities(ctx(aged)))).toEqual([
      0, 0, 0.5, 0.5,
    ]);
    const bySlot = aoiThresholdPolicy({ ageThreshold: 30, unit: "slot", access: { fixed: 0.25 } });
    const slotAges = new Float64Array([31, 2, 40, 29]);
    const p = bySlot.slotProbabilities?.({
      ...ctx(aged),
      slot: 0,
      deliveredThisFrame: new Set(),
      frameProbabilities: new Float64Array(4),
      slotAges,
    });
    expect(Array.from(p ?? [])).toEqual([0.25, 0, 0.25, 0]);
    expect(() => aoiThresholdPolicy({ ageThreshold: 0 })).toThrow(/ageThreshold/);
    expect(() => aoiThresholdPolicy({ ageThreshold: 3, unit: "hour" as "slot" })).toThrow(/unit/);
  });

  it("roundRobin: user (t·S + s) mod N in slot s of frame t", () => {
    const rr = roundRobinPolicy();
    const frame = rr.frameProbabilities(ctx(users, 1, 3));
    expect(Array.from(frame)).toEqual([1, 0, 0, 1, 1]); // slots 3, 4, 5 ≡ 3, 4, 0
    const p = rr.slotProbabilities?.({
      ...ctx(users, 1, 3),
      slot: 2,
      deliveredThisFrame: new Set(),
      frameProbabilities: frame,
      slotAges: new Float64Array(5),
    });
    expect(Array.from(p ?? [])).toEqual([1, 0, 0, 0, 0]);
  });

  it("ideal: everybody with p = 1 on a collision-free channel", () => {
    const ideal = idealPolicy();
    expect(Array.from(ideal.frameProbabilities(ctx(users)))).toEqual([1, 1, 1, 1, 1]);
    expect(ideal.defaultChannel?.().name).toBe("collision-free");
  });

  it("genieBestN tries n = 1..N top-‖a‖ users and keeps the best", async () => {
    const genie = genieBestNPolicy();
    const tried: number[] = [];
    // a score that peaks at n = 3
    const p = await genie.selectByTrial?.(ctx(users), async (probs) => {
      const n = Array.from(probs).filter((v) => v > 0).length;
      tried.push(n);
      return -Math.abs(n - 3);
    });
    expect(tried).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(p ?? [])).toEqual([1 / 3, 0, 1 / 3, 0, 1 / 3]);
    expect(() => genieBestNPolicy({ maxContenders: 0 })).toThrow(/maxContenders/);
  });
});
