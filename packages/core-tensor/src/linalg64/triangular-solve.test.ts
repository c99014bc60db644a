import { describe, expect, it } from "vitest";
import { matmul, matvec } from "./matmul.js";
import { type Matrix64, matrix64, transpose } from "./matrix.js";
import { randomNormalMatrix } from "./random-matrix.js";
import { solveTriangular } from "./triangular-solve.js";

function triangle(n: number, lower: boolean, seed: number): Matrix64 {
  const T = randomNormalMatrix(seed, n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (lower ? j > i : j < i) T.data[i * n + j] = 0;
      if (i === j) T.data[i * n + j] = 2 + Math.abs(T.data[i * n + j] as number);
    }
  return T;
}

describe("solveTriangular", () => {
  for (const lower of [true, false]) {
    for (const trans of [false, true]) {
      it(`solves op(T)·x = b with lower=${lower}, transpose=${trans} (vector and matrix b) to 1e-12`, () => {
        const n = 37;
        const T = triangle(n, lower, lower ? 1 : 2);
        const op = trans ? transpose(T) : T;
        const b = randomNormalMatrix(3, n, 1).data;
        const x = solveTriangular(T, b, { lower, transpose: trans });
        const r = matvec(op, x);
        for (let i = 0; i < n; i++) expect(Math.abs((r[i] as number) - (b[i] as number))).toBeLessThan(1e-12);
        const B = randomNormalMatrix(4, n, 3);
        const X = solveTriangular(T, B, { lower, transpose: trans });
        const R = matmul(op, X);
        for (let i = 0; i < n * 3; i++)
          expect(Math.abs((R.data[i] as number) - (B.data[i] as number))).toBeLessThan(1e-12);
      });
    }
  }

  it("ignores the stored diagonal with unitDiagonal", () => {
    const T = matrix64(2, 2, [5, 0, 3, 7]);
    expect(Array.from(solveTriangular(T, Float64Array.from([1, 4]), { unitDiagonal: true }))).toEqual([1, 1]);
  });

  it("rejects a zero on the diagonal as singular", () => {
    expect(() => solveTriangular(matrix64(2, 2, [1, 0, 1, 0]), new Float64Array(2))).toThrow(
      /T is singular: its diagonal entry \(1, 1\) is 0/,
    );
  });
});
