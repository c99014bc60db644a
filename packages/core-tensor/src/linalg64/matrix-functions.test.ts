import { describe, expect, it } from "vitest";
import { DescentError } from "../errors.js";
import { maxAbsDiff } from "../testing/array-differences.js";
import { matmul } from "./matmul.js";
import { fromRows, matrix64 } from "./matrix.js";
import { expm, expmSym, logmSym, sqrtmSym, symmetricMatrixFunction } from "./matrix-functions.js";
import { randomNormalMatrix, randomSymmetric } from "./random-matrix.js";

describe("symmetric matrix functions", () => {
  it("expmSym of a diagonal matrix is the diagonal of exponentials", () => {
    const E = expmSym(
      fromRows([
        [1, 0, 0],
        [0, -2, 0],
        [0, 0, 0.5],
      ]),
    );
    expect(maxAbsDiff(E.data, [Math.E, 0, 0, 0, Math.exp(-2), 0, 0, 0, Math.exp(0.5)])).toBeLessThan(1e-15);
  });

  it("expmSym of the symmetric generator [[0, t], [t, 0]] is [[cosh t, sinh t], [sinh t, cosh t]]", () => {
    const t = 1.3;
    const E = expmSym(
      fromRows([
        [0, t],
        [t, 0],
      ]),
    );
    expect(maxAbsDiff(E.data, [Math.cosh(t), Math.sinh(t), Math.sinh(t), Math.cosh(t)])).toBeLessThan(1e-14);
  });

  it("expmSym(A)·expmSym(−A) = I and agrees with the general expm", () => {
    const { A } = randomSymmetric(3, [0.3, -1, 2, 0.1, -0.7]);
    const minus = matrix64(
      5,
      5,
      A.data.map((v) => -v),
    );
    const P = matmul(expmSym(A), expmSym(minus));
    const I = Float64Array.from({ length: 25 }, (_, k) => (k % 6 === 0 ? 1 : 0));
    expect(maxAbsDiff(P.data, I)).toBeLessThan(1e-13);
    expect(maxAbsDiff(expm(A).data, expmSym(A).data)).toBeLessThan(1e-13);
  });

  it("sqrtmSym squares back to A and logmSym inverts expmSym", () => {
    const { A } = randomSymmetric(4, [0.5, 1, 4, 9, 16]);
    const R = sqrtmSym(A);
    expect(maxAbsDiff(matmul(R, R).data, A.data)).toBeLessThan(1e-13);
    expect(maxAbsDiff(expmSym(logmSym(A)).data, A.data)).toBeLessThan(1e-12);
  });

  it("symmetricMatrixFunction with f = 1/λ gives the inverse", () => {
    const { A } = randomSymmetric(5, [1, 2, 3, 4]);
    const inv = symmetricMatrixFunction(A, (l) => 1 / l);
    expect(maxAbsDiff(matmul(inv, A).data, [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toBeLessThan(
      1e-14,
    );
  });

  it("rejects a negative eigenvalue for sqrt/log and a non-finite f value", () => {
    const A = fromRows([
      [1, 0],
      [0, -1],
    ]);
    expect(() => sqrtmSym(A)).toThrow(DescentError);
    expect(() => logmSym(A)).toThrow(/positive definite, found the eigenvalue -1/);
    expect(() => symmetricMatrixFunction(A, Math.log)).toThrow(/f returned NaN at the eigenvalue -1/);
  });
});

describe("expm (Padé scaling and squaring)", () => {
  it("exponentiates the rotation generator [[0, −θ], [θ, 0]] to the rotation by θ", () => {
    for (const theta of [0.1, 1, 5, 30]) {
      const E = expm(
        fromRows([
          [0, -theta],
          [theta, 0],
        ]),
      );
      const c = Math.cos(theta);
      const s = Math.sin(theta);
      expect(maxAbsDiff(E.data, [c, -s, s, c])).toBeLessThan(1e-13 * Math.max(1, theta));
    }
  });

  it("reproduces Moler & Van Loan's example exp([[−49, 24], [−64, 31]]) (SIAM Review 2003, §1)", () => {
    // exp(A) = [[−0.735759, 0.551819], [−1.471518, 1.103638]] (eigenvalues −1 and −17).
    const E = expm(matrix64(2, 2, [-49, 24, -64, 31]));
    const e1 = Math.exp(-1);
    const e17 = Math.exp(-17);
    // Closed form via A = V·diag(−1, −17)·V⁻¹ with V = [[1, 3], [2, 4]], V⁻¹ = [[−2, 1.5], [1, −0.5]].
    const exact = [-2 * e1 + 3 * e17, 1.5 * e1 - 1.5 * e17, -4 * e1 + 4 * e17, 3 * e1 - 2 * e17];
    // The example is hard on purpose (‖A‖ ≈ 95 needs 8 squarings, each amplifying rounding).
    expect(maxAbsDiff(E.data, exact)).toBeLessThan(5e-13);
    expect(E.data[0]).toBeCloseTo(-0.735759, 6);
  });

  it("exponentiates a nilpotent Jordan block to its finite Taylor series", () => {
    // N = [[0,1,0],[0,0,1],[0,0,0]]: exp(N) = I + N + N²/2.
    const E = expm(matrix64(3, 3, [0, 1, 0, 0, 0, 1, 0, 0, 0]));
    expect(maxAbsDiff(E.data, [1, 1, 0.5, 0, 1, 1, 0, 0, 1])).toBeLessThan(1e-15);
  });

  it("satisfies exp(A)·exp(−A) = I for a random non-symmetric A", () => {
    const A = randomNormalMatrix(6, 8, 8);
    const P = matmul(
      expm(A),
      expm(
        matrix64(
          8,
          8,
          A.data.map((v) => -v),
        ),
      ),
    );
    const I = Float64Array.from({ length: 64 }, (_, k) => (k % 9 === 0 ? 1 : 0));
    expect(maxAbsDiff(P.data, I)).toBeLessThan(1e-11);
  });

  it("rejects non-square input", () => {
    expect(() => expm(matrix64(2, 3))).toThrow(/A must be square/);
  });
});
