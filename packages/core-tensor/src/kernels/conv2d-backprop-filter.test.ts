import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend, tf } from "../backend.js";
import { Rng } from "../rng.js";
import { maxRelativeDiff } from "../testing/array-differences.js";

type Padding =
  | "valid"
  | "same"
  | number
  | [[number, number], [number, number], [number, number], [number, number]];

interface Case {
  name: string;
  x: [number, number, number, number];
  w: [number, number, number, number];
  strides: number | [number, number];
  pad: Padding;
  rounding?: "floor" | "round" | "ceil";
}

const CASES: Case[] = [
  { name: "3×3, stride 1, same", x: [2, 7, 7, 3], w: [3, 3, 3, 4], strides: 1, pad: "same" },
  { name: "5×5, stride 1, valid", x: [2, 9, 8, 2], w: [5, 5, 2, 3], strides: 1, pad: "valid" },
  { name: "3×3, stride 2, valid", x: [2, 9, 9, 3], w: [3, 3, 3, 2], strides: 2, pad: "valid" },
  { name: "3×3, stride 2, same, even input", x: [1, 8, 8, 2], w: [3, 3, 2, 2], strides: 2, pad: "same" },
  { name: "2×4 (even) kernel, stride 1, same", x: [2, 6, 7, 2], w: [2, 4, 2, 3], strides: 1, pad: "same" },
  {
    name: "3×3, strides [1, 2], explicit padding",
    x: [2, 6, 7, 2],
    w: [3, 3, 2, 2],
    strides: [1, 2],
    pad: [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ],
  },
  {
    name: "3×3, stride 2, numeric pad 1, ceil rounding",
    x: [1, 8, 8, 2],
    w: [3, 3, 2, 2],
    strides: 2,
    pad: 1,
    rounding: "ceil",
  },
  {
    name: "4×4, stride 3, valid, rows left unread",
    x: [2, 11, 10, 1],
    w: [4, 4, 1, 2],
    strides: 3,
    pad: "valid",
  },
];

/** Gradients of Σ conv2d(x, w) ⊙ r with respect to w and x, as plain arrays. */
function convGradients(c: Case, data: { x: Float32Array; w: Float32Array; r: Float32Array | null }) {
  return tf.tidy(() => {
    const x = tf.tensor4d(data.x, c.x);
    const w = tf.tensor4d(data.w, c.w);
    const loss = (xx: tf.Tensor, ww: tf.Tensor) => {
      const y = tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, c.strides, c.pad, "NHWC", 1, c.rounding);
      const r = data.r === null ? tf.onesLike(y) : tf.tensor(data.r, y.shape);
      return tf.sum(tf.mul(y, r));
    };
    const outShape = tf.conv2d(x, w, c.strides, c.pad, "NHWC", 1, c.rounding).shape;
    const [gx, gw] = tf.grads((xx: tf.Tensor, ww: tf.Tensor) => loss(xx, ww))([x, w]);
    return { gx: gx!.dataSync() as Float32Array, gw: gw!.dataSync() as Float32Array, outShape };
  });
}

/**
 * Reference filter gradient in float64 by the defining sum (independent of any tfjs kernel):
 * dW[i, j, c, o] = Σ_{b, oh, ow} x[b, oh·sH + i − top, ow·sW + j − left, c] · r[b, oh, ow, o].
 */
function referenceFilterGradient(
  c: Case,
  x: Float32Array,
  r: Float32Array,
  outShape: number[],
): Float32Array {
  const info = tf.backend_util.computeConv2DInfo(
    c.x,
    c.w,
    c.strides,
    1,
    c.pad,
    c.rounding,
    false,
    "channelsLast",
  );
  const [B, H, W, C] = c.x;
  const [kH, kW, , O] = c.w;
  const [, OH, OW] = outShape as [number, number, number, number];
  const out = new Float64Array(kH * kW * C * O);
  for (let i = 0; i < kH; i++)
    for (let j = 0; j < kW; j++)
      for (let b = 0; b < B; b++)
        for (let oh = 0; oh < OH; oh++)
          for (let ow = 0; ow < OW; ow++) {
            const row = oh * info.strideHeight + i - info.padInfo.top;
            const col = ow * info.strideWidth + j - info.padInfo.left;
            if (row < 0 || row >= H || col < 0 || col >= W) continue;
            for (let ch = 0; ch < C; ch++) {
              const xv = x[((b * H + row) * W + col) * C + ch] as number;
              for (let o = 0; o < O; o++) {
                out[((i * kW + j) * C + ch) * O + o] += xv * (r[((b * OH + oh) * OW + ow) * O + o] as number);
              }
            }
          }
  return Float32Array.from(out);
}

describe("Conv2DBackpropFilter on wasm (forward conv with swapped axes, dilated by the stride)", () => {
  beforeAll(async () => {
    await initBackend();
  });
  afterAll(async () => {
    await initBackend();
  });

  it("is registered for wasm by initBackend", () => {
    expect(tf.getKernel("Conv2DBackpropFilter", "wasm")).toBeDefined();
  });

  it.each(CASES)("matches the defining sum and the cpu backend's kernel: $name", async (c) => {
    const rng = new Rng(7);
    const x = Float32Array.from(rng.normalArray(c.x.reduce((a, b) => a * b, 1)));
    const w = Float32Array.from(rng.normalArray(c.w.reduce((a, b) => a * b, 1)));
    await initBackend({ backend: "cpu" });
    const shape = convGradients(c, { x, w, r: null }).outShape;
    const r = Float32Array.from(rng.normalArray(shape.reduce((a, b) => a * b, 1)));
    const cpu = convGradients(c, { x, w, r });
    await initBackend({ backend: "wasm" });
    const wasm = convGradients(c, { x, w, r });
    expect(wasm.gw.length).toBe(cpu.gw.length);
    expect(maxRelativeDiff(wasm.gw, referenceFilterGradient(c, x, r, shape))).toBeLessThan(2e-6);
    if (c.rounding === undefined) {
      expect(maxRelativeDiff(wasm.gw, cpu.gw)).toBeLessThan(2e-6);
    } else {
      // tfjs's conv2d gradient drops dimRoundingMode, so the cpu kernel sums over a smaller output
      // (its filter gradient is wrong for this case); the defining sum above is the oracle here
      expect(maxRelativeDiff(cpu.gw, referenceFilterGradient(c, x, r, shape))).toBeGreaterThan(1e-3);
    }
    expect(maxRelativeDiff(wasm.gx, cpu.gx)).toBeLessThan(2e-6);
  });

  it("leaks no tensor across repeated filter gradients", () => {
    const x = tf.randomNormal([2, 6, 6, 2], 0, 1, "float32", 1) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 2, 3], 0, 1, "float32", 2) as tf.Tensor4D;
    const step = () =>
      tf.tidy(() =>
        tf
          .grad((ww: tf.Tensor) => tf.sum(tf.conv2d(x, ww as tf.Tensor4D, 2, "same")))(w)
          .dataSync(),
      );
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, w]);
  });
});
