import { initBackend, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { singularValues } from "./channel-svd.js";
import { createLinearProblem, spectralMatrix } from "./linear-problem.js";
import { thrownParameter } from "./testing/thrown-parameter.js";

beforeAll(async () => {
  await initBackend();
});

describe("spectralMatrix", () => {
  it("has exactly the requested singular values (σ_i = 5·0.7^{i−1}, docs/method.md §f.3) to 1e-12", () => {
    const sigma = [5, 3.5, 2.45, 1.715];
    const s = singularValues(spectralMatrix(sigma, 6, 5, 7), 6, 5);
    sigma.forEach((v, i) => {
      expect(Math.abs((s[i] as number) - v)).toBeLessThan(1e-12 * 5);
    });
    expect(s[4] as number).toBeLessThan(1e-12 * 5);
  });

  it("rejects bad sizes, seeds and singular values by name", () => {
    expect(thrownParameter(() => spectralMatrix([1], 0, 3, 0))).toBe("m");
    expect(thrownParameter(() => spectralMatrix([1], 3, -1, 0))).toBe("n");
    expect(thrownParameter(() => spectralMatrix([1], 3, 3, 0.5))).toBe("seed");
    expect(thrownParameter(() => spectralMatrix([1, 1, 1, 1], 3, 3, 0))).toBe("sigma");
    expect(thrownParameter(() => spectralMatrix([1, -1], 3, 3, 0))).toBe("sigma[1]");
    expect(thrownParameter(() => spectralMatrix([Number.NaN], 3, 3, 0))).toBe("sigma[0]");
  });
});

describe("createLinearProblem", () => {
  it("its logit gap at x ≡ reference is the margin, and the closed-form optima scale with eps", () => {
    const weights = new Float64Array(16).fill(0.25); // ‖G‖_F = 1, ‖G‖₁ = 4, rank 1
    const p = createLinearProblem({ weights, height: 4, width: 4, margin: -2 });
    const x = p.images(2);
    const logits = p.logits(x);
    const l = logits.arraySync() as number[][];
    expect((l[0]?.[1] as number) - (l[0]?.[0] as number)).toBeCloseTo(-2, 5);
    expect(p.optimalGainL2(0.5)).toBeCloseTo(0.5, 12);
    expect(p.optimalGainLinf(0.5)).toBeCloseTo(2, 12);
    expect(p.optimalGainRank(0.5, 1)).toBeCloseTo(0.5, 12); // rank 1: the whole ℓ2 optimum
    tf.dispose([x, logits]);
    p.dispose();
  });

  it("creating, evaluating and disposing leaves no tensor behind (docs/method.md §f.13)", () => {
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const p = createLinearProblem({ weights: spectralMatrix([1, 0.5], 4, 4, i), height: 4, width: 4 });
      const x = p.images(3);
      const logits = p.logits(x);
      p.gain(x, x);
      tf.dispose([x, logits]);
      p.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it("rejects bad shapes, non-finite weights and margins by name", () => {
    const weights = new Float64Array(16).fill(0.1);
    expect(thrownParameter(() => createLinearProblem({ weights, height: 0, width: 16 }))).toBe("height");
    expect(thrownParameter(() => createLinearProblem({ weights, height: 4, width: -4 }))).toBe("width");
    expect(thrownParameter(() => createLinearProblem({ weights, height: 3, width: 4 }))).toBe("weights");
    const nan = Float64Array.from(weights);
    nan[3] = Number.NaN;
    expect(thrownParameter(() => createLinearProblem({ weights: nan, height: 4, width: 4 }))).toBe("weights");
    expect(
      thrownParameter(() => createLinearProblem({ weights, height: 4, width: 4, margin: Number.NaN })),
    ).toBe("margin");
    const p = createLinearProblem({ weights, height: 4, width: 4 });
    expect(thrownParameter(() => p.optimalGainRank(1, 0))).toBe("rank");
    p.dispose();
  });
});
