import { Matrix, solve as mlSolve } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { DescentError } from "../errors.js";
import { inverse, luFactor, luSolve, solve } from "./lu.js";
import { matmul, matvec } from "./matmul.js";
import { fromRows, matrix64, toRows } from "./matrix.js";
import { randomNormalMatrix } from "./random-matrix.js";

describe("LU with partial pivoting", () => {
  it("solves a random 120×120 system with residual ‖Ax − b‖∞ below 1e-11", () => {
    const n = 120;
    const A = randomNormalMatrix(1, n, n);
    const b = randomNormalMatrix(2, n, 1).data;
    const x = solve(A, b);
    const r = matvec(A, x);
    for (let i = 0; i < n; i++) expect(Math.abs((r[i] as number) - (b[i] as number))).toBeLessThan(1e-11);
  });

  it("agrees with ml-matrix's solve (independent oracle) on a 30×30 system", () => {
    const A = randomNormalMatrix(3, 30, 30);
    const b = randomNormalMatrix(4, 30, 1).data;
    const ref = mlSolve(new Matrix(toRows(A)), Matrix.columnVector(Array.from(b)));
    const x = solve(A, b);
    for (let i = 0; i < 30; i++) expect(Math.abs((x[i] as number) - ref.get(i, 0))).toBeLessThan(1e-10);
  });

  it("needs the pivoting: solves [[0, 1], [1, 0]]·x = (2, 3) exactly", () => {
    const f = luFactor(
      fromRows([
        [0, 1],
        [1, 0],
      ]),
    );
    expect(f.sign).toBe(-1);
    expect(Array.from(luSolve(f, Float64Array.from([2, 3])))).toEqual([3, 2]);
  });

  it("inverse(A)·A = I to 1e-12 for a well-conditioned matrix", () => {
    const n = 50;
    const A = randomNormalMatrix(5, n, n);
    for (let i = 0; i < n; i++) A.data[i * n + i] = (A.data[i * n + i] as number) + 10;
    const P = matmul(inverse(A), A);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        expect(Math.abs((P.data[i * n + j] as number) - (i === j ? 1 : 0))).toBeLessThan(1e-12);
  });

  it("inverts the Hilbert matrix of order 4 to its known integer inverse (Hilbert 1894)", () => {
    const H = matrix64(
      4,
      4,
      Float64Array.from({ length: 16 }, (_, k) => 1 / (Math.floor(k / 4) + (k % 4) + 1)),
    );
    const known = [
      [16, -120, 240, -140],
      [-120, 1200, -2700, 1680],
      [240, -2700, 6480, -4200],
      [-140, 1680, -4200, 2800],
    ];
    const inv = toRows(inverse(H));
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) expect(inv[i]?.[j]).toBeCloseTo(known[i]?.[j] as number, 8);
  });

  it("solves for a matrix of right-hand sides", () => {
    const A = randomNormalMatrix(6, 9, 9);
    const B = randomNormalMatrix(7, 9, 2);
    const X = solve(A, B);
    const R = matmul(A, X);
    for (let i = 0; i < 18; i++)
      expect(Math.abs((R.data[i] as number) - (B.data[i] as number))).toBeLessThan(1e-11);
  });

  it("reports a singular matrix with code 'singular' and the pivot", () => {
    try {
      solve(
        fromRows([
          [1, 2],
          [2, 4],
        ]),
        Float64Array.from([1, 1]),
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DescentError);
      expect((e as DescentError).code).toBe("singular");
      expect((e as DescentError).message).toMatch(/pivot 1/);
    }
  });

  it("rejects non-square, NaN and mismatched right-hand sides", () => {
    expect(() => luFactor(matrix64(2, 3))).toThrow(/A must be square/);
    expect(() => inverse(matrix64(1, 1, [Number.POSITIVE_INFINITY]))).toThrow(/finite/);
    expect(() => solve(matrix64(2, 2, [1, 0, 0, 1]), new Float64Array(3))).toThrow(/b must have length 2/);
  });
});
