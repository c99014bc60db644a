import { describe, expect, it } from "vitest";
import type { DescentError } from "../errors.js";
import { maxComplexDiff } from "../testing/array-differences.js";
import { cmatmul } from "./cmatmul.js";
import { cmatrix, cmatrixFromRows } from "./cmatrix.js";
import {
  hermitianCholesky,
  hermitianCholeskySolve,
  hermitianInverse,
  hermitianLogdet,
} from "./hermitian-cholesky.js";
import { randomComplexNormalMatrix, randomHermitian } from "./random-unitary.js";

const spectrum = (n: number) => Float64Array.from({ length: n }, (_, i) => 0.5 + i * 0.25);

describe("Hermitian Cholesky", () => {
  it("reconstructs A = L·Lᴴ to 1e-12 with a real positive diagonal and zero upper triangle", () => {
    const { A } = randomHermitian(1, spectrum(40));
    const L = hermitianCholesky(A);
    expect(maxComplexDiff(cmatmul(L, L, { opB: "C" }), A)).toBeLessThan(1e-12);
    for (let i = 0; i < 40; i++) {
      expect(L.re[i * 40 + i] as number).toBeGreaterThan(0);
      expect(L.im[i * 40 + i]).toBe(0);
      for (let j = i + 1; j < 40; j++) expect([L.re[i * 40 + j], L.im[i * 40 + j]]).toEqual([0, 0]);
    }
  });

  it("factors [[2, i], [−i, 2]] into its hand-computed factor [[√2, 0], [−i/√2, √(3/2)]]", () => {
    const L = hermitianCholesky(
      cmatrixFromRows(
        [
          [2, 0],
          [0, 2],
        ],
        [
          [0, 1],
          [-1, 0],
        ],
      ),
    );
    expect(L.re[0]).toBeCloseTo(Math.SQRT2, 15);
    expect(L.re[2]).toBeCloseTo(0, 15);
    expect(L.im[2]).toBeCloseTo(-1 / Math.SQRT2, 15);
    expect(L.re[3]).toBeCloseTo(Math.sqrt(1.5), 15);
  });

  it("solves A·X = B with residual below 1e-12", () => {
    const { A } = randomHermitian(2, spectrum(30));
    const B = randomComplexNormalMatrix(3, 30, 4);
    const X = hermitianCholeskySolve(hermitianCholesky(A), B);
    expect(maxComplexDiff(cmatmul(A, X), B)).toBeLessThan(1e-12);
  });

  it("hermitianInverse·A = I to 1e-12 and the inverse is exactly Hermitian", () => {
    const { A } = randomHermitian(4, spectrum(50));
    const X = hermitianInverse(A);
    const P = cmatmul(X, A);
    const I = cmatrix(50, 50);
    for (let i = 0; i < 50; i++) I.re[i * 50 + i] = 1;
    expect(maxComplexDiff(P, I)).toBeLessThan(1e-12);
    for (let i = 0; i < 50; i++)
      for (let j = 0; j < 50; j++) {
        expect(X.re[i * 50 + j]).toBe(X.re[j * 50 + i]);
        expect(X.im[i * 50 + j] === -(X.im[j * 50 + i] as number)).toBe(true);
      }
  });

  it("hermitianLogdet equals Σ log λ of U·diag(λ)·Uᴴ", () => {
    const lambda = spectrum(25);
    const { A } = randomHermitian(5, lambda);
    expect(Math.abs(hermitianLogdet(A) - lambda.reduce((s, l) => s + Math.log(l), 0))).toBeLessThan(1e-12);
  });

  it("reports an indefinite matrix at its pivot, and recovers a PSD one with jitter", () => {
    const { A } = randomHermitian(6, [1, 2, -1, 3]);
    try {
      hermitianCholesky(A);
      expect.unreachable();
    } catch (e) {
      expect((e as DescentError).code).toBe("not-positive-definite");
      expect((e as DescentError).message).toMatch(/pivot at row \d/);
    }
    const { A: psd } = randomHermitian(7, [0, 1, 2]);
    expect(() => hermitianInverse(psd, { jitter: 1e-10 })).not.toThrow();
  });

  it("rejects non-square and NaN input and mismatched right-hand sides", () => {
    expect(() => hermitianCholesky(cmatrix(2, 3))).toThrow(/A must be square/);
    expect(() => hermitianLogdet(cmatrix(1, 1, Float64Array.from([Number.NaN])))).toThrow(/finite/);
    const L = hermitianCholesky(cmatrixFromRows([[4]]));
    expect(() => hermitianCholeskySolve(L, cmatrix(2, 1))).toThrow(/B must have 1 rows/);
  });
});
