import { describe, expect, it } from "vitest";
import { cmatmul } from "./cmatmul.js";
import { type CMatrix, cmatrix, cmatrixFromRows } from "./cmatrix.js";
import { hermitianEigh } from "./hermitian-eigh.js";
import { randomHermitian } from "./random-unitary.js";

function unitarityError(V: CMatrix): number {
  const G = cmatmul(V, V, { opA: "C" });
  let m = 0;
  for (let i = 0; i < G.rows; i++)
    for (let j = 0; j < G.cols; j++)
      m = Math.max(
        m,
        Math.abs((G.re[i * G.cols + j] as number) - (i === j ? 1 : 0)),
        Math.abs(G.im[i * G.cols + j] as number),
      );
  return m;
}

function residual(A: CMatrix, values: Float64Array, V: CMatrix): number {
  const AV = cmatmul(A, V);
  const n = A.rows;
  let m = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const k = i * n + j;
      m = Math.max(
        m,
        Math.abs((AV.re[k] as number) - (V.re[k] as number) * (values[j] as number)),
        Math.abs((AV.im[k] as number) - (V.im[k] as number) * (values[j] as number)),
      );
    }
  return m;
}

describe("hermitianEigh (complex Jacobi)", () => {
  it("recovers the spectrum of U·diag(λ)·Uᴴ (random unitary U) to 1e-12 with unitary eigenvectors", () => {
    const n = 40;
    const lambda = Float64Array.from({ length: n }, (_, i) => Math.cos(3 * i) * 5);
    const { A } = randomHermitian(11, lambda);
    const { values, vectors } = hermitianEigh(A);
    const sorted = lambda.slice().sort();
    for (let i = 0; i < n; i++)
      expect(Math.abs((values[i] as number) - (sorted[i] as number))).toBeLessThan(1e-12 * 5);
    expect(unitarityError(vectors)).toBeLessThan(1e-12);
    expect(residual(A, values, vectors)).toBeLessThan(1e-12 * 5);
  });

  it("gives the Pauli matrix σ_y = [[0, −i], [i, 0]] its eigenvalues ±1", () => {
    const { values, vectors } = hermitianEigh(
      cmatrixFromRows(
        [
          [0, 0],
          [0, 0],
        ],
        [
          [0, -1],
          [1, 0],
        ],
      ),
    );
    expect(values[0]).toBeCloseTo(-1, 15);
    expect(values[1]).toBeCloseTo(1, 15);
    expect(unitarityError(vectors)).toBeLessThan(1e-15);
  });

  it("handles repeated eigenvalues, n = 1 and real symmetric input", () => {
    const { A } = randomHermitian(12, [2, 2, 2, -1, -1]);
    const r = hermitianEigh(A);
    expect(unitarityError(r.vectors)).toBeLessThan(1e-13);
    expect(residual(A, r.values, r.vectors)).toBeLessThan(1e-13);
    expect(Array.from(hermitianEigh(cmatrixFromRows([[4]])).values)).toEqual([4]);
    const real = hermitianEigh(
      cmatrixFromRows([
        [2, 1],
        [1, 2],
      ]),
    );
    expect(real.values[0]).toBeCloseTo(1, 15);
    expect(real.values[1]).toBeCloseTo(3, 15);
  });

  it("rejects non-square and NaN input", () => {
    expect(() => hermitianEigh(cmatrix(3, 2))).toThrow(/A must be square/);
    expect(() => hermitianEigh(cmatrix(1, 1, Float64Array.from([Number.NaN])))).toThrow(/finite/);
  });
});
