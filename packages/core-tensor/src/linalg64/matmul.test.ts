import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { DescentError } from "../errors.js";
import { gramRows, matmul, matvec, matvecT, weightedGram } from "./matmul.js";
import { fromRows, type Matrix64, matrix64 } from "./matrix.js";
import { randomNormalMatrix } from "./random-matrix.js";

function naiveProduct(A: Matrix64, B: Matrix64, transA: boolean, transB: boolean): Float64Array {
  const m = transA ? A.cols : A.rows;
  const p = transA ? A.rows : A.cols;
  const n = transB ? B.rows : B.cols;
  const a = (i: number, k: number) => (transA ? A.data[k * A.cols + i] : A.data[i * A.cols + k]) as number;
  const b = (k: number, j: number) => (transB ? B.data[j * B.cols + k] : B.data[k * B.cols + j]) as number;
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += a(i, k) * b(k, j);
      c[i * n + j] = s;
    }
  return c;
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

describe("matmul", () => {
  const sizes: [number, number, number][] = [
    [1, 1, 1],
    [7, 7, 7],
    [129, 7, 130],
    [5, 129, 3],
    [129, 129, 129],
  ];
  for (const [m, p, n] of sizes) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        it(`matches a naive triple loop to 1e-12 at m=${m}, k=${p}, n=${n}, transA=${transA}, transB=${transB}`, () => {
          const A = transA ? randomNormalMatrix(m * 31 + p, p, m) : randomNormalMatrix(m * 31 + p, m, p);
          const B = transB ? randomNormalMatrix(n * 17 + p, n, p) : randomNormalMatrix(n * 17 + p, p, n);
          const C = matmul(A, B, { transA, transB });
          expect([C.rows, C.cols]).toEqual([m, n]);
          expect(maxAbsDiff(C.data, naiveProduct(A, B, transA, transB))).toBeLessThan(1e-12);
        });
      }
    }
  }

  it("agrees with ml-matrix's mmul (independent oracle) to 1e-12 at n = 100", () => {
    const A = randomNormalMatrix(1, 100, 100);
    const B = randomNormalMatrix(2, 100, 100);
    const ref = new Matrix(100, 100);
    const mA = new Matrix(100, 100);
    const mB = new Matrix(100, 100);
    for (let i = 0; i < 100; i++)
      for (let j = 0; j < 100; j++) {
        mA.set(i, j, A.data[i * 100 + j] as number);
        mB.set(i, j, B.data[i * 100 + j] as number);
      }
    const P = mA.mmul(mB);
    for (let i = 0; i < 100; i++) for (let j = 0; j < 100; j++) ref.set(i, j, P.get(i, j));
    const C = matmul(A, B);
    for (let i = 0; i < 100; i++)
      for (let j = 0; j < 100; j++)
        expect(Math.abs((C.data[i * 100 + j] as number) - ref.get(i, j))).toBeLessThan(1e-12);
  });

  it("multiplies a known 2×2 pair exactly", () => {
    const C = matmul(
      fromRows([
        [1, 2],
        [3, 4],
      ]),
      fromRows([
        [5, 6],
        [7, 8],
      ]),
    );
    expect(Array.from(C.data)).toEqual([19, 22, 43, 50]);
  });

  it("writes into out, overwriting previous content", () => {
    const A = randomNormalMatrix(3, 4, 5);
    const B = randomNormalMatrix(4, 5, 6);
    const out = matrix64(4, 6, new Float64Array(24).fill(7));
    expect(matmul(A, B, { out })).toBe(out);
    expect(maxAbsDiff(out.data, naiveProduct(A, B, false, false))).toBeLessThan(1e-12);
  });

  it("rejects mismatched inner dimensions, naming B", () => {
    const err = (() => {
      try {
        matmul(matrix64(2, 3), matrix64(4, 2));
      } catch (e) {
        return e as DescentError;
      }
    })();
    expect(err).toBeInstanceOf(DescentError);
    expect(err?.parameter).toBe("B");
    expect(err?.code).toBe("shape");
  });

  it("rejects NaN input with its position", () => {
    const A = matrix64(2, 2, [1, 2, Number.NaN, 4]);
    expect(() => matmul(A, A)).toThrow(/A must contain only finite values, found NaN at \(1, 0\)/);
  });

  it("rejects an out buffer of the wrong shape or aliasing an input", () => {
    const A = matrix64(2, 2, [1, 2, 3, 4]);
    expect(() => matmul(A, A, { out: matrix64(3, 2) })).toThrow(/out must be 2×2/);
    expect(() => matmul(A, A, { out: A })).toThrow(/out must not share its buffer/);
  });
});

describe("matvec and matvecT", () => {
  it("match the naive products at odd sizes", () => {
    for (const [m, n] of [
      [1, 1],
      [7, 3],
      [130, 129],
    ] as const) {
      const A = randomNormalMatrix(m + n, m, n);
      const x = randomNormalMatrix(5, n, 1).data;
      const y = randomNormalMatrix(6, m, 1).data;
      expect(
        maxAbsDiff(matvec(A, x), naiveProduct(A, { rows: n, cols: 1, data: x }, false, false)),
      ).toBeLessThan(1e-12);
      expect(
        maxAbsDiff(matvecT(A, y), naiveProduct(A, { rows: m, cols: 1, data: y }, true, false)),
      ).toBeLessThan(1e-12);
    }
  });

  it("reuse an out vector (overwritten, not accumulated)", () => {
    const A = fromRows([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const out = new Float64Array(2).fill(100);
    matvecT(A, Float64Array.from([1, 1, 1]), out);
    expect(Array.from(out)).toEqual([9, 12]);
  });

  it("reject a vector of the wrong length", () => {
    expect(() => matvec(matrix64(2, 3), new Float64Array(2))).toThrow(/x must have length 3/);
    expect(() => matvecT(matrix64(2, 3), new Float64Array(3))).toThrow(/x must have length 2/);
  });
});

describe("weightedGram and gramRows", () => {
  it("weightedGram equals Σ wᵢ xᵢxᵢᵀ and is exactly symmetric", () => {
    const X = randomNormalMatrix(11, 103, 61);
    const w = randomNormalMatrix(12, 103, 1).data.map(Math.abs);
    const G = weightedGram(X, w);
    const d = X.cols;
    const ref = new Float64Array(d * d);
    for (let r = 0; r < X.rows; r++)
      for (let i = 0; i < d; i++)
        for (let j = 0; j < d; j++)
          ref[i * d + j] =
            (ref[i * d + j] as number) +
            (w[r] as number) * (X.data[r * d + i] as number) * (X.data[r * d + j] as number);
    expect(maxAbsDiff(G.data, ref)).toBeLessThan(1e-11);
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) expect(G.data[i * d + j]).toBe(G.data[j * d + i]);
  });

  it("weightedGram without weights equals XᵀX", () => {
    const X = randomNormalMatrix(13, 9, 6);
    expect(maxAbsDiff(weightedGram(X).data, naiveProduct(X, X, true, false))).toBeLessThan(1e-12);
  });

  it("gramRows equals X·diag(w)·Xᵀ", () => {
    const X = randomNormalMatrix(14, 135, 40);
    const w = randomNormalMatrix(15, 40, 1).data;
    const XW = { rows: X.rows, cols: X.cols, data: X.data.map((v, k) => v * (w[k % X.cols] as number)) };
    expect(maxAbsDiff(gramRows(X, w).data, naiveProduct(XW, X, false, true))).toBeLessThan(1e-12);
    expect(maxAbsDiff(gramRows(X).data, naiveProduct(X, X, false, true))).toBeLessThan(1e-12);
  });

  it("assumeFinite skips only the scan of X: same result, NaN in X no longer throws, weights still checked", () => {
    const X = randomNormalMatrix(16, 120, 30);
    const w = Float64Array.from({ length: 120 }, (_, i) => 1 + (i % 7));
    expect(weightedGram(X, w, { assumeFinite: true }).data).toEqual(weightedGram(X, w).data);
    expect(gramRows(X, undefined, { assumeFinite: true }).data).toEqual(gramRows(X).data);
    const bad = { rows: 3, cols: 2, data: Float64Array.from([1, Number.NaN, 0, 1, 2, 3]) };
    expect(() => weightedGram(bad)).toThrow(/X must contain only finite values/);
    expect(Number.isNaN(weightedGram(bad, undefined, { assumeFinite: true }).data[1])).toBe(true);
    expect(() =>
      weightedGram(
        X,
        Float64Array.from({ length: 120 }, () => Number.NaN),
        { assumeFinite: true },
      ),
    ).toThrow(/w must contain only finite values/);
  });

  it("reject weights of the wrong length or with NaN", () => {
    const X = matrix64(3, 2);
    expect(() => weightedGram(X, new Float64Array(2))).toThrow(/w must have length 3/);
    expect(() => gramRows(X, Float64Array.from([1, Number.NaN]))).toThrow(
      /w must contain only finite values/,
    );
  });
});
