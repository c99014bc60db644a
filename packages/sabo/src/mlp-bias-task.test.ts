import { DescentError, Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { Ingo } from "./ingo.js";
import { minimize } from "./minimize.js";
import { mlpBiasTask } from "./mlp-bias-task.js";

const small = { seed: 3, sourcePerClass: 40, pretrainSteps: 150, testSize: 200 } as const;

describe("mlpBiasTask (docs/method.md §e.3, nonconvex variant)", () => {
  const task = mlpBiasTask(small);
  const z0 = new Float64Array(task.dim);

  it("pre-training on the source task works: source accuracy far above chance, and above the untrained net", () => {
    const untrained = mlpBiasTask({ ...small, pretrainSteps: 0 });
    expect(task.sourceAccuracy).toBeGreaterThan(0.9); // chance is 1/4
    expect(task.sourceAccuracy).toBeGreaterThan(untrained.sourceAccuracy + 0.2);
  });

  it("the objective is the target cross-entropy of tanh(W₁x + b₁ + A z) → W₂h + b₂ (recomputed here)", () => {
    const { w1, b1, w2, b2 } = task.network;
    const { inputs, labels, size } = task.splits.train;
    const z = new Rng(9).normalArray(task.dim);
    const bias = Array.from(b1, (b, u) => {
      let s = b;
      for (let j = 0; j < task.dim; j++)
        s += (task.projection.matrix[u * task.dim + j] as number) * (z[j] as number);
      return s;
    });
    let ce = 0;
    for (let i = 0; i < size; i++) {
      const h = bias.map((b, u) => {
        let s = b;
        for (let k = 0; k < task.inputDim; k++)
          s += (w1[u * task.inputDim + k] as number) * (inputs[i * task.inputDim + k] as number);
        return Math.tanh(s);
      });
      const o = Array.from(b2, (b, c) =>
        h.reduce((a, v, u) => a + v * (w2[c * task.hidden + u] as number), b),
      );
      const lse = Math.log(o.reduce((a, v) => a + Math.exp(v), 0));
      ce += lse - (o[labels[i] as number] as number);
    }
    expect(task.train(z)).toBeCloseTo(ce / size, 10);
    expect(size).toBe(64); // 16 shots × 4 classes
  });

  it("is nonconvex in z: a negative second difference exists along a line", () => {
    const dir = new Rng(4).normalArray(task.dim);
    const at = (t: number) => task.train(dir.map((v) => t * v));
    let minSecond = Number.POSITIVE_INFINITY;
    for (let t = -6; t <= 6; t += 0.5) minSecond = Math.min(minSecond, at(t - 0.5) - 2 * at(t) + at(t + 0.5));
    expect(minSecond).toBeLessThan(0); // a convex function has every second difference ≥ 0
  });

  it("INGO lowers the training cross-entropy from the pre-trained bias", async () => {
    const run = await minimize(task.train, new Ingo({ dim: task.dim, seed: 1 }), { maxEvaluations: 2000 });
    expect(task.train(run.x)).toBeLessThan(task.train(z0) - 0.05);
  });

  it("is seeded: the same seed builds the same task", () => {
    const again = mlpBiasTask(small);
    expect(Array.from(again.network.w1)).toEqual(Array.from(task.network.w1));
    expect(again.train(z0)).toBe(task.train(z0));
    expect(mlpBiasTask({ ...small, seed: 4 }).train(z0)).not.toBe(task.train(z0));
  });

  it.each([
    [{ seed: -1 }, /seed/],
    [{ seed: 0, dim: 0 }, /dim/],
    [{ seed: 0, shots: 0 }, /shots/],
    [{ seed: 0, classes: 1 }, /classes/],
    [{ seed: 0, noiseStd: Number.NaN }, /noiseStd/],
    [{ seed: 0, targetShift: -1 }, /targetShift/],
    [{ seed: 0, sourcePerClass: 0 }, /sourcePerClass/],
    [{ seed: 0, pretrainSteps: -1 }, /pretrainSteps/],
    [{ seed: 0, testSize: 0 }, /testSize/],
  ] as const)("rejects %o", (options, pattern) => {
    expect(() => mlpBiasTask(options as never)).toThrow(DescentError);
    expect(() => mlpBiasTask(options as never)).toThrow(pattern);
  });

  it("rejects z of the wrong length", () => {
    expect(() => task.train(new Float64Array(3))).toThrow(/z must have length 50/);
  });
});
