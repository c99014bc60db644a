import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { actOnParticles, comFreeBasis, randomOrthogonalMatrix, removeCenterOfMass } from "./particles.js";

describe("particle symmetries", () => {
  const layout = { nParticles: 4, spaceDim: 3 } as const;

  it("the Helmert basis is orthonormal and spans the centre-of-mass-free subspace (B Bᵀ = P)", () => {
    const B = comFreeBasis(layout);
    const d = 12;
    const m = 9;
    for (let a = 0; a < m; a++)
      for (let b = 0; b < m; b++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += (B[a * d + k] as number) * (B[b * d + k] as number);
        expect(s).toBeCloseTo(a === b ? 1 : 0, 12);
      }
    const x = new Rng(1).fillNormal(new Float64Array(d));
    const px = removeCenterOfMass(x, layout);
    const bbx = new Float64Array(d);
    for (let c = 0; c < m; c++) {
      let p = 0;
      for (let k = 0; k < d; k++) p += (B[c * d + k] as number) * (x[k] as number);
      for (let k = 0; k < d; k++) bbx[k] = (bbx[k] as number) + p * (B[c * d + k] as number);
    }
    for (let k = 0; k < d; k++) expect(bbx[k]).toBeCloseTo(px[k] as number, 12);
  });

  it("random orthogonal matrices are orthogonal; proper ones have det +1; the action preserves pair distances", () => {
    const rng = new Rng(2);
    for (let i = 0; i < 5; i++) {
      const R = randomOrthogonalMatrix(3, rng, { proper: true });
      for (let a = 0; a < 3; a++)
        for (let b = 0; b < 3; b++) {
          let s = 0;
          for (let k = 0; k < 3; k++) s += (R[a * 3 + k] as number) * (R[b * 3 + k] as number);
          expect(s).toBeCloseTo(a === b ? 1 : 0, 12);
        }
      const det =
        (R[0] as number) * ((R[4] as number) * (R[8] as number) - (R[5] as number) * (R[7] as number)) -
        (R[1] as number) * ((R[3] as number) * (R[8] as number) - (R[5] as number) * (R[6] as number)) +
        (R[2] as number) * ((R[3] as number) * (R[7] as number) - (R[4] as number) * (R[6] as number));
      expect(det).toBeCloseTo(1, 12);
      const x = rng.fillNormal(new Float64Array(12));
      const gx = actOnParticles(x, layout, R, Int32Array.from([1, 2, 3, 0]), [1, 2, 3]);
      const dist = (y: Float64Array, i: number, j: number) =>
        Math.hypot(...[0, 1, 2].map((a) => (y[i * 3 + a] as number) - (y[j * 3 + a] as number)));
      expect(dist(gx, 0, 1)).toBeCloseTo(dist(x, 1, 2), 12);
    }
  });

  it("rejects particle counts that do not match the dimension", () => {
    expect(() => removeCenterOfMass(new Float64Array(10), layout)).toThrow(/does not match the dimension 10/);
  });
});
