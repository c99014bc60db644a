import { DescentError, Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import type { AskTellOptimizer } from "./ask-tell.js";
import { Ingo } from "./ingo.js";
import { minimize } from "./minimize.js";
import { firstNonPositivePrecision } from "./natural-gradient-step.js";
import { Sabo } from "./sabo.js";
import { twoBasinTask } from "./two-basin-task.js";

const f64 = (...v: number[]) => Float64Array.from(v);

// The web gallery's configuration (docs/method.md §h.3): d = 2, β = 1/√2, N = 20, σ0 = 0.3, ρ = 1, seed 3.
// On this run the additive step (9) of the very first iteration is 1/s + 2βG̃ ≤ 0 (G̃ measured at s̃ = s/2).
const SEED = 3;
const task = twoBasinTask({ dim: 2, seed: SEED });
const common = {
  dim: 2,
  mean0: new Rng(10_000 + SEED).uniformArray(2, -1.5, 1.5),
  sigma0: 0.3,
  populationSize: 20,
  learningRate: 1 / Math.sqrt(2),
  seed: SEED,
};

function run(optimizer: AskTellOptimizer, iterations: number): void {
  for (let t = 0; t < iterations && optimizer.stopReason() === null; t++) {
    const start = optimizer.iteration;
    while (optimizer.iteration === start && optimizer.stopReason() === null) {
      const batch = optimizer.ask();
      optimizer.tell(batch.points.map(task.train));
    }
  }
}

describe("non-positive precision of the additive step (9) (docs/method.md §h.3)", () => {
  it("finds the first coordinate with 1/s + 2βG ≤ 0 (closed form)", () => {
    // s = (1, 0.5), G = (−1, −1): 1/s + 2βG = (1 − 2β, 2 − 2β)
    expect(firstNonPositivePrecision(f64(1, 0.5), f64(-1, -1), 0.4)).toBe(-1);
    expect(firstNonPositivePrecision(f64(1, 0.5), f64(-1, -1), 0.5)).toBe(0);
    expect(firstNonPositivePrecision(f64(0.5, 1), f64(-1, -1), 0.75)).toBe(1);
    expect(firstNonPositivePrecision(f64(1), f64(Number.NaN), 0.1)).toBe(0);
  });

  it("old behaviour ('floor'): the mean is thrown to about 1e12 while INGO stays in a well", () => {
    const floored = new Sabo({ ...common, rho: 1, nonPositivePrecision: "floor" });
    run(floored, 120);
    expect(floored.stopReason()).toBeNull();
    expect(Math.max(...Array.from(floored.recommendation(), Math.abs))).toBeGreaterThan(1e11);
    const ingo = new Ingo(common);
    run(ingo, 120);
    expect(ingo.divergence).toBeNull();
    for (const v of ingo.recommendation()) expect(Math.abs(Math.abs(v) - 1)).toBeLessThan(0.05);
  });

  it("default ('stop'): rejects the step, keeps a finite Gaussian and names rho", () => {
    const sabo = new Sabo({ ...common, rho: 1 });
    run(sabo, 120);
    expect(sabo.stopReason()).toBe("diverged");
    expect(sabo.iteration).toBe(1);
    // the rejected step leaves the starting Gaussian untouched
    expect(Array.from(sabo.recommendation())).toEqual(Array.from(common.mean0));
    for (const v of sabo.state.variance) expect(v).toBeCloseTo(0.09, 15);
    const info = sabo.divergence;
    expect(info).not.toBeNull();
    expect(info?.iteration).toBe(0);
    expect(info?.relativeStep).toBeLessThanOrEqual(-1);
    expect(info?.message).toMatch(/rho = 1/);
    expect(info?.message).toMatch(/learningRate/);
  });

  it("minimize reports stopReason 'diverged' with a finite solution", async () => {
    const result = await minimize(task.train, new Sabo({ ...common, rho: 1 }), { maxIterations: 120 });
    expect(result.stopReason).toBe("diverged");
    for (const v of result.x) expect(Number.isFinite(v) && Math.abs(v) < 2).toBe(true);
  });

  it("covarianceUpdate 'multiplicative' never triggers the check on the same run", () => {
    const sabo = new Sabo({ ...common, rho: 1, covarianceUpdate: "multiplicative" });
    run(sabo, 120);
    expect(sabo.stopReason()).toBeNull();
    expect(sabo.divergence).toBeNull();
  });

  it("rejects an unknown nonPositivePrecision value, naming the option", () => {
    expect(() => new Sabo({ dim: 2, nonPositivePrecision: "ignore" as never })).toThrow(DescentError);
    expect(() => new Sabo({ dim: 2, nonPositivePrecision: "ignore" as never })).toThrow(
      /nonPositivePrecision/,
    );
  });
});
