import { initBackend, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { minimize } from "./minimize.js";
import { projectedPromptModel } from "./projected-prompt-model.js";
import { projectedPromptTask } from "./projected-prompt-task.js";
import { Sabo } from "./sabo.js";
import { tfjsModelObjective } from "./tfjs-model-objective.js";

describe.each(["wasm", "cpu"] as const)("tfjsModelObjective on %s", (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });
  const task = projectedPromptTask({ seed: 4, testSize: 100 });

  it("matches the float64 task's cross-entropy and accuracy through a projected head weight", () => {
    const model = projectedPromptModel(task);
    const x = tf.tensor2d(Float32Array.from(task.splits.train.inputs), [
      task.splits.train.size,
      task.inputDim,
    ]);
    const obj = tfjsModelObjective({
      model,
      target: { weight: "head/kernel" },
      map: (z) => task.projection.apply(z),
      x,
      labels: task.splits.train.labels,
    });
    const z = new Float64Array(task.dim).map((_, j) => Math.sin(j));
    expect(obj.loss(z)).toBeCloseTo(task.crossEntropy(z, "train"), 4);
    expect(obj.accuracy(z)).toBeCloseTo(task.accuracy(z, "train"), 6);
    obj.dispose();
    x.dispose();
    model.dispose();
  });

  it("leaks no tensors over a short black-box run and restores the weight", async () => {
    const model = projectedPromptModel(task);
    const x = tf.tensor2d(Float32Array.from(task.splits.train.inputs), [
      task.splits.train.size,
      task.inputDim,
    ]);
    const before0 = (model.getLayer("head").getWeights()[0] as tf.Tensor).arraySync();
    const obj = tfjsModelObjective({
      model,
      target: { weight: 2 },
      map: (z) => task.projection.apply(z),
      x,
      labels: task.splits.train.labels,
    });
    const opt = new Sabo({ dim: task.dim, rho: 3, seed: 1 });
    await minimize(obj.loss, opt, { maxIterations: 1 }); // warm-up allocations
    const n0 = tf.memory().numTensors;
    for (let r = 0; r < 3; r++) await minimize(obj.loss, opt, { maxIterations: 2 });
    obj.accuracy(opt.recommendation());
    expect(tf.memory().numTensors).toBe(n0);
    obj.restore();
    const after = (model.getLayer("head").getWeights()[0] as tf.Tensor).arraySync();
    expect(after).toEqual(before0);
    obj.dispose();
    x.dispose();
    model.dispose();
  });

  it("tunes a soft prompt added to the inputs (input target)", () => {
    const model = projectedPromptModel(task);
    const x = tf.tensor2d(Float32Array.from(task.splits.train.inputs), [
      task.splits.train.size,
      task.inputDim,
    ]);
    const obj = tfjsModelObjective({
      model,
      target: { promptSize: task.inputDim, input: (prompt, xs) => tf.add(xs, prompt) },
      map: (z) => z,
      x,
      labels: task.splits.train.labels,
    });
    const n0 = tf.memory().numTensors;
    const v = obj.loss(new Float64Array(task.inputDim));
    expect(Number.isFinite(v)).toBe(true);
    expect(tf.memory().numTensors).toBe(n0);
    obj.dispose();
    x.dispose();
    model.dispose();
  });

  it("rejects a bad model, weight, labels, target and map output", () => {
    const model = projectedPromptModel(task);
    const x = tf.zeros([2, task.inputDim]);
    const base = { model, target: { weight: "head/kernel" }, map: (z: Float64Array) => z, x, labels: [0, 1] };
    expect(() => tfjsModelObjective({ ...base, model: {} as never })).toThrow(/model/);
    expect(() => tfjsModelObjective({ ...base, target: { weight: "nope" } })).toThrow(/target.weight/);
    expect(() => tfjsModelObjective({ ...base, target: { weight: 9 } })).toThrow(/target.weight/);
    expect(() => tfjsModelObjective({ ...base, labels: [0] })).toThrow(/labels/);
    expect(() => tfjsModelObjective({ ...base, labels: [0, -1] })).toThrow(/labels/);
    expect(() => tfjsModelObjective({ ...base, x: [1, 2] as never })).toThrow(/x must be a tf.Tensor/);
    expect(() => tfjsModelObjective({ ...base, target: { promptSize: 0, input: (p) => p } })).toThrow(
      /target/,
    );
    const obj = tfjsModelObjective(base);
    expect(() => obj.loss(new Float64Array(3))).toThrow(/map\(z\) must return 256 values/);
    obj.dispose();
    expect(() => obj.loss(new Float64Array(256))).toThrow(/disposed/);
    x.dispose();
    model.dispose();
  });
});
