import { Rng, randomSymmetric } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import type { Energy } from "./energy.js";
import { geometricMeanEigenvalue, hessianSpectra, hessianSpectrum } from "./hessian-spectra.js";
import { lennardJones, tetrahedron } from "./lennard-jones.js";
import { actOnParticles, conjugateByParticleAction, randomOrthogonalMatrix } from "./particles.js";

describe("hessianSpectra", () => {
  it("reconstructs Q Λ Qᵀ to 1e-10 with QᵀQ = I when nothing is clipped, and clipping keeps the eigenvectors", () => {
    const { A } = randomSymmetric(new Rng(1), [-2, 0.5, 3, 40]);
    const sp = hessianSpectrum(A.data, 4, { floor: 1e-6, cap: 1e6, mode: "abs" });
    const q = sp.vectors;
    const abs = hessianSpectrum(A.data, 4, { floor: 1, cap: 10 });
    for (let a = 0; a < 4; a++)
      for (let b = 0; b < 4; b++) {
        let qq = 0;
        for (let k = 0; k < 4; k++) qq += (q[a * 4 + k] as number) * (q[b * 4 + k] as number);
        expect(qq).toBeCloseTo(a === b ? 1 : 0, 12);
      }
    for (const [j, v] of [1, 1, 3, 10].entries()) expect(abs.values[j]).toBeCloseTo(v, 12);
    for (let k = 0; k < 16; k++)
      expect(Math.abs(abs.vectors[k] as number)).toBeCloseTo(Math.abs(q[k] as number), 12);
    // |λ| sorted by the original order (−2, 0.5, 3, 40)
    const rec = new Float64Array(16);
    for (let j = 0; j < 4; j++)
      for (let a = 0; a < 4; a++)
        for (let b = 0; b < 4; b++)
          rec[a * 4 + b] =
            (rec[a * 4 + b] as number) +
            (q[j * 4 + a] as number) * (sp.values[j] as number) * (q[j * 4 + b] as number);
    const { A: absA } = randomSymmetric(new Rng(1), [2, 0.5, 3, 40]);
    for (let k = 0; k < 16; k++)
      expect(Math.abs((rec[k] as number) - (absA.data[k] as number))).toBeLessThan(1e-10);
  });

  it("particles: translation modes are dropped (9 = (4−1)·3 modes for LJ4) and spectra are equivariant", () => {
    const layout = { nParticles: 4, spaceDim: 3 } as const;
    const e = lennardJones({ layout, oscillator: 0 });
    const rng = new Rng(4);
    const x = tetrahedron();
    for (let k = 0; k < 12; k++) x[k] = (x[k] as number) + 0.05 * rng.normal();
    const [sp] = hessianSpectra(e, [x], { floor: 1, cap: 1000, layout });
    expect(sp?.values.length).toBe(9);
    const R = randomOrthogonalMatrix(3, rng);
    const perm = Int32Array.from([2, 0, 3, 1]);
    const gx = actOnParticles(x, layout, R, perm, [0.3, -1, 2]);
    const [gsp] = hessianSpectra(e, [gx], { floor: 1, cap: 1000, layout });
    for (let j = 0; j < 9; j++) expect(gsp?.values[j]).toBeCloseTo(sp?.values[j] as number, 8);
    // H(Gx) = G H(x) Gᵀ
    const Hg = e.hessian(gx);
    const GHG = conjugateByParticleAction(e.hessian(x), layout, R, perm);
    for (let k = 0; k < 144; k++) expect(Math.abs((Hg[k] as number) - (GHG[k] as number))).toBeLessThan(1e-8);
    // every eigenvector is CoM-free
    for (let j = 0; j < 9; j++)
      for (let a = 0; a < 3; a++) {
        let s = 0;
        for (let i = 0; i < 4; i++) s += sp?.vectors[j * 12 + i * 3 + a] as number;
        expect(Math.abs(s)).toBeLessThan(1e-12);
      }
  });

  it("geometric mean eigenvalue of diag(1, 100) is 10", () => {
    const sp = hessianSpectrum(Float64Array.from([1, 0, 0, 100]), 2, { floor: 0.1 });
    expect(geometricMeanEigenvalue([sp])).toBeCloseTo(10, 12);
  });

  it("rejects λ_lo ≥ λ_hi, a non-symmetric Hessian, NaN energies and a layout that does not match", () => {
    const h = Float64Array.from([1, 0, 0, 2]);
    expect(() => hessianSpectrum(h, 2, { floor: 2, cap: 2 })).toThrow(/cap/);
    expect(() => hessianSpectrum(h, 2, { floor: 0 })).toThrow(/floor/);
    expect(() => hessianSpectrum(Float64Array.from([1, 0.5, 0, 2]), 2, { floor: 1 })).toThrow(
      /hessian must be symmetric/,
    );
    const nan: Energy = {
      dim: 2,
      value: () => Number.NaN,
      gradient: () => new Float64Array(2),
      hessian: () => h,
    };
    expect(() => hessianSpectra(nan, [new Float64Array(2)], { floor: 1 })).toThrow(/energy returned NaN/);
    const e = lennardJones({ layout: { nParticles: 4, spaceDim: 3 } });
    expect(() =>
      hessianSpectra(e, [tetrahedron()], { floor: 1, layout: { nParticles: 3, spaceDim: 3 } }),
    ).toThrow(/does not match the dimension 12/);
  });
});
