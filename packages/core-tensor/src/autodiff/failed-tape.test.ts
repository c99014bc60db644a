import { describe, expect, it } from "vitest";
import { initBackend, tf } from "../backend.js";
import { disposeAbandonedGradientTape } from "./failed-tape.js";

describe("disposeAbandonedGradientTape", () => {
  it("releases the tensors a throwing tf.grad leaves on the tape, and nothing otherwise", async () => {
    await initBackend();
    const x = tf.tensor1d([1, 2, 3]);
    const before = tf.memory().numTensors;
    const failing = tf.grad((v: tf.Tensor) => {
      const y = tf.sum(tf.exp(tf.mul(v, v)));
      if (y.shape.length === 0) throw new Error("model failed");
      return y;
    });
    expect(() => failing(x)).toThrow("model failed");
    expect(tf.memory().numTensors).toBeGreaterThan(before); // the leak tfjs leaves
    expect(disposeAbandonedGradientTape()).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(disposeAbandonedGradientTape()).toBe(0);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.square(v)))(x);
    expect(Array.from(g.dataSync())).toEqual([2, 4, 6]);
    tf.dispose([g, x]);
  });
});
