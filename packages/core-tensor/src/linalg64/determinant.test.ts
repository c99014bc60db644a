import { describe, expect, it } from "vitest";
import type { DescentError } from "../errors.js";
import { logdet, slogdet } from "./determinant.js";
import { fromRows, matrix64 } from "./matrix.js";
import { randomNormalMatrix, randomSymmetric } from "./random-matrix.js";

describe("logdet and slogdet", () => {
  it("logdet equals the sum of log-eigenvalues of Q·diag(λ)·Qᵀ", () => {
    const lambda = Float64Array.from({ length: 50 }, (_, i) => 0.01 + i * 0.3);
    const { A } = randomSymmetric(1, lambda);
    const expected = lambda.reduce((s, l) => s + Math.log(l), 0);
    expect(Math.abs(logdet(A) - expected)).toBeLessThan(1e-11);
    expect(Math.abs(slogdet(A).logAbsDet - expected)).toBeLessThan(1e-11);
    expect(slogdet(A).sign).toBe(1);
  });

  it("does not overflow where det itself would (n = 400, det = 10^400)", () => {
    const n = 400;
    const A = matrix64(n, n);
    for (let i = 0; i < n; i++) A.data[i * n + i] = 10;
    expect(logdet(A)).toBeCloseTo(n * Math.log(10), 10);
  });

  it("slogdet gives the sign of a permutation and of an indefinite matrix", () => {
    expect(
      slogdet(
        fromRows([
          [0, 1],
          [1, 0],
        ]),
      ),
    ).toEqual({ sign: -1, logAbsDet: 0 });
    const r = slogdet(
      fromRows([
        [2, 0, 0],
        [0, -3, 0],
        [0, 0, 4],
      ]),
    );
    expect(r.sign).toBe(-1);
    expect(r.logAbsDet).toBeCloseTo(Math.log(24), 14);
    // det of a 2×2 by the formula ad − bc.
    const M = randomNormalMatrix(2, 2, 2).data;
    const det = (M[0] as number) * (M[3] as number) - (M[1] as number) * (M[2] as number);
    const s = slogdet(matrix64(2, 2, M));
    expect(s.sign * Math.exp(s.logAbsDet)).toBeCloseTo(det, 13);
  });

  it("slogdet of a singular matrix is (0, −∞); logdet of an indefinite one throws at its pivot", () => {
    expect(
      slogdet(
        fromRows([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toEqual({ sign: 0, logAbsDet: Number.NEGATIVE_INFINITY });
    try {
      logdet(
        fromRows([
          [1, 2],
          [2, 1],
        ]),
      );
      expect.unreachable();
    } catch (e) {
      expect((e as DescentError).code).toBe("not-positive-definite");
      expect((e as DescentError).message).toMatch(/row 1/);
    }
  });

  it("rejects non-square input", () => {
    expect(() => slogdet(matrix64(2, 1))).toThrow(/A must be square/);
  });
});
