import { describe, expect, it } from "vitest";
import { createCartPole } from "./cartpole.js";
import { DqnAgent } from "./dqn.js";
import {
  binnedReturns,
  evaluateAgent,
  interquartileMean,
  meanAndStandardError,
  trainAgent,
} from "./runner.js";

describe("runner and aggregation (docs/method.md §A.9)", () => {
  it("episode lengths add up to the steps of finished episodes; evaluations run on schedule", () => {
    const agent = new DqnAgent(4, 2, { hiddenSizes: [8], minReplay: 50, batchSize: 8 });
    const events: number[] = [];
    const progress: number[] = [];
    const res = trainAgent({
      env: createCartPole({ seed: 1 }),
      evalEnv: createCartPole({ seed: 2 }),
      agent,
      totalSteps: 600,
      evalEvery: 300,
      evalEpisodes: 2,
      progressEvery: 200,
      onEpisode: (e) => events.push(e.return),
      onProgress: (d) => progress.push(d),
    });
    expect(events).toEqual(res.episodes.map((e) => e.return));
    const last = res.episodes.at(-1);
    expect(res.episodes.reduce((s, e) => s + e.length, 0)).toBe(last?.step);
    expect(res.evaluations.map((e) => e.step)).toEqual([300, 600]);
    expect(progress).toEqual([200, 400, 600]);
    for (const e of res.episodes) expect(e.return).toBe(e.length); // CartPole: +1 per step
  });

  it("aborts through the signal and validates its inputs", () => {
    const agent = new DqnAgent(4, 2, { hiddenSizes: [8] });
    const c = new AbortController();
    c.abort();
    expect(() => trainAgent({ env: createCartPole(), agent, totalSteps: 10, signal: c.signal })).toThrow(
      /aborted/,
    );
    expect(() => trainAgent({ env: createCartPole(), agent, totalSteps: 0 })).toThrow(/totalSteps/);
    expect(() => trainAgent({ env: null as never, agent, totalSteps: 1 })).toThrow(/env/);
    expect(() => trainAgent({ env: createCartPole(), agent: {} as never, totalSteps: 1 })).toThrow(/agent/);
  });

  it("mean ± s.e., inter-quartile mean and binned returns", () => {
    const { mean, se } = meanAndStandardError([1, 2, 3, 4]);
    expect(mean).toBe(2.5);
    expect(se).toBeCloseTo(Math.sqrt(5 / 3 / 4), 15);
    expect(interquartileMean([100, 1, 2, 3, 4, 5, 6, -50])).toBe(3.5);
    const b = binnedReturns(
      [
        { step: 5, return: 10, length: 5 },
        { step: 9, return: 20, length: 4 },
        { step: 25, return: 40, length: 16 },
      ],
      30,
      10,
    );
    expect(b.steps).toEqual([10, 20, 30]);
    expect(b.returns).toEqual([15, 15, 40]);
    expect(() => meanAndStandardError([])).toThrow(/values/);
    expect(() => meanAndStandardError([1, Number.NaN])).toThrow(/values/);
    expect(() => interquartileMean([])).toThrow(/values/);
    expect(() => interquartileMean([Number.POSITIVE_INFINITY])).toThrow(/values/);
    expect(() => binnedReturns([], 0, 10)).toThrow(/totalSteps/);
    expect(() => binnedReturns([], 30, -1)).toThrow(/binSize/);
  });

  it("evaluateAgent rejects a non-positive episode count or step cap", () => {
    const agent = new DqnAgent(4, 2, { hiddenSizes: [4], seed: 0 });
    expect(() => evaluateAgent(createCartPole(), agent, 0)).toThrow(/episodes/);
    expect(() => evaluateAgent(createCartPole(), agent, 1, { maxSteps: -5 })).toThrow(/maxSteps/);
    expect(evaluateAgent(createCartPole({ seed: 1 }), agent, 2, { maxSteps: 3 })).toBeLessThanOrEqual(3);
  });
});
