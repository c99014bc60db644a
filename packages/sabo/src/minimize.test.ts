import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { Ingo } from "./ingo.js";
import { minimize } from "./minimize.js";
import { Sabo } from "./sabo.js";

const sphere = (x: Float64Array) => x.reduce((a, v) => a + v * v, 0);

describe("minimize", () => {
  it("defaults to the 8,000-evaluation budget and never exceeds it (docs/method.md §c.4)", async () => {
    const run = await minimize(sphere, new Sabo({ dim: 4, populationSize: 30 }));
    expect(run.evaluations).toBe(7980); // 133 iterations × 60
    expect(run.stopReason).toBe("maxEvaluations");
    expect(run.history).toHaveLength(133);
    expect(run.history.at(-1)?.evaluations).toBe(7980);
  });
  it("stops on maxIterations", async () => {
    const run = await minimize(sphere, new Ingo({ dim: 3 }), { maxIterations: 7 });
    expect(run.iterations).toBe(7);
    expect(run.stopReason).toBe("maxIterations");
  });
  it("gives the same result for sync, async and batch objectives", async () => {
    const a = await minimize(sphere, new Sabo({ dim: 3, rho: 1, seed: 2 }), { maxEvaluations: 800 });
    const b = await minimize(async (x) => sphere(x), new Sabo({ dim: 3, rho: 1, seed: 2 }), {
      maxEvaluations: 800,
    });
    let calls = 0;
    const c = await minimize(
      async (xs: readonly Float64Array[]) => {
        calls++;
        return xs.map(sphere);
      },
      new Sabo({ dim: 3, rho: 1, seed: 2 }),
      { maxEvaluations: 800, batch: true },
    );
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    expect(Array.from(c.x)).toEqual(Array.from(a.x));
    expect(calls).toBe(40); // 20 iterations × (ascent + descent)
  });
  it("stops at a target value and on lack of improvement (early stopping)", async () => {
    const t = await minimize(sphere, new Ingo({ dim: 2, mean0: 1, seed: 1 }), { targetValue: 1e-3 });
    expect(t.stopReason).toBe("targetValue");
    expect(t.best.value).toBeLessThanOrEqual(1e-3);
    const p = await minimize(() => 1, new Ingo({ dim: 2 }), { patience: 5 });
    expect(p.stopReason).toBe("noImprovement");
    // the first iteration improves on +Infinity, then 5 iterations without improvement
    expect(p.iterations).toBe(6);
  });
  it("reports progress after every iteration and stops when the callback says so", async () => {
    const seen: number[] = [];
    const run = await minimize(sphere, new Sabo({ dim: 2, rho: 1 }), {
      onProgress: (p) => {
        seen.push(p.evaluations);
        expect(p.batchValues).toHaveLength(40);
        expect(p.fraction).toBeCloseTo(p.evaluations / 8000, 12);
        return p.iteration === 3 ? "stop" : undefined;
      },
    });
    expect(seen).toEqual([40, 80, 120]);
    expect(run.stopReason).toBe("callback");
  });
  it("returns the partial result when aborted, including between SABO's two batches", async () => {
    const controller = new AbortController();
    const opt = new Sabo({ dim: 2, rho: 1 });
    let n = 0;
    const run = await minimize(
      (x) => {
        if (++n === 30) controller.abort();
        return sphere(x);
      },
      opt,
      { signal: controller.signal },
    );
    expect(run.stopReason).toBe("aborted");
    expect(run.evaluations).toBe(40);
    const pre = new AbortController();
    pre.abort();
    const none = await minimize(sphere, new Ingo({ dim: 2 }), { signal: pre.signal });
    expect(none.evaluations).toBe(0);
    expect(none.stopReason).toBe("aborted");
  });
  it("continues a run where the previous call stopped", async () => {
    const opt = new Ingo({ dim: 3, seed: 3 });
    await minimize(sphere, opt, { maxIterations: 5 });
    const second = await minimize(sphere, opt, { maxIterations: 5 });
    expect(opt.iteration).toBe(10);
    expect(second.iterations).toBe(5);
    const straight = await minimize(sphere, new Ingo({ dim: 3, seed: 3 }), { maxIterations: 10 });
    expect(Array.from(second.x)).toEqual(Array.from(straight.x));
  });
  it("stops with the method's own reason when the variance collapses", async () => {
    const run = await minimize(sphere, new Ingo({ dim: 2, seed: 1, collapseVariance: 1e-3 }), {
      maxEvaluations: Number.POSITIVE_INFINITY,
      maxIterations: 10_000,
    });
    expect(run.stopReason).toBe("collapsed");
  });
  it("rejects bad arguments with errors naming them", async () => {
    const opt = new Ingo({ dim: 2 });
    await expect(minimize(3 as never, opt)).rejects.toThrow(/f must be a function/);
    await expect(minimize(sphere, {} as never)).rejects.toThrow(/optimizer/);
    await expect(minimize(sphere, opt, { maxEvaluations: 0 })).rejects.toThrow(/maxEvaluations/);
    await expect(minimize(sphere, opt, { maxIterations: -1 })).rejects.toThrow(/maxIterations/);
    await expect(minimize(sphere, opt, { targetValue: Number.NaN })).rejects.toThrow(/targetValue/);
    await expect(minimize(sphere, opt, { patience: 0 })).rejects.toThrow(/patience/);
    await expect(minimize(sphere, opt, { minImprovement: -1 })).rejects.toThrow(/minImprovement/);
    await expect(minimize(() => Number.NaN, opt)).rejects.toThrow(DescentError);
    await expect(
      minimize((xs: readonly Float64Array[]) => [xs.length], new Ingo({ dim: 2 }), { batch: true }),
    ).rejects.toThrow(/one entry per asked point/);
    const oracle = new Sabo({ dim: 1, rho: 0, gradientOracle: () => ({ gMean: [0], gVar: [0] }) });
    await expect(minimize(sphere, oracle)).rejects.toThrow(/maxIterations must be finite/);
  });
});
