import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { NStepAccumulator, ReplayBuffer } from "./replay-buffer.js";

describe("ReplayBuffer (docs/method.md §A.4)", () => {
  it("wraps around: after capacity + k adds, the oldest k are overwritten", () => {
    const buf = new ReplayBuffer({ capacity: 5, obsDim: 1 });
    for (let i = 0; i < 8; i++) buf.add([i], i % 2, i, [i + 1], false);
    expect(buf.size).toBe(5);
    const seen = new Set<number>();
    const rng = new Rng(1);
    for (let k = 0; k < 50; k++) {
      const b = buf.sample(4, rng);
      for (let r = 0; r < 4; r++) {
        seen.add(b.rewards[r] as number);
        expect(b.nextObs[r]).toBe((b.obs[r] as number) + 1);
        expect(b.actions[r]).toBe((b.rewards[r] as number) % 2);
      }
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it("samples uniformly: chi-square over 20 slots below the 0.999 quantile (43.8, 19 dof)", () => {
    const buf = new ReplayBuffer({ capacity: 20, obsDim: 2 });
    for (let i = 0; i < 20; i++) buf.add([i, 0], 0, i, [0, 0], i === 3);
    const counts = new Array(20).fill(0);
    const rng = new Rng(42);
    const draws = 20_000;
    for (let k = 0; k < draws / 100; k++) {
      const b = buf.sample(100, rng);
      for (let r = 0; r < 100; r++) counts[b.indices[r] as number] += 1;
    }
    const e = draws / 20;
    const chi2 = counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(43.82);
  });

  it("stores continuous actions and the terminated flag", () => {
    const buf = new ReplayBuffer({ capacity: 3, obsDim: 1, actionDim: 2 });
    buf.add([1], [0.5, -0.5], 1, [2], true);
    const b = buf.sample(2, new Rng(0));
    expect(Array.from(b.continuousActions)).toEqual([0.5, -0.5, 0.5, -0.5]);
    expect(Array.from(b.terminated)).toEqual([1, 1]);
  });

  it("same seed → same batch; sampling reuses its arrays", () => {
    const buf = new ReplayBuffer({ capacity: 100, obsDim: 1 });
    for (let i = 0; i < 100; i++) buf.add([i], 0, i, [i], false);
    const a = Array.from(buf.sample(8, new Rng(5)).rewards);
    const b1 = buf.sample(8, new Rng(5));
    expect(Array.from(b1.rewards)).toEqual(a);
    const b2 = buf.sample(8, new Rng(6));
    expect(b2.rewards).toBe(b1.rewards);
  });

  it("rejects bad sizes, shapes, rewards and empty sampling", () => {
    expect(() => new ReplayBuffer({ capacity: 0, obsDim: 1 })).toThrow(/capacity/);
    expect(() => new ReplayBuffer({ capacity: 1, obsDim: 0 })).toThrow(/obsDim/);
    const buf = new ReplayBuffer({ capacity: 2, obsDim: 2 });
    expect(() => buf.sample(1, new Rng(0))).toThrow(/empty/);
    expect(() => buf.add([1], 0, 0, [1, 2], false)).toThrow(/obs/);
    expect(() => buf.add([1, 2], 0.5, 0, [1, 2], false)).toThrow(/action/);
    expect(() => buf.add([1, 2], 0, Number.NaN, [1, 2], false)).toThrow(/reward/);
    buf.add([1, 2], 0, 0, [1, 2], false);
    expect(() => buf.sample(0, new Rng(0))).toThrow(/batchSize/);
  });
});

describe("NStepAccumulator (docs/method.md §A.4)", () => {
  it("emits Σ γ^i r_{t+i} with s_{t+n} and flushes at the episode end", () => {
    const acc = new NStepAccumulator<number>(3, 0.5);
    const s = (v: number) => Float64Array.of(v);
    expect(acc.push(s(0), 0, 1, s(1), false, false)).toHaveLength(0);
    expect(acc.push(s(1), 1, 2, s(2), false, false)).toHaveLength(0);
    const [t0] = acc.push(s(2), 0, 4, s(3), false, false);
    expect(t0?.reward).toBe(1 + 0.5 * 2 + 0.25 * 4);
    expect(t0?.nextObs[0]).toBe(3);
    expect(t0?.steps).toBe(3);
    const flushed = acc.push(s(3), 1, 8, s(4), true, false);
    expect(flushed.map((t) => t.reward)).toEqual([2 + 0.5 * 4 + 0.25 * 8, 4 + 0.5 * 8, 8]);
    expect(flushed.every((t) => t.terminated)).toBe(true);
    expect(() => new NStepAccumulator(0, 0.9)).toThrow(/n/);
    expect(() => new NStepAccumulator(1, 1.5)).toThrow(/gamma/);
  });
});
