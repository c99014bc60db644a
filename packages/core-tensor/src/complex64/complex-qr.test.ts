import { describe, expect, it } from "vitest";
import { maxComplexDiff } from "../testing/array-differences.js";
import { cmatmul } from "./cmatmul.js";
import { cmatrix } from "./cmatrix.js";
import { complexQr } from "./complex-qr.js";
import { randomComplexNormalMatrix } from "./random-unitary.js";

describe("complexQr", () => {
  for (const [m, n] of [
    [50, 12],
    [20, 20],
    [8, 15],
    [1, 1],
  ] as const) {
    it(`reconstructs a random complex ${m}×${n} A = Q·R with QᴴQ = I and a real non-negative diag(R)`, () => {
      const A = randomComplexNormalMatrix(m * 7 + n, m, n);
      const { Q, R } = complexQr(A);
      const k = Math.min(m, n);
      expect([Q.rows, Q.cols, R.rows, R.cols]).toEqual([m, k, k, n]);
      expect(maxComplexDiff(cmatmul(Q, R), A)).toBeLessThan(1e-13);
      const G = cmatmul(Q, Q, { opA: "C" });
      const I = cmatrix(k, k);
      for (let i = 0; i < k; i++) I.re[i * k + i] = 1;
      expect(maxComplexDiff(G, I)).toBeLessThan(1e-14);
      for (let i = 0; i < k; i++) {
        expect(R.re[i * n + i] as number).toBeGreaterThanOrEqual(0);
        expect(R.im[i * n + i]).toBe(0);
        for (let j = 0; j < i; j++) expect([R.re[i * n + j], R.im[i * n + j]]).toEqual([0, 0]);
      }
    });
  }

  it("of a single column is (x/‖x‖, ‖x‖)", () => {
    const x = cmatrix(2, 1, Float64Array.from([3, 0]), Float64Array.from([0, 4]));
    const { Q, R } = complexQr(x);
    expect(R.re[0]).toBeCloseTo(5, 15);
    expect(Q.re[0]).toBeCloseTo(0.6, 15);
    expect(Q.im[1]).toBeCloseTo(0.8, 15);
  });

  it("rejects NaN input", () => {
    expect(() => complexQr(cmatrix(1, 1, Float64Array.from([Number.NaN])))).toThrow(/finite/);
  });

  it("rejects something that is not a CMatrix", () => {
    expect(() => complexQr({ rows: 1, cols: 1 } as never)).toThrow(/A must be a CMatrix/);
  });
});
