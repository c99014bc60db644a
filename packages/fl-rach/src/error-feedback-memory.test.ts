import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { ErrorFeedbackMemory } from "./error-feedback-memory.js";
import { selectTopK, squaredNorm } from "./top-k.js";

function runScript(dtype: "float32" | "float64", seed: number) {
  const rng = new Rng(seed);
  const d = 200;
  const mem = new ErrorFeedbackMemory(d, { dtype });
  const sumUpdates = new Float64Array(d);
  const sumDelivered = new Float64Array(d);
  for (let t = 0; t < 40; t++) {
    const update = Float64Array.from(rng.normalArray(d), (v) => v * (1 + t / 10));
    const delta = dtype === "float32" ? Float32Array.from(update) : update;
    for (let i = 0; i < d; i++) sumUpdates[i] = (sumUpdates[i] as number) + (delta[i] as number);
    const a = mem.compensate(delta);
    const g = selectTopK(a, 20);
    const delivered = rng.bernoulli(0.3);
    if (delivered)
      for (let j = 0; j < g.indices.length; j++) {
        const i = g.indices[j] as number;
        sumDelivered[i] = (sumDelivered[i] as number) + (g.values[j] as number);
      }
    mem.commit(g, delivered);
  }
  const residual = sumUpdates.map((v, i) => v - (sumDelivered[i] as number) - (mem.memory[i] as number));
  return Math.sqrt(squaredNorm(residual) / squaredNorm(sumUpdates));
}

describe("ErrorFeedbackMemory (docs/method.md §c.4, §f.9)", () => {
  it("conservation: Σ delivered + final memory = Σ updates, 1e-12 relative in float64", () => {
    expect(runScript("float64", 1)).toBeLessThan(1e-12);
    expect(runScript("float64", 2)).toBeLessThan(1e-12);
  });

  it("conservation holds to 1e-5 relative in float32", () => {
    expect(runScript("float32", 3)).toBeLessThan(1e-5);
  });

  it("with no delivery ever, m_T = Σ_t Δ_t exactly", () => {
    const mem = new ErrorFeedbackMemory(3);
    const updates = [
      [1, 2, 3],
      [0.5, -1, 0.25],
      [-2, 0, 8],
    ];
    for (const u of updates) {
      const a = mem.compensate(Float64Array.from(u));
      mem.commit(selectTopK(a, 1), false);
    }
    expect(Array.from(mem.memory)).toEqual([-0.5, 1, 11.25]);
  });

  it("optimistic mode drops the packet whatever happened; decay γ scales the old memory", () => {
    const opt = new ErrorFeedbackMemory(2, { mode: "optimistic" });
    let a = opt.compensate(new Float64Array([3, 1]));
    opt.commit(selectTopK(a, 1), false);
    expect(Array.from(opt.memory)).toEqual([0, 1]);
    const leaky = new ErrorFeedbackMemory(2, { decay: 0.5 });
    a = leaky.compensate(new Float64Array([4, 2]));
    leaky.commit(null, false);
    a = leaky.compensate(new Float64Array([1, 1]));
    expect(Array.from(a)).toEqual([3, 2]);
    expect(leaky.norm()).toBeCloseTo(Math.sqrt(20), 14);
  });

  it("rejects bad options and misuse", () => {
    expect(() => new ErrorFeedbackMemory(0)).toThrow(/dimension/);
    expect(() => new ErrorFeedbackMemory(3, { decay: 1.5 })).toThrow(/decay/);
    expect(() => new ErrorFeedbackMemory(3, { mode: "lossy" as "optimistic" })).toThrow(/mode/);
    expect(() => new ErrorFeedbackMemory(3, { dtype: "int8" as "float32" })).toThrow(/dtype/);
    const mem = new ErrorFeedbackMemory(3);
    expect(() => mem.compensate(new Float64Array(2))).toThrow(/update/);
    expect(() => mem.commit(null, false)).toThrow(/compensate/);
    mem.compensate(new Float64Array(3));
    expect(() => mem.commit(null, true)).toThrow(/sent/);
  });
});
