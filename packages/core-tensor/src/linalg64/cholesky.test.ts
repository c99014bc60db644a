import { describe, expect, it } from "vitest";
import { DescentError } from "../errors.js";
import { maxAbsDiff } from "../testing/array-differences.js";
import { laplacian1d } from "../testing/laplacian.js";
import { cholesky, choleskySolve, choleskyWithJitter, inverseSpd } from "./cholesky.js";
import { matmul, matvec } from "./matmul.js";
import { fromRows, matrix64 } from "./matrix.js";
import { randomNormalMatrix, randomSymmetric } from "./random-matrix.js";

function catchError(f: () => unknown): DescentError {
  try {
    f();
  } catch (e) {
    if (e instanceof DescentError) return e;
    throw e;
  }
  throw new Error("expected a DescentError");
}

describe("cholesky", () => {
  it("factors the textbook 3×3 example exactly (Wikipedia 'Cholesky decomposition', Example)", () => {
    const L = cholesky(
      fromRows([
        [4, 12, -16],
        [12, 37, -43],
        [-16, -43, 98],
      ]),
    );
    expect(Array.from(L.data)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it("factors the 1-D Laplacian tridiag(−1, 2, −1) into its closed form L", () => {
    // LDLᵀ of tridiag(−1,2,−1) has d_k = (k+1)/k (k = 1..n), so L_ii = √((i+2)/(i+1)) and
    // L_{i+1,i} = −√((i+1)/(i+2)) with 0-based i.
    const n = 50;
    const L = cholesky(laplacian1d(n));
    for (let i = 0; i < n; i++) {
      expect(L.data[i * n + i]).toBeCloseTo(Math.sqrt((i + 2) / (i + 1)), 14);
      if (i + 1 < n) expect(L.data[(i + 1) * n + i]).toBeCloseTo(-Math.sqrt((i + 1) / (i + 2)), 14);
      for (let j = i + 1; j < n; j++) expect(L.data[i * n + j]).toBe(0);
      for (let j = 0; j + 1 < i; j++) expect(Math.abs(L.data[i * n + j] as number)).toBeLessThan(1e-15);
    }
  });

  it("reconstructs a random SPD matrix (condition 1e4) as L·Lᵀ to 1e-12 relative", () => {
    const n = 140;
    const eig = Float64Array.from({ length: n }, (_, i) => 10 ** (-2 + (4 * i) / (n - 1)));
    const { A } = randomSymmetric(3, eig);
    const L = cholesky(A);
    const R = matmul(L, L, { transB: true });
    expect(maxAbsDiff(R.data, A.data) / 100).toBeLessThan(1e-12);
  });

  it("reads only the lower triangle", () => {
    const L = cholesky(
      fromRows([
        [4, 999],
        [2, 3],
      ]),
    );
    expect(Array.from(L.data)).toEqual([2, 0, 1, Math.SQRT2]);
  });

  it("reports the failing pivot of an indefinite matrix", () => {
    const e = catchError(() =>
      cholesky(
        fromRows([
          [1, 0, 0],
          [0, -1, 0],
          [0, 0, 1],
        ]),
      ),
    );
    expect(e.code).toBe("not-positive-definite");
    expect(e.parameter).toBe("A");
    expect(e.message).toMatch(/pivot at row 1 is -1/);
  });

  it("reports a failing pivot inside a later column block (n = 150, pivot 100)", () => {
    const n = 150;
    const A = matrix64(n, n);
    for (let i = 0; i < n; i++) A.data[i * n + i] = i === 100 ? -2 : 1 + i;
    const e = catchError(() => cholesky(A));
    expect(e.message).toMatch(/pivot at row 100 is -2/);
  });

  it("jitter retry factors a rank-one PSD matrix and reports the added multiple of I", () => {
    const x = Float64Array.from([1, 2, 3]);
    const A = matrix64(
      3,
      3,
      Float64Array.from({ length: 9 }, (_, k) => (x[Math.floor(k / 3)] as number) * (x[k % 3] as number)),
    );
    expect(catchError(() => cholesky(A)).code).toBe("not-positive-definite");
    const { L, jitterAdded } = choleskyWithJitter(A, { jitter: 1e-10 });
    // trace/n = 14/3; the first retry adds 1e-10·14/3 unless rounding needs more.
    expect(jitterAdded).toBeGreaterThanOrEqual((1e-10 * 14) / 3);
    const R = matmul(L, L, { transB: true });
    for (let i = 0; i < 3; i++)
      expect(R.data[i * 3 + i]).toBeCloseTo((A.data[i * 3 + i] as number) + jitterAdded, 12);
  });

  it("rejects non-square, NaN and negative-jitter input", () => {
    expect(catchError(() => cholesky(matrix64(2, 3))).message).toMatch(
      /A must be square, received a 2×3 matrix/,
    );
    expect(catchError(() => cholesky(matrix64(1, 1, [Number.NaN]))).code).toBe("finite");
    expect(catchError(() => cholesky(matrix64(1, 1, [1]), { jitter: -1 })).parameter).toBe("jitter");
  });
});

describe("choleskySolve", () => {
  it("solves A·x = b for a vector with residual below 1e-12", () => {
    const n = 60;
    const X = randomNormalMatrix(5, 2 * n, n);
    const A = matmul(X, X, { transA: true });
    const b = randomNormalMatrix(6, n, 1).data;
    const x = choleskySolve(cholesky(A), b);
    const r = matvec(A, x);
    expect(maxAbsDiff(r, b)).toBeLessThan(1e-11);
  });

  it("solves for a matrix of right-hand sides column by column", () => {
    const A = fromRows([
      [4, 12, -16],
      [12, 37, -43],
      [-16, -43, 98],
    ]);
    const B = randomNormalMatrix(7, 3, 4);
    const X = choleskySolve(cholesky(A), B);
    expect(maxAbsDiff(matmul(A, X).data, B.data)).toBeLessThan(1e-11);
  });

  it("rejects a right-hand side of the wrong length and a singular factor", () => {
    const L = cholesky(fromRows([[4]]));
    expect(catchError(() => choleskySolve(L, new Float64Array(2))).message).toMatch(/b must have length 1/);
    expect(catchError(() => choleskySolve(matrix64(1, 1, [0]), new Float64Array(1))).code).toBe("singular");
  });
});

describe("inverseSpd", () => {
  it("inverseSpd(A)·A = I to 1e-12 and the result is exactly symmetric", () => {
    const n = 70;
    const { A } = randomSymmetric(
      8,
      Float64Array.from({ length: n }, (_, i) => 1 + i / 10),
    );
    const X = inverseSpd(A);
    const P = matmul(X, A);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        expect(Math.abs((P.data[i * n + j] as number) - (i === j ? 1 : 0))).toBeLessThan(1e-12);
        expect(X.data[i * n + j]).toBe(X.data[j * n + i]);
      }
  });

  it("inverts the 1-D Laplacian to its closed form (A⁻¹)ᵢⱼ = min(i, j)·(n + 1 − max(i, j)) / (n + 1)", () => {
    // 1-based i, j; the Green's function of the discrete second difference.
    const n = 9;
    const X = inverseSpd(laplacian1d(n));
    for (let i = 1; i <= n; i++)
      for (let j = 1; j <= n; j++)
        expect(X.data[(i - 1) * n + j - 1]).toBeCloseTo(
          (Math.min(i, j) * (n + 1 - Math.max(i, j))) / (n + 1),
          13,
        );
  });

  it("rejects an indefinite matrix", () => {
    expect(() => inverseSpd(fromRows([[-1]]))).toThrow(/not positive definite/);
  });
});
