import { beforeAll, describe, expect, it } from "vitest";
import { initBackend, tf } from "../backend.js";
import { DescentError } from "../errors.js";
import { jacobian } from "./jacobian.js";
import { safeTanh } from "./safe-elementwise.js";

describe("jacobian", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("of the linear map x ↦ A x is the matrix A", () => {
    const A = [
      [1, -2, 0.5],
      [3, 0, -1],
    ];
    const J = tf.tidy(() => {
      const At = tf.tensor2d(A);
      return jacobian(
        (x) => tf.reshape(tf.matMul(At, tf.reshape(x, [3, 1])), [2]),
        tf.tensor1d([0.2, 0.4, -1]),
      ).arraySync();
    });
    expect(J).toEqual(A);
  });

  it("of the elementwise tanh is diag(1 − tanh²), with a [2, 2] input and output flattened row-major", () => {
    const x = [0.1, -0.5, 0.9, 2];
    const J = tf.tidy(() => jacobian((z) => safeTanh(z), tf.tensor2d(x, [2, 2])).arraySync());
    expect(J.length).toBe(4);
    J.forEach((row, i) => {
      row.forEach((entry, j) => {
        const expected = i === j ? 1 - Math.tanh(x[i] as number) ** 2 : 0;
        expect(entry).toBeCloseTo(expected, 6);
      });
    });
  });

  it("has zero columns for inputs the output ignores, and one row for a scalar output", () => {
    const J = tf.tidy(() =>
      jacobian((z) => tf.mul(3, tf.slice(z, [0], [1])), tf.tensor1d([1, 2, 3])).arraySync(),
    );
    expect(J).toEqual([[3, 0, 0]]);
    const g = tf.tidy(() => jacobian((z) => tf.sum(tf.square(z)), tf.tensor1d([1, 2])).arraySync());
    expect(g).toEqual([[2, 4]]);
  });

  it("rejects a non-tensor or int32 x and an f that does not return a float32 tensor", () => {
    const xi = tf.tensor1d([1, 2], "int32");
    const x = tf.tensor1d([1, 2]);
    expect(() => jacobian((z) => z, [1, 2] as unknown as tf.Tensor)).toThrow(DescentError);
    expect(() => jacobian((z) => z, xi)).toThrow(/x must have dtype float32/);
    expect(() => jacobian(() => 3 as unknown as tf.Tensor, x)).toThrow(
      /f must return a float32 tf.Tensor, returned 3/,
    );
    tf.dispose([x, xi]);
  });
});
