import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend, tf } from "../backend.js";
import { Rng } from "../rng.js";
import { maxRelativeDiff } from "../testing/array-differences.js";

const CASES = [
  {
    name: "3×3, multiplier 2, stride 1, same",
    x: [2, 6, 6, 3],
    w: [3, 3, 3, 2],
    strides: 1,
    pad: "same" as const,
  },
  {
    name: "3×3, multiplier 1, stride 2, valid",
    x: [2, 9, 9, 2],
    w: [3, 3, 2, 1],
    strides: 2,
    pad: "valid" as const,
  },
  {
    name: "2×2, multiplier 3, stride 2, same",
    x: [1, 7, 7, 2],
    w: [2, 2, 2, 3],
    strides: 2,
    pad: "same" as const,
  },
];

describe("DepthwiseConv2dNative gradients on wasm (block-diagonal full convolution)", () => {
  beforeAll(async () => {
    await initBackend();
  });
  afterAll(async () => {
    await initBackend();
  });

  it("are registered for wasm by initBackend", () => {
    expect(tf.getKernel("DepthwiseConv2dNativeBackpropFilter", "wasm")).toBeDefined();
    expect(tf.getKernel("DepthwiseConv2dNativeBackpropInput", "wasm")).toBeDefined();
  });

  it.each(CASES)("match the cpu backend's kernels for input and filter: $name", async (c) => {
    const rng = new Rng(8);
    const xData = Float32Array.from(rng.normalArray(c.x.reduce((a, b) => a * b, 1)));
    const wData = Float32Array.from(rng.normalArray(c.w.reduce((a, b) => a * b, 1)));
    const rData = Float32Array.from(rng.normalArray(4096));
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(xData, c.x as [number, number, number, number]);
        const w = tf.tensor4d(wData, c.w as [number, number, number, number]);
        const [gx, gw] = tf.grads((xx: tf.Tensor, ww: tf.Tensor) => {
          const y = tf.depthwiseConv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, c.strides, c.pad);
          return tf.sum(tf.mul(y, tf.tensor(rData.subarray(0, y.size), y.shape)));
        })([x, w]);
        return [gx!.dataSync() as Float32Array, gw!.dataSync() as Float32Array];
      });
    await initBackend({ backend: "cpu" });
    const cpu = run();
    await initBackend({ backend: "wasm" });
    const wasm = run();
    expect(maxRelativeDiff(wasm[0] as Float32Array, cpu[0] as Float32Array)).toBeLessThan(2e-6);
    expect(maxRelativeDiff(wasm[1] as Float32Array, cpu[1] as Float32Array)).toBeLessThan(2e-6);
  });
});
