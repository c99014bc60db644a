import { beforeAll, describe, expect, it } from "vitest";
import { initBackend, tf } from "../backend.js";
import { DescentError } from "../errors.js";
import { valueAndGrads } from "./value-and-grads.js";

describe("valueAndGrads", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("gives f = Σ a·b² and its gradients (b², 2ab) for a list of tensors", () => {
    const a = tf.tensor1d([1, 2, 3]);
    const b = tf.tensor1d([-1, 0.5, 2]);
    const { value, grads } = valueAndGrads((x, y) => tf.sum(tf.mul(x!, tf.square(y!))), [a, b]);
    expect(value.dataSync()[0]).toBeCloseTo(1 * 1 + 2 * 0.25 + 3 * 4, 6);
    expect(Array.from(grads[0]!.dataSync())).toEqual([1, 0.25, 4]);
    expect(Array.from(grads[1]!.dataSync())).toEqual([-2, 2, 12]);
    tf.dispose([a, b, value, ...grads]);
  });

  it("returns named gradients for a record, and zeros for a tensor f does not use", () => {
    const w = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const unused = tf.tensor1d([5, 6]);
    const { value, grads } = valueAndGrads(({ w: ww }) => tf.sum(tf.square(ww)), { w, unused });
    expect(value.dataSync()[0]).toBe(30);
    expect(grads.w.arraySync()).toEqual([
      [2, 4],
      [6, 8],
    ]);
    expect(Array.from(grads.unused.dataSync())).toEqual([0, 0]);
    tf.dispose([w, unused, value, grads.w, grads.unused]);
  });

  it("disposes every intermediate: only the value and the gradients survive", () => {
    const a = tf.tensor1d([1, 2]);
    const before = tf.memory().numTensors;
    const { value, grads } = valueAndGrads((x) => tf.sum(tf.exp(tf.mul(x!, 2))), [a]);
    expect(tf.memory().numTensors - before).toBe(2);
    tf.dispose([a, value, ...grads]);
  });

  it("rejects an empty list or record, a non-float tensor, a non-scalar f, and a non-function f", () => {
    const a = tf.tensor1d([1, 2]);
    const ai = tf.tensor1d([1, 2], "int32");
    expect(() => valueAndGrads((x) => x!, [])).toThrow(DescentError);
    expect(() => valueAndGrads((x) => x!, [])).toThrow(/xs must contain at least one tensor/);
    expect(() => valueAndGrads(() => tf.scalar(0), {})).toThrow(/xs must contain at least one tensor/);
    expect(() => valueAndGrads((x) => tf.sum(x!), [ai])).toThrow(/xs\[0\] must have dtype float32/);
    expect(() => valueAndGrads(({ q }) => tf.sum(q), { q: ai })).toThrow(/xs.q must have dtype float32/);
    expect(() => valueAndGrads((x) => x!, [a])).toThrow(/f must return a scalar/);
    expect(() => valueAndGrads(42 as unknown as () => tf.Tensor, [a])).toThrow(
      /f must be a function, received 42/,
    );
    tf.dispose([a, ai]);
  });
});
