import { beforeAll, describe, expect, it } from "vitest";
import { initBackend, tf } from "../backend.js";
import { DescentError } from "../errors.js";
import { useBackend } from "../testing/backend-hooks.js";
import { hessianVectorProduct } from "./hessian-vector-product.js";
import { safeNorm } from "./safe-norm.js";

describe.each(["wasm", "cpu"] as const)("safeNorm on %s", (backend) => {
  useBackend(backend);

  it("has gradient 0 at x = 0, where tf.norm's gradient is NaN (lowrank-pgd's docs/method.md §h.2)", () => {
    const [ours, theirs] = tf.tidy(() => {
      const zero = tf.zeros([2, 3]);
      return [
        Array.from(
          tf
            .grad((x: tf.Tensor) => safeNorm(x))(zero)
            .dataSync(),
        ),
        Array.from(
          tf
            .grad((x: tf.Tensor) => tf.norm(x))(zero)
            .dataSync(),
        ),
      ];
    });
    expect(ours).toEqual([0, 0, 0, 0, 0, 0]);
    expect(theirs.every(Number.isNaN)).toBe(true);
  });

  it("equals tf.norm and has gradient x/‖x‖ away from 0, per row with axis and keepDims", () => {
    tf.tidy(() => {
      const x = tf.tensor2d([
        [3, 4],
        [-1, 0.5],
      ]);
      expect(Array.from(safeNorm(x, 1).dataSync())).toEqual(
        Array.from(tf.norm(x, "euclidean", 1).dataSync()),
      );
      expect(safeNorm(x, -1, 1e-20, true).shape).toEqual([2, 1]);
      expect(safeNorm(x).dataSync()[0]).toBeCloseTo(Math.sqrt(9 + 16 + 1 + 0.25), 5);
      const g = tf
        .grad((z: tf.Tensor) => tf.sum(safeNorm(z, 1)))(x)
        .arraySync() as number[][];
      const n2 = Math.hypot(-1, 0.5);
      [0.6, 0.8, -1 / n2, 0.5 / n2].forEach((e, i) => {
        expect(g.flat()[i] as number).toBeCloseTo(e, 6);
      });
    });
  });

  it("is second-order-safe: its Hessian at x is (I − uuᵀ)/‖x‖", () => {
    const x = [3, 4];
    const v = [1, 2];
    const hv = tf.tidy(() =>
      hessianVectorProduct((z) => safeNorm(z), tf.tensor1d(x), tf.tensor1d(v)).dataSync(),
    );
    // u = (0.6, 0.8), uᵀv = 2.2, (v − 2.2 u)/5
    expect(hv[0] as number).toBeCloseTo((1 - 2.2 * 0.6) / 5, 5);
    expect(hv[1] as number).toBeCloseTo((2 - 2.2 * 0.8) / 5, 5);
  });
});

describe("safeNorm: input validation", () => {
  beforeAll(async () => {
    await initBackend();
  });
  it("rejects a negative eps, an axis out of range, and a non-tensor", () => {
    const x = tf.zeros([2, 2]);
    expect(() => safeNorm(x, 0, -1)).toThrow(DescentError);
    expect(() => safeNorm(x, 0, -1)).toThrow(/eps must be >= 0, received -1/);
    expect(() => safeNorm(x, 2)).toThrow(/axis must hold integers in \[-2, 1\].*received 2/);
    expect(() => safeNorm(x, [0, 5])).toThrow(/received 5/);
    expect(() => safeNorm({} as tf.Tensor)).toThrow(/x must be a tf.Tensor/);
    x.dispose();
  });
});
