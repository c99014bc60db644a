import { initBackend, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { attackObjective, toLogitsFn } from "./classifier.js";
import { thrownParameter } from "./testing/thrown-parameter.js";

beforeAll(async () => {
  await initBackend();
});

describe("attackObjective", () => {
  it("is the batch-mean softmax cross-entropy (docs/method.md §b), negated when targeted", () => {
    // hand-computed: logits (0, ln 3) for label 0 gives −ln(1/4) = ln 4; logits (0, 0) for label 1 gives ln 2
    const logits = tf.tensor2d([0, Math.log(3), 0, 0], [2, 2]);
    const labels = tf.tensor1d([0, 1], "int32");
    const loss = attackObjective(logits, labels, false);
    const targeted = attackObjective(logits, labels, true);
    expect(loss.dataSync()[0]).toBeCloseTo((Math.log(4) + Math.log(2)) / 2, 5);
    expect(targeted.dataSync()[0]).toBeCloseTo(-(Math.log(4) + Math.log(2)) / 2, 5);
    tf.dispose([logits, labels, loss, targeted]);
  });

  it("rejects logits and labels of the wrong shape by name", () => {
    const logits = tf.zeros([3, 4]) as tf.Tensor2D;
    const labels = tf.zeros([3], "int32") as tf.Tensor1D;
    const flat = tf.zeros([3]);
    const oneClass = tf.zeros([3, 1]) as tf.Tensor2D;
    const short = tf.zeros([2], "int32") as tf.Tensor1D;
    expect(thrownParameter(() => attackObjective(flat as never, labels, false))).toBe("logits");
    expect(thrownParameter(() => attackObjective(oneClass, labels, false))).toBe("logits");
    expect(thrownParameter(() => attackObjective(logits, short, false))).toBe("labels");
    tf.dispose([logits, labels, flat, oneClass, short]);
  });

  it("leaves only its result behind over repeated calls (docs/method.md §f.13)", () => {
    const logits = tf.randomNormal([5, 10], 0, 1, "float32", 1) as tf.Tensor2D;
    const labels = tf.tensor1d([0, 1, 2, 3, 4], "int32");
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const l = attackObjective(logits, labels, i % 2 === 0);
      l.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([logits, labels]);
  });
});

describe("toLogitsFn", () => {
  it("rejects what is neither a function nor a tf.LayersModel", () => {
    expect(thrownParameter(() => toLogitsFn(42 as never))).toBe("model");
    expect(thrownParameter(() => toLogitsFn({} as never))).toBe("model");
  });
});
