import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { TimeDecayedExp3 } from "./time-decayed-exp3.js";

describe("TimeDecayedExp3, the LRRL bandit (docs/method.md §B.c, oracles B.f-1..4)", () => {
  it("B.f-1: exact weights for the forced arms (0,1,2,0,1) and feedbacks (1,3,2,5,4)", () => {
    const b = new TimeDecayedExp3({ arms: [1, 2, 3], alpha: 0.5, decay: 0.9, window: 2 });
    const expected = [
      [0, 0, 0],
      [0, 1, 0],
      [0, 0.9, 0],
      [1.25, 0.81, 0],
    ];
    const arms = [0, 1, 2, 0, 1];
    const feedbacks = [1, 3, 2, 5, 4];
    for (let n = 0; n < 4; n++) {
      b.forceArm(arms[n] as number);
      expect(b.selectArm()).toBe(arms[n]);
      b.update(feedbacks[n] as number);
      const w = Array.from(b.weights);
      for (let k = 0; k < 3; k++) expect(w[k]).toBeCloseTo((expected[n] as number[])[k] as number, 14);
    }
    // round 5: b = mean(2, 5) = 3.5, f' = 0.5, chosen arm 1: 0.9·0.81 + 0.5·0.5/e^0.81
    b.forceArm(1);
    b.selectArm();
    b.update(4);
    expect(b.weights[1]).toBeCloseTo(0.729 + 0.25 / Math.exp(0.81), 14);
    expect(b.weights[0]).toBeCloseTo(1.125, 14);
    expect(b.state().history).toEqual([1, 3, 2, 5, 4]);
  });

  it("B.f-2: p_1 = 1/K exactly; with f' ≡ 0 the weights stay 0 for any δ", () => {
    for (const decay of [0.3, 0.9, 1]) {
      const b = new TimeDecayedExp3({ arms: [1, 2, 3, 4], decay, seed: 1 });
      expect(Array.from(b.probabilities)).toEqual([0.25, 0.25, 0.25, 0.25]);
      for (let n = 0; n < 20; n++) {
        b.selectArm();
        b.update(7);
      }
      expect(Array.from(b.weights)).toEqual([0, 0, 0, 0]);
      expect(Array.from(b.probabilities)).toEqual([0.25, 0.25, 0.25, 0.25]);
    }
  });

  it("B.f-3: forcing one arm with constant α·f' = 0.5 converges to w* ≈ 1.32672, p ≈ 0.65330", () => {
    const window = 5;
    const b = new TimeDecayedExp3({ arms: [1, 2, 3], alpha: 0.5, decay: 0.9, window });
    // f_n = n·s makes f'_n = s·(j+1)/2 = 1 once the window is full
    const s = 2 / (window + 1);
    for (let n = 1; n <= 400; n++) {
      b.forceArm(2);
      b.selectArm();
      b.update(n * s);
    }
    // w* solves 0.1·w = 0.5·e^{−w}
    let w = 1;
    for (let i = 0; i < 100; i++) w -= (0.1 * w - 0.5 * Math.exp(-w)) / (0.1 + 0.5 * Math.exp(-w));
    expect(w).toBeCloseTo(1.32672, 5);
    expect(b.weights[2]).toBeCloseTo(w, 9);
    expect(b.weights[0]).toBe(0);
    expect(b.probabilities[2]).toBeCloseTo(Math.exp(w) / (Math.exp(w) + 2), 9);
    expect(b.probabilities[2]).toBeCloseTo(0.6533, 4);
  });

  it("B.f-3: with δ = 1 and α = 0 the arm choice is uniform forever", () => {
    const b = new TimeDecayedExp3({ arms: [1, 2, 3], alpha: 0, decay: 1, seed: 4 });
    const counts = [0, 0, 0];
    for (let n = 0; n < 3000; n++) {
      const k = b.selectArm();
      counts[k] = (counts[k] as number) + 1;
      b.update(n % 17);
    }
    expect(Array.from(b.probabilities)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    // binomial(3000, 1/3): sd ≈ 25.8; 5 sd bound
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(130);
  });

  it("B.f-4: softmax is shift-invariant and does not overflow for weights up to 1e4", () => {
    const b = new TimeDecayedExp3({ arms: [1, 2], alpha: 1, decay: 1, window: 1, weighting: "probability" });
    // drive w(0) to ≈ 1e4: f' = 5000 with p = 1/2 gives +1e4
    b.forceArm(0);
    b.selectArm();
    b.update(0);
    b.forceArm(0);
    b.selectArm();
    b.update(5000);
    expect(b.weights[0]).toBeCloseTo(1e4, 6);
    const p = Array.from(b.probabilities);
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p[0]).toBe(1);
    expect(p[1]).toBe(0);
  });

  it("probabilities stay a distribution and concentrate on the best arm of a stationary Bernoulli bandit", () => {
    // arm k pays Bernoulli(q_k); feedback = the round's mean payoff over 20 pulls
    const q = [0.2, 0.5, 0.9];
    const b = new TimeDecayedExp3({ arms: [0, 1, 2], alpha: 0.5, decay: 0.95, window: 5, seed: 9 });
    const env = new Rng(11);
    let lastBest = 0;
    for (let n = 0; n < 400; n++) {
      const k = b.selectArm();
      let s = 0;
      for (let i = 0; i < 20; i++) s += env.bernoulli(q[k] as number) ? 1 : 0;
      b.update(s / 20);
      const p = Array.from(b.probabilities);
      expect(p.reduce((a, c) => a + c, 0)).toBeCloseTo(1, 12);
      for (const v of p) expect(v).toBeGreaterThanOrEqual(0);
      if (n >= 300) lastBest += p[2] as number;
    }
    // the average probability of the best arm over the last 100 rounds beats uniform clearly
    expect(lastBest / 100).toBeGreaterThan(0.5);
  });

  it("running-std normalisation divides the improvement by the feedbacks' standard deviation", () => {
    const b = new TimeDecayedExp3({ arms: [1, 2], alpha: 1, decay: 1, window: 1, normalize: "runningStd" });
    b.forceArm(1);
    b.selectArm();
    b.update(0);
    b.forceArm(1);
    b.selectArm();
    b.update(10); // f' = 10, sd of (0, 10) = √50
    expect(b.weights[1]).toBeCloseTo(10 / Math.sqrt(50), 12);
  });

  it("decayScope 'chosen' decays only the sampled arm; firstBaseline 'zero' gives f'_1 = f_1", () => {
    // B.f-1's first three rounds with decayScope 'chosen': round 3 (arm 2, f' = 0) leaves w(1) = 1 undecayed
    const b = new TimeDecayedExp3({
      arms: [1, 2, 3],
      alpha: 0.5,
      decay: 0.9,
      window: 2,
      decayScope: "chosen",
    });
    for (const [k, f] of [
      [0, 1],
      [1, 3],
      [2, 2],
    ] as const) {
      b.forceArm(k);
      b.selectArm();
      b.update(f);
    }
    expect(Array.from(b.weights)).toEqual([0, 1, 0]);
    // round 4 (arm 0, f = 5, b = 2.5): w(0) = 0.9·0 + 0.5·2.5/e^0 = 1.25, w(1) still 1
    b.forceArm(0);
    b.selectArm();
    b.update(5);
    expect(Array.from(b.weights)).toEqual([1.25, 1, 0]);
    // firstBaseline 'zero': round 1 with f = 2 and α = 0.5 adds 0.5·2/e^0 = 1 to the chosen arm
    const z = new TimeDecayedExp3({ arms: [1, 2], alpha: 0.5, firstBaseline: "zero" });
    z.forceArm(1);
    z.selectArm();
    z.update(2);
    expect(Array.from(z.weights)).toEqual([0, 1]);
  });

  it("weights the e^{−w} increment would send to ±∞ (docs/method.md §B.h) stay finite and p stays a distribution", () => {
    // feedback in the thousands with α = 0.2 overflows a chosen arm's update to −∞ within three rounds
    const b = new TimeDecayedExp3({ arms: [1, 2], alpha: 0.2, decay: 0.9, window: 1 });
    const feed = [0, -1000, -3000, -6000, -10000, -15000, -21000, -28000];
    for (let n = 0; n < feed.length; n++) {
      b.forceArm(n % 2);
      b.selectArm();
      b.update(feed[n] as number);
      const p = Array.from(b.probabilities);
      for (const v of p) expect(Number.isNaN(v)).toBe(false);
      expect(p.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    }
    // both arms overflowed (clamped at −MAX_VALUE, then decayed): finite and hugely negative
    const w = Array.from(b.weights);
    for (const v of w) expect(Number.isFinite(v) && v < -1e307).toBe(true);
    // f' = 0 on an arm whose e^{w} underflowed to 0 adds nothing (not 0/0 = NaN); only the decay acts
    b.forceArm(0);
    b.selectArm();
    b.update(-28000);
    expect(Array.from(b.weights)).toEqual([0.9 * (w[0] as number), 0.9 * (w[1] as number)]);
    // an improvement on such an arm (α·f'·e^{−w} = +∞) lifts it to the top: p → (0, 1)
    b.forceArm(1);
    b.selectArm();
    b.update(0);
    expect(b.weights[1]).toBe(Number.MAX_VALUE);
    expect(Array.from(b.probabilities)).toEqual([0, 1]);
  });

  it("same seed, same arm sequence", () => {
    const run = () => {
      const b = new TimeDecayedExp3({ arms: [1, 2, 3], seed: 5 });
      const out: number[] = [];
      for (let n = 0; n < 30; n++) {
        out.push(b.selectArm());
        b.update(Math.sin(n));
      }
      return out;
    };
    expect(run()).toEqual(run());
  });

  it("rejects bad options, feedback and an update without a selected arm", () => {
    expect(() => new TimeDecayedExp3({ arms: [] })).toThrow(/arms/);
    expect(() => new TimeDecayedExp3({ arms: [1, Number.NaN] })).toThrow(/arms/);
    expect(() => new TimeDecayedExp3({ arms: [1], alpha: -1 })).toThrow(/alpha/);
    expect(() => new TimeDecayedExp3({ arms: [1], decay: 0 })).toThrow(/decay/);
    expect(() => new TimeDecayedExp3({ arms: [1], decay: 1.5 })).toThrow(/decay/);
    expect(() => new TimeDecayedExp3({ arms: [1], window: 0 })).toThrow(/window/);
    expect(() => new TimeDecayedExp3({ arms: [1], weighting: "uniform" as "paper" })).toThrow(/weighting/);
    expect(() => new TimeDecayedExp3({ arms: [1], normalize: "minmax" as "none" })).toThrow(/normalize/);
    expect(() => new TimeDecayedExp3({ arms: [1], decayScope: "none" as "all" })).toThrow(/decayScope/);
    expect(() => new TimeDecayedExp3({ arms: [1], firstBaseline: "mean" as "zero" })).toThrow(
      /firstBaseline/,
    );
    const b = new TimeDecayedExp3({ arms: [1, 2] });
    expect(() => b.update(1)).toThrow(/selectArm/);
    b.selectArm();
    expect(() => b.update(Number.NaN)).toThrow(/feedback/);
    expect(() => b.forceArm(2)).toThrow(/k/);
  });
});
