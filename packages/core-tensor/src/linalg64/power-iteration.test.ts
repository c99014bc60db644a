import { describe, expect, it } from "vitest";
import { matvec } from "./matmul.js";
import { matrix64 } from "./matrix.js";
import { powerIteration } from "./power-iteration.js";
import { randomNormalMatrix, randomSymmetric } from "./random-matrix.js";
import { svd } from "./svd.js";

describe("powerIteration", () => {
  it("finds the top eigenvalue 2 − 2cos(nπ/(n+1)) of the 1-D Laplacian", () => {
    const n = 12;
    const A = matrix64(n, n);
    for (let i = 0; i < n; i++) {
      A.data[i * n + i] = 2;
      if (i > 0) A.data[i * n + i - 1] = -1;
      if (i + 1 < n) A.data[i * n + i + 1] = -1;
    }
    const res = powerIteration(A, { tol: 1e-14, maxIterations: 20000 });
    expect(res.value).toBeCloseTo(2 - 2 * Math.cos((n * Math.PI) / (n + 1)), 9);
  });

  it("returns a negative dominant eigenvalue with its sign and a unit eigenvector", () => {
    const { A } = randomSymmetric(4, [-5, 1, 2, 0.5]);
    const res = powerIteration(A, { tol: 1e-15 });
    expect(res.value).toBeCloseTo(-5, 10);
    const Av = matvec(A, res.vector);
    for (let i = 0; i < 4; i++) expect(Av[i]).toBeCloseTo(-5 * (res.vector[i] as number), 6);
  });

  it("finds the largest singular value of a rectangular matrix (checked against svd)", () => {
    const A = randomNormalMatrix(5, 40, 25);
    const res = powerIteration(A, { target: "singular-value", tol: 1e-14, maxIterations: 5000 });
    expect(res.value).toBeCloseTo(svd(A).S[0] as number, 8);
  });

  it("is reproducible from its seed and accepts an operator with a dimension", () => {
    const { A } = randomSymmetric(6, [3, 1, 1]);
    const a = powerIteration(A, { seed: 9, maxIterations: 3 });
    const b = powerIteration((x, out) => matvec(A, x, out), { seed: 9, maxIterations: 3, dimension: 3 });
    expect(Array.from(a.vector)).toEqual(Array.from(b.vector));
  });

  it("rejects a non-square matrix for eigenvalues and an operator without dimension", () => {
    expect(() => powerIteration(matrix64(2, 3))).toThrow(/A must be square for target "eigenvalue"/);
    expect(() => powerIteration((x, out) => out.set(x))).toThrow(/dimension must be an integer/);
  });

  it("rejects target 'singular-value' with an operator, a zero start vector and a bad tol", () => {
    expect(() => powerIteration((x, out) => out.set(x), { target: "singular-value", dimension: 2 })).toThrow(
      /needs A as a matrix/,
    );
    expect(() => powerIteration(matrix64(2, 2, [1, 0, 0, 1]), { x0: new Float64Array(2) })).toThrow(
      /x0 must be a finite non-zero vector/,
    );
    expect(() => powerIteration(matrix64(1, 1, [1]), { tol: -1 })).toThrow(/tol must be >= 0/);
  });
});
