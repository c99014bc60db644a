import { DescentError, initBackend, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { projectedPromptModel } from "./projected-prompt-model.js";
import { projectedPromptTask } from "./projected-prompt-task.js";

describe("projectedPromptModel", () => {
  beforeAll(async () => {
    await initBackend();
  });
  const task = projectedPromptTask({ seed: 2, testSize: 50 });

  it("its frozen layer computes the task's features φ(x) = tanh(W₁x + b₁)", () => {
    const model = projectedPromptModel(task);
    const { inputs, features, size } = task.splits.train;
    const frozen = tf.model({
      inputs: model.inputs,
      outputs: model.getLayer("frozen").output as tf.SymbolicTensor,
    });
    const x = tf.tensor2d(Float32Array.from(inputs), [size, task.inputDim]);
    const out = frozen.predict(x) as tf.Tensor;
    const got = out.dataSync();
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(features[i] as number, 5); // float32
    tf.dispose([x, out]);
    model.dispose();
  });

  it("building and disposing it in a loop leaks no tensors", () => {
    projectedPromptModel(task).dispose(); // first call registers the layers' shared state
    const n0 = tf.memory().numTensors;
    for (let k = 0; k < 5; k++) projectedPromptModel(task).dispose();
    expect(tf.memory().numTensors).toBe(n0);
  });

  it("rejects a task without a consistent frozen map", () => {
    expect(() => projectedPromptModel(null as never)).toThrow(DescentError);
    expect(() => projectedPromptModel({ ...task, hidden: 3 })).toThrow(/task must be a projectedPromptTask/);
    expect(() => projectedPromptModel({ ...task, classes: 1 })).toThrow(/task/);
  });
});
