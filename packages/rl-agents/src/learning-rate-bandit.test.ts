import { describe, expect, it } from "vitest";
import { LearningRateBandit } from "./learning-rate-bandit.js";
import { Adam, Sgd } from "./optimizers.js";

describe("LearningRateBandit (docs/method.md §B.a: drives any optimizer)", () => {
  it("sets the sampled arm's rate on every attached optimizer and leaves Adam's moments alone (docs/method.md §B.h)", () => {
    const adam = new Adam({ learningRate: 1 });
    const sgd = new Sgd({ learningRate: 1 });
    const lrb = new LearningRateBandit({ arms: [0.1, 0.2, 0.3], seed: 3, optimizers: [adam] });
    lrb.attach(sgd);
    const params = new Float32Array([1]);
    adam.step(params, new Float32Array([1]));
    const rounds: number[] = [];
    lrb.onRound((r) => rounds.push(r.round));
    for (let n = 0; n < 6; n++) {
      const lr = lrb.beginRound();
      expect([0.1, 0.2, 0.3]).toContain(lr);
      expect(adam.learningRate).toBe(lr);
      expect(sgd.learningRate).toBe(lr);
      expect(lrb.currentRate).toBe(lr);
      const r = lrb.endRound(n);
      expect(r.lr).toBe(lr);
      expect(r.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(lrb.currentRate).toBeUndefined();
    }
    expect(rounds).toEqual([1, 2, 3, 4, 5, 6]);
    // the switches did not reset Adam: its step counter still counts the one step taken
    expect(adam.iterations).toBe(1);
  });

  it("rejects non-positive or non-finite learning-rate arms and a NaN feedback", () => {
    expect(() => new LearningRateBandit({ arms: [1e-3, -1e-3] })).toThrow(/arms\[1\]/);
    expect(() => new LearningRateBandit({ arms: [0] })).toThrow(/arms\[0\]/);
    expect(() => new LearningRateBandit({ arms: [Number.POSITIVE_INFINITY] })).toThrow(/arms/);
    expect(() => new LearningRateBandit({ arms: [] })).toThrow(/arms/);
    const lrb = new LearningRateBandit({ arms: [1e-3] });
    lrb.beginRound();
    expect(() => lrb.endRound(Number.NaN)).toThrow(/feedback/);
  });
});
