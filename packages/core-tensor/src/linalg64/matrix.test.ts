import { describe, expect, it } from "vitest";
import { DescentError } from "../errors.js";
import { diagonal, diagonalMatrix, fromRows, identity, matrix64, toRows, transpose } from "./matrix.js";

describe("Matrix64 construction", () => {
  it("fromRows/toRows round-trip in row-major order", () => {
    const A = fromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(A.rows).toBe(2);
    expect(A.cols).toBe(3);
    expect(Array.from(A.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(toRows(A)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("transpose swaps (i, j) for every entry, also across 32×32 tiles", () => {
    const m = 45;
    const n = 70;
    const A = matrix64(
      m,
      n,
      Float64Array.from({ length: m * n }, (_, k) => k),
    );
    const T = transpose(A);
    expect([T.rows, T.cols]).toEqual([n, m]);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) expect(T.data[j * m + i]).toBe(A.data[i * n + j]);
  });

  it("identity, diagonalMatrix and diagonal agree", () => {
    expect(Array.from(identity(2).data)).toEqual([1, 0, 0, 1]);
    expect(Array.from(diagonal(diagonalMatrix([3, -1, 2])))).toEqual([3, -1, 2]);
  });

  it("matrix64 wraps a Float64Array without copying", () => {
    const data = new Float64Array(6);
    expect(matrix64(2, 3, data).data).toBe(data);
  });

  it("rejects a data length that does not match the shape, naming data", () => {
    expect(() => matrix64(2, 3, new Float64Array(5))).toThrow(/data must have length rows \* cols = 6/);
    try {
      matrix64(2, 3, new Float64Array(5));
    } catch (e) {
      expect(e).toBeInstanceOf(DescentError);
      expect((e as DescentError).parameter).toBe("data");
    }
  });

  it("rejects ragged rows and non-integer dimensions", () => {
    expect(() => fromRows([[1, 2], [3]])).toThrow(/rows\[1\] must have length 2/);
    expect(() => matrix64(1.5, 2)).toThrow(/rows must be a non-negative integer/);
  });

  it("rejects a malformed matrix object", () => {
    expect(() => transpose({ rows: 2, cols: 2, data: new Float64Array(3) })).toThrow(/A must be a Matrix64/);
  });
});
