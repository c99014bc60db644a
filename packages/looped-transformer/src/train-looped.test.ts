import type { Matrix64 } from "@descent/core-tensor";
import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { evaluateGd, evaluateLsa } from "./evaluate.js";
import { gdBestStep } from "./gd-best-step.js";
import { samplePrompts } from "./prompt.js";
import { trainLooped } from "./train-looped.js";

const diagMean = (A: Matrix64): number => {
  let s = 0;
  for (let i = 0; i < A.rows; i++) s += A.data[i * A.cols + i] as number;
  return s / A.rows;
};

describe("trainLooped (float64, manual backward)", () => {
  it("docs/method.md §f.5: the 'sparse' T = 1 model learns A ≈ η*·I with diagonal mean within 0.05 of 20/26 = 0.769", () => {
    const r = trainLooped({ d: 5, n: 20, loops: 1, steps: 400, seed: 1 });
    const A = r.preconditioners?.[0] as Matrix64;
    expect(Math.abs(diagMean(A) - 20 / 26)).toBeLessThan(0.05);
    let off = 0;
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 5; j++) if (i !== j) off = Math.max(off, Math.abs(A.data[i * 5 + j] as number));
    expect(off).toBeLessThan(0.15 * diagMean(A)); // docs/method.md §e.4 (iii)
  });
  it("a trained T = 2 looped model is within 15 % of the paired best-step GD on 2,000 test prompts", () => {
    const r = trainLooped({ d: 5, n: 20, loops: 2, steps: 400, seed: 2 });
    const test = samplePrompts({ d: 5, n: 20, count: 2000, seed: 1234 });
    const best = gdBestStep(samplePrompts({ d: 5, n: 20, count: 4000, seed: 99 }), { loops: 2 });
    const trained = evaluateLsa(r.layers, test, { loops: 2 }).mse;
    const paired = evaluateGd(test, { loops: 2, eta: best.eta }).mse;
    expect(trained).toBeLessThan(1.15 * paired);
    expect(r.history[0]).toBeGreaterThan(3 * trained); // it did learn (A = 0 predicts 0: loss ≈ E[y_q²] = 5)
  });
  it("vector generation: the trained T = 2 model's weight error is below the untrained one's ‖w*‖² ≈ d", () => {
    const r = trainLooped({ d: 3, n: 12, loops: 2, steps: 200, task: "vector", seed: 3 });
    const test = samplePrompts({ d: 3, n: 12, count: 500, seed: 5 });
    const trained = evaluateLsa(r.layers, test, { loops: 2, task: "vector" }).mse;
    const gdErr = evaluateGd(test, { loops: 2, eta: 0.7, task: "vector" }).mse;
    expect(trained).toBeLessThan(0.5 * 3);
    expect(trained).toBeLessThan(1.3 * gdErr);
  });
  it("same seed → bit-identical weights and history; different seed → different", () => {
    const a = trainLooped({ d: 3, n: 8, loops: 2, steps: 20, seed: 4, parameterization: "full" });
    const b = trainLooped({ d: 3, n: 8, loops: 2, steps: 20, seed: 4, parameterization: "full" });
    const c = trainLooped({ d: 3, n: 8, loops: 2, steps: 20, seed: 5, parameterization: "full" });
    expect(Array.from(a.history)).toEqual(Array.from(b.history));
    expect(Array.from(a.layers[0]?.Q.data ?? [])).toEqual(Array.from(b.layers[0]?.Q.data ?? []));
    expect(Array.from(a.history)).not.toEqual(Array.from(c.history));
  });
  it("stacked sharing returns one layer per loop; looped returns one", () => {
    expect(trainLooped({ d: 2, n: 4, loops: 3, steps: 2, sharing: "stacked" }).layers).toHaveLength(3);
    expect(trainLooped({ d: 2, n: 4, loops: 3, steps: 2 }).layers).toHaveLength(1);
  });
  it("reports progress every step and stops on an aborted signal", () => {
    const seen: number[] = [];
    trainLooped({ d: 2, n: 4, loops: 1, steps: 5, onProgress: (p) => seen.push(p.step) });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    const ctl = new AbortController();
    ctl.abort();
    expect(() => trainLooped({ d: 2, n: 4, loops: 1, steps: 5, signal: ctl.signal })).toThrow(/aborted/);
  });
  it.each([
    [{ d: 0, n: 4, loops: 1 }, "d"],
    [{ d: 2, n: 0, loops: 1 }, "n"],
    [{ d: 2, n: 4, loops: 0 }, "loops"],
    [{ d: 2, n: 4, loops: 1, task: "classify" }, "task"],
    [{ d: 2, n: 4, loops: 1, parameterization: "dense" }, "parameterization"],
    [{ d: 2, n: 4, loops: 1, sharing: "tied" }, "sharing"],
    [{ d: 2, n: 4, loops: 1, steps: 0 }, "steps"],
    [{ d: 2, n: 4, loops: 1, batch: 1.5 }, "batch"],
    [{ d: 2, n: 4, loops: 1, learningRate: -1 }, "learningRate"],
    [{ d: 2, n: 4, loops: 1, clipNorm: 0 }, "clipNorm"],
    [{ d: 2, n: 4, loops: 1, initStd: -0.1 }, "initStd"],
    [{ d: 2, n: 4, loops: 1, schedule: "step" }, "schedule"],
    [{ d: 2, n: 4, loops: 1, noise: Number.NaN }, "noise"],
    [{ d: 2, n: 4, loops: 1, seed: 0.5 }, "seed"],
  ])("rejects %o naming %s", (opts, parameter) => {
    try {
      trainLooped(opts as Parameters<typeof trainLooped>[0]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DescentError);
      expect((e as DescentError).parameter).toBe(parameter);
    }
  });
});

describe("gdBestStep and evaluation", () => {
  it("T = 1: best η ≈ n/(n+d+1) = 0.769 and MSE ≈ 1.1538 (closed form (3)) on 20,000 prompts", () => {
    const r = gdBestStep(samplePrompts({ d: 5, n: 20, count: 20_000, seed: 31 }), { loops: 1 });
    expect(Math.abs(r.eta - 20 / 26)).toBeLessThan(0.02);
    expect(Math.abs(r.mse / (30 / 26) - 1)).toBeLessThan(0.04);
    expect(r.median).toBeLessThan(r.mse); // heavy right tail (docs/method.md §h.3)
  });
  it("T = 4, n = 20: best η within 0.03 of docs/method.md's population value 0.689 (e.4 table)", () => {
    const r = gdBestStep(samplePrompts({ d: 5, n: 20, count: 20_000, seed: 32 }), { loops: 4 });
    expect(Math.abs(r.eta - 0.689)).toBeLessThan(0.03);
    expect(Math.abs(r.mse / 0.1629 - 1)).toBeLessThan(0.1);
  });
  it("rejects bad options naming the parameter", () => {
    const ps = samplePrompts({ d: 2, n: 4, count: 3, seed: 1 });
    expect(() => gdBestStep(ps, { loops: 0 })).toThrow(/loops/);
    expect(() => gdBestStep(ps, { loops: 1, maxEta: -1 })).toThrow(/maxEta/);
    expect(() => gdBestStep(ps, { loops: 1, gridPoints: 2 })).toThrow(/gridPoints/);
    expect(() => evaluateGd(ps, { loops: 1, eta: 0 })).toThrow(/eta/);
    expect(() => evaluateLsa([], ps, { loops: 1 })).toThrow(/layers/);
    expect(() => evaluateGd([], { loops: 1, eta: 0.1 })).toThrow(/prompts/);
  });
});

describe("sparse backward variants", () => {
  it("'reduced' and 'lsa' sparse backward give the same training run (loss history to 1e-9 relative)", () => {
    const a = trainLooped({ d: 3, n: 8, loops: 3, steps: 15, batch: 8, seed: 6, sparseBackward: "reduced" });
    const b = trainLooped({ d: 3, n: 8, loops: 3, steps: 15, batch: 8, seed: 6, sparseBackward: "lsa" });
    for (let i = 0; i < a.history.length; i++) {
      expect(Math.abs((a.history[i] as number) / (b.history[i] as number) - 1)).toBeLessThan(1e-9);
    }
  });
});
