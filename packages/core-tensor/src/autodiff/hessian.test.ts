import { beforeAll, describe, expect, it } from "vitest";
import { initBackend, tf } from "../backend.js";
import { DescentError } from "../errors.js";
import { hessian } from "./hessian.js";
import { safeLogSumExp } from "./safe-softmax.js";

describe("hessian", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("of ½ xᵀAx is ½(A + Aᵀ), column by column", () => {
    const A = [
      [2, 1, 0],
      [3, 4, -1],
      [0, 1, 6],
    ];
    const H = tf.tidy(() => {
      const At = tf.tensor2d(A);
      const f = (x: tf.Tensor) => {
        const c = tf.reshape(x, [3, 1]);
        return tf.mul(0.5, tf.sum(tf.mul(c, tf.matMul(At, c))));
      };
      return hessian(f, tf.tensor1d([0.5, -1, 2])).arraySync();
    });
    H.forEach((row, i) => {
      row.forEach((h, j) => {
        expect(h).toBeCloseTo(0.5 * ((A[i]?.[j] as number) + (A[j]?.[i] as number)), 5);
      });
    });
  });

  it("of logSumExp is diag(p) − p pᵀ (softmax p), symmetric", () => {
    const x = [0.5, -1, 2, 0];
    const m = Math.max(...x);
    const e = x.map((v) => Math.exp(v - m));
    const p = e.map((v) => v / e.reduce((a, b) => a + b, 0));
    const H = tf.tidy(() => hessian((z) => safeLogSumExp(z), tf.tensor1d(x)).arraySync());
    H.forEach((row, i) => {
      row.forEach((h, j) => {
        const expected = (i === j ? (p[i] as number) : 0) - (p[i] as number) * (p[j] as number);
        expect(h).toBeCloseTo(expected, 6);
      });
    });
  });

  it("rejects an int32 x and an f that does not return a scalar", () => {
    const xi = tf.tensor1d([1, 2], "int32");
    const x = tf.tensor1d([1, 2]);
    expect(() => hessian((z) => tf.sum(z), xi)).toThrow(DescentError);
    expect(() => hessian((z) => tf.square(z), x)).toThrow(
      /f must return a scalar \(rank-0\) tensor, returned shape \[2\]/,
    );
    tf.dispose([x, xi]);
  });
});
