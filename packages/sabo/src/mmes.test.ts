import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { minimize } from "./minimize.js";
import { Mmes } from "./mmes.js";

const sphere = (x: Float64Array) => x.reduce((a, v) => a + v * v, 0);

describe("MMES (docs/method.md §c.6, pypop7 formulation)", () => {
  it("samples mirrored pairs x = m ± σz and evaluates the start point once in the first iteration", () => {
    const opt = new Mmes({ dim: 5, mean0: 2, populationSize: 6, seed: 1 });
    expect(opt.evaluationsPerIteration).toBe(7);
    const { points } = opt.ask();
    expect(points).toHaveLength(7);
    for (let k = 0; k < 3; k++)
      for (let j = 0; j < 5; j++)
        expect((points[k]![j] as number) + (points[k + 3]![j] as number)).toBeCloseTo(4, 12);
    expect(Array.from(points[6]!)).toEqual([2, 2, 2, 2, 2]);
    opt.tell(points.map(sphere));
    expect(opt.evaluations).toBe(7);
    expect(opt.evaluationsPerIteration).toBe(6);
    expect(opt.ask().points).toHaveLength(6);
  });
  it("never exceeds the evaluation budget, counting the start point", async () => {
    const run = await minimize(sphere, new Mmes({ dim: 10, populationSize: 10, seed: 1 }), {
      maxEvaluations: 100,
    });
    expect(run.evaluations).toBe(91); // 11 + 8 × 10
  });
  it("an odd λ leaves the last sample unmirrored", () => {
    const opt = new Mmes({ dim: 3, populationSize: 5, seed: 2 });
    expect(opt.ask().points).toHaveLength(6); // 5 + the start point
  });
  it("reaches < 1e-10 on the 10-d sphere within 3,000 evaluations", async () => {
    const run = await minimize(sphere, new Mmes({ dim: 10, mean0: 1, seed: 1 }), {
      maxEvaluations: 3000,
      targetValue: 1e-10,
    });
    expect(run.stopReason).toBe("targetValue");
  });
  it("shrinks σ when a generation cannot beat the previous one (flat objective)", async () => {
    const opt = new Mmes({ dim: 4, seed: 3 });
    await minimize(() => 1, opt, { maxIterations: 20 });
    // every rank test fails (ties are not wins): w → −√(μ_eff)·…, σ shrinks each generation
    expect(opt.stepSize).toBeLessThan(0.01);
  });
  it("is reproducible from its seed", async () => {
    const go = () => minimize(sphere, new Mmes({ dim: 6, mean0: 1, seed: 4 }), { maxEvaluations: 600 });
    const [a, b] = await Promise.all([go(), go()]);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
  });
  it.each([
    [{ dim: 0 }, /dim/],
    [{ dim: 3, populationSize: 1 }, /populationSize/],
    [{ dim: 3, sigma0: 0 }, /sigma0/],
    [{ dim: 3, paths: 0 }, /paths/],
    [{ dim: 3, mixing: 0 }, /mixing/],
    [{ dim: 3, pathLearningRate: 1.5 }, /pathLearningRate/],
    [{ dim: 3, stepLearningRate: -1 }, /stepLearningRate/],
  ] as const)("rejects %o", (options, pattern) => {
    expect(() => new Mmes(options as never)).toThrow(DescentError);
    expect(() => new Mmes(options as never)).toThrow(pattern);
  });
});
