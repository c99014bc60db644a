import { describe, expect, it } from "vitest";
import { cmatmul } from "./cmatmul.js";
import { cidentity, cmatrix, cmatrixFromRows, conjugateTranspose } from "./cmatrix.js";
import { randomUnitary } from "./random-unitary.js";

describe("CMatrix", () => {
  it("builds from rows and conjugate-transposes", () => {
    const A = cmatrixFromRows(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [0, 1, 0],
        [-1, 0, 2],
      ],
    );
    const H = conjugateTranspose(A);
    expect([H.rows, H.cols]).toEqual([3, 2]);
    expect(Array.from(H.re)).toEqual([1, 4, 2, 5, 3, 6]);
    expect(Array.from(H.im)).toEqual([-0, 1, -1, -0, -0, -2]);
  });

  it("randomUnitary satisfies UᴴU = I to 1e-13", () => {
    const U = randomUnitary(5, 30);
    const G = cmatmul(U, U, { opA: "C" });
    const I = cidentity(30);
    for (let k = 0; k < 900; k++) {
      expect(Math.abs((G.re[k] as number) - (I.re[k] as number))).toBeLessThan(1e-13);
      expect(Math.abs(G.im[k] as number)).toBeLessThan(1e-13);
    }
  });

  it("rejects bad parts and ragged rows", () => {
    expect(() => cmatrix(2, 2, new Float64Array(3))).toThrow(/re must be a Float64Array of length 4/);
    expect(() => cmatrixFromRows([[1, 2]], [[1]])).toThrow(/imRows\[0\] must have length 2/);
    expect(() => conjugateTranspose({ rows: 1, cols: 1, re: new Float64Array(1) } as never)).toThrow(
      /A must be a CMatrix/,
    );
  });
});
