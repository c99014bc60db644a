import { describe, expect, it } from "vitest";
import { createCartPole } from "./cartpole.js";
import { DqnAgent } from "./dqn.js";
import { trainAgent } from "./runner.js";
import { schedules, withSchedule } from "./schedules.js";

describe("learning-rate schedules (docs/method.md §B.c baselines 2-3)", () => {
  it("exponential: η_t = η0·exp(−d·t)", () => {
    const s = schedules.exponential(1e-3, 1e-4);
    expect(s.lrAt(0)).toBe(1e-3);
    expect(s.lrAt(10_000)).toBeCloseTo(1e-3 * Math.exp(-1), 15);
  });

  it("cyclical (triangular): min at 0, max at stepSize, min again at 2·stepSize, linear in between", () => {
    const s = schedules.cyclical(1e-4, 1e-2, 100);
    expect(s.lrAt(0)).toBeCloseTo(1e-4, 15);
    expect(s.lrAt(100)).toBeCloseTo(1e-2, 15);
    expect(s.lrAt(50)).toBeCloseTo((1e-4 + 1e-2) / 2, 15);
    expect(s.lrAt(200)).toBeCloseTo(1e-4, 15);
    expect(s.lrAt(350)).toBeCloseTo((1e-4 + 1e-2) / 2, 15);
  });

  it("withSchedule sets the optimizer's rate from the gradient-step count", () => {
    const agent = withSchedule(
      new DqnAgent(4, 2, { hiddenSizes: [8], minReplay: 10, batchSize: 8, updatePeriod: 1 }),
      schedules.exponential(1e-3, 1e-2),
    );
    trainAgent({ env: createCartPole({ seed: 1 }), agent, totalSteps: 100 });
    // the rate is set before each step from the count of updates done so far
    expect(agent.optimizers[0]?.learningRate).toBeCloseTo(
      1e-3 * Math.exp(-1e-2 * (agent.gradientSteps - 1)),
      15,
    );
  });

  it("rejects bad parameters", () => {
    expect(() => schedules.constant(0)).toThrow(/lr/);
    expect(() => schedules.exponential(1e-3, -1)).toThrow(/d/);
    expect(() => schedules.cyclical(1e-2, 1e-4, 10)).toThrow(/max/);
    expect(() => schedules.cyclical(1e-4, 1e-2, 0)).toThrow(/stepSize/);
    const agent = new DqnAgent(4, 2, { hiddenSizes: [8] });
    expect(() => withSchedule(agent, schedules.constant(1e-3), { unit: "epoch" as "envStep" })).toThrow(
      /unit/,
    );
    expect(() => withSchedule(agent, {} as never)).toThrow(/schedule/);
  });
});
