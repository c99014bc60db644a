import { describe, expect, it } from "vitest";
import { maxComplexDiff } from "../testing/array-differences.js";
import { cmatmul } from "./cmatmul.js";
import { type CMatrix, cmatrix, cmatrixFromRows } from "./cmatrix.js";
import { hermitianLdl } from "./hermitian-ldl.js";
import { randomHermitian } from "./random-unitary.js";

function reconstruct(L: CMatrix, d: Float64Array): CMatrix {
  const n = L.rows;
  const LD = cmatrix(
    n,
    n,
    L.re.map((v, k) => v * (d[k % n] as number)),
    L.im.map((v, k) => v * (d[k % n] as number)),
  );
  return cmatmul(LD, L, { opB: "C" });
}

describe("hermitianLdl", () => {
  it("reconstructs a 4×4 HPD matrix as L·D·Lᴴ with positive pivots whose product is det A", () => {
    const lambda = [0.5, 1, 2, 4];
    const { A } = randomHermitian(1, lambda);
    const { L, d } = hermitianLdl(A);
    expect(maxComplexDiff(reconstruct(L, d), A)).toBeLessThan(1e-14);
    for (const v of d) expect(v).toBeGreaterThan(0);
    expect(d.reduce((p, v) => p * v, 1)).toBeCloseTo(4, 13);
  });

  it("returns a negative pivot for an indefinite matrix (Sylvester's law of inertia: one negative eigenvalue)", () => {
    const { A } = randomHermitian(2, [3, -1, 2, 5]);
    const { L, d } = hermitianLdl(A);
    expect(maxComplexDiff(reconstruct(L, d), A)).toBeLessThan(1e-13);
    expect(Array.from(d).filter((v) => v < 0)).toHaveLength(1);
  });

  it("factors [[2, i], [−i, 2]] into d = (2, 3/2), L₁₀ = −i/2", () => {
    const { L, d } = hermitianLdl(
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
    expect(Array.from(d)).toEqual([2, 1.5]);
    expect([L.re[2], L.im[2]]).toEqual([0, -0.5]);
  });

  it("rejects a zero pivot and non-square input", () => {
    expect(() => hermitianLdl(cmatrixFromRows([[0]]))).toThrow(/zero LDLᴴ pivot at row 0/);
    expect(() => hermitianLdl(cmatrix(2, 3))).toThrow(/A must be square/);
  });
});
