import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { DescentError } from "../errors.js";
import { orthonormalityError } from "../testing/orthonormality.js";
import { eigh, eigvalsh } from "./eigh.js";
import { matmul } from "./matmul.js";
import { fromRows, identity, type Matrix64, matrix64, toRows } from "./matrix.js";
import { randomSymmetric } from "./random-matrix.js";

function eigenResidual(A: Matrix64, values: Float64Array, V: Matrix64): number {
  const AV = matmul(A, V);
  const n = A.rows;
  let m = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      m = Math.max(
        m,
        Math.abs((AV.data[i * n + j] as number) - (V.data[i * n + j] as number) * (values[j] as number)),
      );
  return m;
}

describe("eigh", () => {
  it("recovers the spectrum of Q·diag(λ)·Qᵀ (random orthogonal Q) to 1e-12, with orthonormal vectors", () => {
    const n = 80;
    const lambda = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1) * 10);
    const { A } = randomSymmetric(42, lambda);
    const { values, vectors } = eigh(A);
    const sorted = lambda.slice().sort();
    for (let i = 0; i < n; i++)
      expect(Math.abs((values[i] as number) - (sorted[i] as number))).toBeLessThan(1e-12 * 10);
    expect(orthonormalityError(vectors)).toBeLessThan(1e-12);
    expect(eigenResidual(A, values, vectors)).toBeLessThan(1e-11);
  });

  it("gives the 1-D Laplacian its eigenvalues 2 − 2cos(kπ/(n+1)) and sine eigenvectors", () => {
    // Closed form (e.g. Strang, Computational Science and Engineering, §1.5): λ_k = 2 − 2cos(kπ/(n+1)),
    // v_k(j) ∝ sin(jkπ/(n+1)).
    const n = 60;
    const A = matrix64(n, n);
    for (let i = 0; i < n; i++) {
      A.data[i * n + i] = 2;
      if (i > 0) A.data[i * n + i - 1] = -1;
      if (i + 1 < n) A.data[i * n + i + 1] = -1;
    }
    const { values, vectors } = eigh(A);
    for (let k = 1; k <= n; k++) {
      expect(Math.abs((values[k - 1] as number) - (2 - 2 * Math.cos((k * Math.PI) / (n + 1))))).toBeLessThan(
        1e-13,
      );
      const norm = Math.sqrt((n + 1) / 2);
      const sign = Math.sign(vectors.data[0 * n + k - 1] as number);
      for (let j = 1; j <= n; j++) {
        const exact = Math.sin((j * k * Math.PI) / (n + 1)) / norm;
        expect(Math.abs(sign * (vectors.data[(j - 1) * n + k - 1] as number) - exact)).toBeLessThan(1e-12);
      }
    }
  });

  it("resolves the nearly equal top pair of Wilkinson's W21+ (Wilkinson 1965, The Algebraic Eigenvalue Problem)", () => {
    // W21+: diagonal |10 − i|, unit off-diagonals; λ₂₀ = 10.746194182903322, λ₂₁ = 10.746194182903393.
    const n = 21;
    const W = matrix64(n, n);
    for (let i = 0; i < n; i++) {
      W.data[i * n + i] = Math.abs(10 - i);
      if (i + 1 < n) {
        W.data[i * n + i + 1] = 1;
        W.data[(i + 1) * n + i] = 1;
      }
    }
    const { values, vectors } = eigh(W);
    expect(Math.abs((values[19] as number) - 10.746194182903322)).toBeLessThan(1e-13);
    expect(Math.abs((values[20] as number) - 10.746194182903393)).toBeLessThan(1e-13);
    expect(orthonormalityError(vectors)).toBeLessThan(1e-13);
  });

  it("keeps eigenvectors orthonormal for a repeated eigenvalue", () => {
    const lambda = [1, 1, 1, 2, 2, 5, 5, 5, 5];
    const { A } = randomSymmetric(7, lambda);
    const { values, vectors } = eigh(A);
    for (let i = 0; i < lambda.length; i++) expect(values[i]).toBeCloseTo(lambda[i] as number, 13);
    expect(orthonormalityError(vectors)).toBeLessThan(1e-13);
    expect(eigenResidual(A, values, vectors)).toBeLessThan(1e-13);
  });

  it("handles n = 1, n = 2 and diagonal input", () => {
    expect(Array.from(eigh(fromRows([[3]])).values)).toEqual([3]);
    const two = eigh(
      fromRows([
        [2, 1],
        [1, 2],
      ]),
    );
    expect(two.values[0]).toBeCloseTo(1, 15);
    expect(two.values[1]).toBeCloseTo(3, 15);
    const diag = eigh(
      fromRows([
        [3, 0, 0],
        [0, -1, 0],
        [0, 0, 2],
      ]),
    );
    expect(Array.from(diag.values)).toEqual([-1, 2, 3]);
    expect(orthonormalityError(diag.vectors)).toBe(0);
    expect(Array.from(eigh(identity(4)).values)).toEqual([1, 1, 1, 1]);
  });

  it("agrees with ml-matrix's EigenvalueDecomposition (independent oracle) to 1e-12", () => {
    const { A } = randomSymmetric(
      9,
      Float64Array.from({ length: 40 }, (_, i) => i - 20.5),
    );
    const ref = new EigenvalueDecomposition(new Matrix(toRows(A)), { assumeSymmetric: true }).realEigenvalues
      .slice()
      .sort((a, b) => a - b);
    const values = eigvalsh(A);
    for (let i = 0; i < 40; i++)
      expect(Math.abs((values[i] as number) - (ref[i] as number))).toBeLessThan(1e-12);
  });

  it("eigvalsh returns the same values as eigh", () => {
    const { A } = randomSymmetric(10, [3, -7, 0.5, 2, 2]);
    const a = eigh(A).values;
    const b = eigvalsh(A);
    for (let i = 0; i < 5; i++) expect(Math.abs((a[i] as number) - (b[i] as number))).toBeLessThan(1e-14);
  });

  it("rejects non-square and NaN input", () => {
    expect(() => eigh(matrix64(2, 3))).toThrow(DescentError);
    expect(() => eigh(matrix64(2, 3))).toThrow(/A must be square, received a 2×3 matrix/);
    expect(() => eigvalsh(matrix64(1, 1, [Number.NaN]))).toThrow(/A must contain only finite values/);
  });
});
