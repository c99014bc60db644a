import { describe, expect, it } from "vitest";
import { maxComplexDiff } from "../testing/array-differences.js";
import { type ComplexOp, cmatmul } from "./cmatmul.js";
import { type CMatrix, cmatrix, cmatrixFromRows, conjugateTranspose } from "./cmatrix.js";
import { randomComplexNormalMatrix } from "./random-unitary.js";

function entry(M: CMatrix, i: number, j: number, op: ComplexOp): [number, number] {
  const [r, c] = op === "N" ? [i, j] : [j, i];
  const re = M.re[r * M.cols + c] as number;
  const im = M.im[r * M.cols + c] as number;
  return [re, op === "C" ? -im : im];
}

function naive(A: CMatrix, B: CMatrix, opA: ComplexOp, opB: ComplexOp): CMatrix {
  const m = opA === "N" ? A.rows : A.cols;
  const p = opA === "N" ? A.cols : A.rows;
  const n = opB === "N" ? B.cols : B.rows;
  const C = cmatrix(m, n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let sr = 0;
      let si = 0;
      for (let k = 0; k < p; k++) {
        const [ar, ai] = entry(A, i, k, opA);
        const [br, bi] = entry(B, k, j, opB);
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      C.re[i * n + j] = sr;
      C.im[i * n + j] = si;
    }
  return C;
}

describe("cmatmul", () => {
  const ops: ComplexOp[] = ["N", "T", "C"];
  for (const [m, p, n] of [
    [1, 1, 1],
    [7, 5, 3],
    [129, 7, 130],
  ] as const) {
    for (const opA of ops)
      for (const opB of ops) {
        it(`matches a naive complex triple loop to 1e-12 (${m}×${p}·${p}×${n}, opA=${opA}, opB=${opB})`, () => {
          const A = opA === "N" ? randomComplexNormalMatrix(1, m, p) : randomComplexNormalMatrix(1, p, m);
          const B = opB === "N" ? randomComplexNormalMatrix(2, p, n) : randomComplexNormalMatrix(2, n, p);
          const C = cmatmul(A, B, { opA, opB });
          expect([C.rows, C.cols]).toEqual([m, n]);
          expect(maxComplexDiff(C, naive(A, B, opA, opB))).toBeLessThan(1e-12);
        });
      }
  }

  it("multiplies i·i = −1 and (1 + i)(1 − i) = 2", () => {
    const I = cmatrixFromRows([[0]], [[1]]);
    const C = cmatmul(I, I);
    expect([C.re[0], C.im[0]]).toEqual([-1, 0]);
    const z = cmatrixFromRows([[1]], [[1]]);
    const D = cmatmul(z, z, { opB: "C" });
    expect([D.re[0], D.im[0]]).toEqual([2, 0]);
  });

  it("conjugateTranspose matches op 'C' applied to an identity product", () => {
    const A = randomComplexNormalMatrix(3, 4, 6);
    const I = cmatrix(4, 4);
    for (let i = 0; i < 4; i++) I.re[i * 4 + i] = 1;
    expect(maxComplexDiff(conjugateTranspose(A), cmatmul(A, I, { opA: "C" }))).toBe(0);
  });

  it("rejects mismatched shapes, bad ops and NaN", () => {
    const A = cmatrix(2, 3);
    expect(() => cmatmul(A, A)).toThrow(/B must give op\(B\) 3 rows/);
    expect(() => cmatmul(A, A, { opB: "H" as ComplexOp })).toThrow(/opB must be one of/);
    const bad = cmatrix(1, 1, Float64Array.from([1]), Float64Array.from([Number.NaN]));
    expect(() => cmatmul(bad, bad)).toThrow(/imaginary part at \(0, 0\)/);
  });
});
