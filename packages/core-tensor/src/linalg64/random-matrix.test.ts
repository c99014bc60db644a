import { describe, expect, it } from "vitest";
import { matmul } from "./matmul.js";
import { randomNormalMatrix, randomOrthogonal, randomSymmetric } from "./random-matrix.js";

describe("random matrices", () => {
  it("randomOrthogonal has QᵀQ = QQᵀ = I to 1e-13", () => {
    const Q = randomOrthogonal(1, 40);
    for (const G of [matmul(Q, Q, { transA: true }), matmul(Q, Q, { transB: true })])
      for (let i = 0; i < 40; i++)
        for (let j = 0; j < 40; j++)
          expect(Math.abs((G.data[i * 40 + j] as number) - (i === j ? 1 : 0))).toBeLessThan(1e-13);
  });

  it("randomSymmetric is symmetric with trace equal to the sum of the prescribed eigenvalues", () => {
    const { A } = randomSymmetric(2, [1, 2, 3, -4]);
    let tr = 0;
    for (let i = 0; i < 4; i++) {
      tr += A.data[i * 5] as number;
      for (let j = 0; j < 4; j++) expect(A.data[i * 4 + j]).toBe(A.data[j * 4 + i]);
    }
    expect(tr).toBeCloseTo(2, 13);
  });

  it("is reproducible from the seed", () => {
    expect(Array.from(randomNormalMatrix(3, 2, 2).data)).toEqual(
      Array.from(randomNormalMatrix(3, 2, 2).data),
    );
    expect(Array.from(randomOrthogonal(3, 3).data)).not.toEqual(Array.from(randomOrthogonal(4, 3).data));
  });

  it("rejects bad dimensions and NaN eigenvalues", () => {
    expect(() => randomOrthogonal(1, -1)).toThrow(/n must lie in/);
    expect(() => randomSymmetric(1, [1, Number.NaN])).toThrow(/eigenvalues must contain only finite/);
  });
});
