import { beforeAll, describe, expect, it } from "vitest";
import { initBackend, tf } from "../backend.js";
import { DescentError } from "../errors.js";
import { stopGradient } from "./stop-gradient.js";

describe("stopGradient", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("passes the value through and blocks the gradient: d/dx [x · sg(x)] = sg(x) = x, not 2x", () => {
    tf.tidy(() => {
      const x = tf.tensor1d([1.5, -2]);
      expect(Array.from(stopGradient(x).dataSync())).toEqual([1.5, -2]);
      const g = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(z, stopGradient(z))))(x);
      expect(Array.from(g.dataSync())).toEqual([1.5, -2]);
      // and at second order: d²/dx² [x · sg(x)] = 0
      const h = tf.grad((z: tf.Tensor) =>
        tf.sum(tf.grad((y: tf.Tensor) => tf.sum(tf.mul(y, stopGradient(y))))(z)),
      )(x);
      expect(Array.from(h.dataSync())).toEqual([0, 0]);
    });
  });

  it("rejects a non-tensor", () => {
    expect(() => stopGradient(1 as unknown as tf.Tensor)).toThrow(DescentError);
  });
});
