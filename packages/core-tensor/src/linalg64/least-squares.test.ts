import { describe, expect, it } from "vitest";
import type { DescentError } from "../errors.js";
import { maxAbsDiff } from "../testing/array-differences.js";
import { cholesky, choleskySolve } from "./cholesky.js";
import { lstsq, ridge } from "./least-squares.js";
import { matmul, matvec, matvecT } from "./matmul.js";
import { fromRows, type Matrix64, matrix64 } from "./matrix.js";
import { randomNormalMatrix } from "./random-matrix.js";

function normalEquations(X: Matrix64, y: Float64Array, lambda: number): Float64Array {
  const G = matmul(X, X, { transA: true });
  for (let j = 0; j < X.cols; j++) G.data[j * X.cols + j] = (G.data[j * X.cols + j] as number) + lambda;
  return choleskySolve(cholesky(G), matvecT(X, y));
}

describe("lstsq", () => {
  it("agrees with the normal equations on a well-conditioned problem to 1e-12", () => {
    const X = randomNormalMatrix(1, 200, 15);
    const y = randomNormalMatrix(2, 200, 1).data;
    expect(maxAbsDiff(lstsq(X, y), normalEquations(X, y, 0))).toBeLessThan(1e-12);
  });

  it("recovers β exactly for noise-free data and fits a line through known points", () => {
    const X = randomNormalMatrix(3, 40, 6);
    const beta = Float64Array.from([1, -2, 3, 0.5, 0, 7]);
    expect(maxAbsDiff(lstsq(X, matvec(X, beta)), beta)).toBeLessThan(1e-13);
    // y = 1 + 2t at t = 0, 1, 2 plus symmetric noise (+1, −2, +1) leaves the fit unchanged.
    const line = lstsq(
      fromRows([
        [1, 0],
        [1, 1],
        [1, 2],
      ]),
      Float64Array.from([2, 1, 6]),
    );
    expect(line[0]).toBeCloseTo(1, 14);
    expect(line[1]).toBeCloseTo(2, 14);
  });

  it("returns the minimum-norm solution of an underdetermined system", () => {
    // x₁ + x₂ = 2 → minimum-norm (1, 1).
    const x = lstsq(matrix64(1, 2, [1, 1]), Float64Array.from([2]));
    expect(x[0]).toBeCloseTo(1, 15);
    expect(x[1]).toBeCloseTo(1, 15);
    const X = randomNormalMatrix(4, 5, 12);
    const y = randomNormalMatrix(5, 5, 1).data;
    const b = lstsq(X, y);
    expect(maxAbsDiff(matvec(X, b), y)).toBeLessThan(1e-13);
    // Minimum norm ⇔ β lies in the row space: β = Xᵀ(XXᵀ)⁻¹y.
    const K = matmul(X, X, { transB: true });
    expect(maxAbsDiff(b, matvecT(X, choleskySolve(cholesky(K), y)))).toBeLessThan(1e-12);
  });

  it("solves several right-hand sides at once", () => {
    const X = randomNormalMatrix(6, 30, 4);
    const Y = randomNormalMatrix(7, 30, 3);
    const B = lstsq(X, Y);
    for (let c = 0; c < 3; c++) {
      const y = Float64Array.from({ length: 30 }, (_, i) => Y.data[i * 3 + c] as number);
      const b = lstsq(X, y);
      for (let j = 0; j < 4; j++)
        expect(Math.abs((B.data[j * 3 + c] as number) - (b[j] as number))).toBeLessThan(1e-14);
    }
  });

  it("reports rank deficiency with code 'singular'", () => {
    const X = fromRows([
      [1, 2],
      [2, 4],
      [3, 6],
    ]);
    try {
      lstsq(X, Float64Array.from([1, 2, 3]));
      expect.unreachable();
    } catch (e) {
      expect((e as DescentError).code).toBe("singular");
      expect((e as DescentError).parameter).toBe("X");
    }
  });

  it("rejects a y of the wrong length", () => {
    expect(() => lstsq(matrix64(3, 2), new Float64Array(2))).toThrow(/y must have length 3/);
  });
});

describe("ridge", () => {
  it("matches the closed form (XᵀX + λI)⁻¹Xᵀy in primal and dual form", () => {
    const X = randomNormalMatrix(8, 50, 20);
    const y = randomNormalMatrix(9, 50, 1).data;
    const ref = normalEquations(X, y, 0.7);
    expect(maxAbsDiff(ridge(X, y, 0.7, { method: "primal" }), ref)).toBeLessThan(1e-12);
    expect(maxAbsDiff(ridge(X, y, 0.7, { method: "dual" }), ref)).toBeLessThan(1e-12);
  });

  it("one-feature closed form: β = Σxy / (Σx² + λ)", () => {
    const x = [1, 2, 3];
    const y = Float64Array.from([2, 3, 7]);
    const beta = ridge(matrix64(3, 1, x), y, 2);
    expect(beta[0]).toBeCloseTo((2 + 6 + 21) / (14 + 2), 14);
  });

  it("uses the dual form when n < d and gives the same answer with per-feature λ and sample weights", () => {
    const X = randomNormalMatrix(10, 12, 40);
    const y = randomNormalMatrix(11, 12, 1).data;
    const lam = Float64Array.from({ length: 40 }, (_, j) => 0.1 + j / 40);
    const w = Float64Array.from({ length: 12 }, (_, i) => 0.5 + (i % 3));
    const primal = ridge(X, y, lam, { sampleWeights: w, method: "primal" });
    const auto = ridge(X, y, lam, { sampleWeights: w });
    expect(maxAbsDiff(primal, auto)).toBeLessThan(1e-11);
    // Stationarity of the objective: XᵀW(Xβ − y) + Λβ = 0.
    const r = matvec(X, primal).map((v, i) => (v - (y[i] as number)) * (w[i] as number));
    const g = matvecT(X, r).map((v, j) => v + (lam[j] as number) * (primal[j] as number));
    for (let j = 0; j < 40; j++) expect(Math.abs(g[j] as number)).toBeLessThan(1e-11);
  });

  it("rejects a negative λ, negative weights and 'dual' with a zero λ", () => {
    const X = matrix64(2, 2, [1, 0, 0, 1]);
    const y = Float64Array.from([1, 1]);
    expect(() => ridge(X, y, -1)).toThrow(/lambda must be >= 0/);
    expect(() => ridge(X, y, 1, { sampleWeights: Float64Array.from([1, -1]) })).toThrow(
      /sampleWeights\[1\] must be >= 0/,
    );
    expect(() => ridge(X, y, 0, { method: "dual" })).toThrow(/needs every lambda > 0/);
    expect(() => ridge(X, y, 1, { method: "svd" as "dual" })).toThrow(/method must be one of/);
  });

  it("rejects y or sampleWeights of the wrong length and NaN in X", () => {
    const X = matrix64(3, 2, [1, 0, 0, 1, 1, 1]);
    expect(() => ridge(X, new Float64Array(2), 1)).toThrow(/y must have length 3/);
    expect(() => ridge(X, new Float64Array(3), 1, { sampleWeights: new Float64Array(2) })).toThrow(
      /sampleWeights must have length 3/,
    );
    expect(() => ridge(X, new Float64Array(3), new Float64Array(3))).toThrow(/lambda must have length 2/);
    expect(() => lstsq(matrix64(1, 1, [Number.NaN]), new Float64Array(1))).toThrow(
      /X must contain only finite/,
    );
  });
});
