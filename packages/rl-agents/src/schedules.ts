/**
 * Learning-rate schedules, the LRRL baselines of docs/method.md §B.c: constant, exponential decay
 * η_t = η_0·exp(−d·t), and Smith's (2017) triangular cyclical rate. `withSchedule` applies one to an
 * agent's optimizers before every environment step, indexed by the agent's gradient-step count
 * (docs/method.md §B.c [project]: t = gradient steps) or by environment steps.
 */
import { assertNonNegative, assertPositive, DescentError } from "@descent/core-tensor";
import type { LearningAgent, Transition } from "./agent.js";

/** A learning rate as a function of a step counter. */
export interface LrSchedule {
  lrAt(step: number): number;
}

/** The schedule baselines of docs/method.md §B.c / B.g. */
export const schedules = {
  /** η_t = lr. */
  constant(lr: number): LrSchedule {
    assertPositive(lr, "lr");
    return { lrAt: () => lr };
  },
  /** η_t = lr0·exp(−d·t) (docs/method.md §B.c baseline 2; the paper's d ∈ {1, 2, 3}×10⁻⁷ on Atari). */
  exponential(lr0: number, d: number): LrSchedule {
    assertPositive(lr0, "lr0");
    assertNonNegative(d, "d");
    return { lrAt: (t) => lr0 * Math.exp(-d * t) };
  },
  /**
   * Triangular cyclical rate (Smith 2017; docs/method.md §B.c baseline 3): linear from `min` up to `max` over
   * `stepSize` steps and back down, period 2·stepSize.
   */
  cyclical(min: number, max: number, stepSize: number): LrSchedule {
    assertPositive(min, "min");
    assertPositive(max, "max");
    assertPositive(stepSize, "stepSize");
    if (max < min) {
      throw new DescentError(`max must be ≥ min (${min}), received ${max}`, {
        parameter: "max",
        code: "range",
      });
    }
    return {
      lrAt: (t) => {
        const cycle = Math.floor(1 + t / (2 * stepSize));
        const x = Math.abs(t / stepSize - 2 * cycle + 1);
        return min + (max - min) * Math.max(0, 1 - x);
      },
    };
  },
};

/** Options of {@link withSchedule}. */
export interface WithScheduleOptions {
  /** Counter the schedule is indexed by: `'gradientStep'` (default, docs/method.md §B.c [project]) or `'envStep'`. */
  unit?: "gradientStep" | "envStep";
}

/** Wraps `agent` so that its optimizers follow `schedule` (set before every observed step). */
export function withSchedule<A, G extends LearningAgent<A>>(
  agent: G,
  schedule: LrSchedule,
  opts: WithScheduleOptions = {},
): G {
  const unit = opts.unit ?? "gradientStep";
  if (unit !== "gradientStep" && unit !== "envStep") {
    throw new DescentError(`unit must be 'gradientStep' or 'envStep', received ${String(unit)}`, {
      parameter: "unit",
    });
  }
  if (schedule === null || typeof schedule?.lrAt !== "function") {
    throw new DescentError("schedule must have an lrAt(step) method", { parameter: "schedule" });
  }
  const apply = (): void => {
    const lr = schedule.lrAt(unit === "gradientStep" ? agent.gradientSteps : agent.envSteps);
    for (const opt of agent.optimizers) opt.learningRate = lr;
  };
  apply();
  const observe = (t: Transition<A>): void => {
    apply();
    agent.observe(t);
  };
  return new Proxy(agent, {
    get(target, prop) {
      if (prop === "observe") return observe;
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" && prop !== "constructor" ? v.bind(target) : v;
    },
  });
}
