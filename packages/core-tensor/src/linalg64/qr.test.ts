import { Matrix, QrDecomposition } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { maxAbsDiff } from "../testing/array-differences.js";
import { orthonormalityError } from "../testing/orthonormality.js";
import { matmul } from "./matmul.js";
import { fromRows, matrix64, toRows } from "./matrix.js";
import { qr } from "./qr.js";
import { randomNormalMatrix } from "./random-matrix.js";

describe("qr (thin Householder)", () => {
  for (const [m, n] of [
    [90, 40],
    [40, 40],
    [30, 70],
    [1, 1],
    [7, 1],
  ] as const) {
    it(`reconstructs a random ${m}×${n} A = Q·R with QᵀQ = I and R upper triangular, diag ≥ 0`, () => {
      const A = randomNormalMatrix(m + 3 * n, m, n);
      const { Q, R } = qr(A);
      const k = Math.min(m, n);
      expect([Q.rows, Q.cols, R.rows, R.cols]).toEqual([m, k, k, n]);
      expect(maxAbsDiff(matmul(Q, R).data, A.data)).toBeLessThan(1e-13);
      expect(orthonormalityError(Q)).toBeLessThan(1e-14);
      for (let i = 0; i < k; i++) {
        expect(R.data[i * n + i] as number).toBeGreaterThanOrEqual(0);
        for (let j = 0; j < i; j++) expect(R.data[i * n + j]).toBe(0);
      }
    });
  }

  it("factors a 3×2 textbook example with its known R (|R| matches Gram–Schmidt by hand)", () => {
    // Columns a₁ = (3, 4, 0), a₂ = (1, 1, 1): r₁₁ = 5, r₁₂ = 7/5, r₂₂ = √(3 − 49/25) = √26/5.
    const { R } = qr(
      fromRows([
        [3, 1],
        [4, 1],
        [0, 1],
      ]),
    );
    expect(R.data[0]).toBeCloseTo(5, 14);
    expect(R.data[1]).toBeCloseTo(7 / 5, 14);
    expect(R.data[3]).toBeCloseTo(Math.sqrt(26) / 5, 14);
  });

  it("agrees with ml-matrix's QrDecomposition up to column signs (independent oracle)", () => {
    const A = randomNormalMatrix(4, 25, 10);
    const ref = new QrDecomposition(new Matrix(toRows(A))).upperTriangularMatrix;
    const { R } = qr(A);
    for (let i = 0; i < 10; i++)
      for (let j = i; j < 10; j++)
        expect(Math.abs(Math.abs(R.data[i * 10 + j] as number) - Math.abs(ref.get(i, j)))).toBeLessThan(
          1e-12,
        );
  });

  it("copes with a zero column (rank deficient) and keeps Q orthonormal", () => {
    const A = matrix64(4, 3, [1, 0, 2, 1, 0, 0, 1, 0, 1, 1, 0, 5]);
    const { Q, R } = qr(A);
    expect(maxAbsDiff(matmul(Q, R).data, A.data)).toBeLessThan(1e-14);
    expect(orthonormalityError(Q)).toBeLessThan(1e-14);
  });

  it("with pivoting: A·P = Q·R and |R₀₀| ≥ |R₁₁| ≥ … reveals the rank of a rank-3 matrix", () => {
    const A = matmul(randomNormalMatrix(8, 20, 3), randomNormalMatrix(9, 3, 7));
    const { Q, R, permutation } = qr(A, { pivoting: true });
    const QR = matmul(Q, R);
    for (let i = 0; i < 20; i++)
      for (let t = 0; t < 7; t++)
        expect(
          Math.abs((QR.data[i * 7 + t] as number) - (A.data[i * 7 + (permutation[t] as number)] as number)),
        ).toBeLessThan(1e-13);
    for (let i = 1; i < 7; i++)
      expect(R.data[i * 7 + i] as number).toBeLessThanOrEqual(
        (R.data[(i - 1) * 7 + i - 1] as number) * (1 + 1e-12),
      );
    expect(Math.abs(R.data[3 * 7 + 3] as number)).toBeLessThan(1e-13 * (R.data[0] as number));
    expect(Array.from(qr(A).permutation)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("rejects NaN input", () => {
    expect(() => qr(matrix64(1, 1, [Number.NaN]))).toThrow(/A must contain only finite values/);
  });
});
