import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { anisotropicWells, fourWells2d } from "./anisotropic-wells.js";
import type { Energy } from "./energy.js";

function checkDerivatives(e: Energy, x: Float64Array, tol: number): void {
  const d = e.dim;
  const g = e.gradient(x);
  const H = e.hessian(x);
  const h = 1e-5;
  for (let k = 0; k < d; k++) {
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[k] = (xp[k] as number) + h;
    xm[k] = (xm[k] as number) - h;
    const fd = (e.value(xp) - e.value(xm)) / (2 * h);
    expect(Math.abs(fd - (g[k] as number))).toBeLessThan(tol * Math.max(1, Math.abs(fd)));
    const gp = e.gradient(xp);
    const gm = e.gradient(xm);
    for (let j = 0; j < d; j++) {
      const fdh = ((gp[j] as number) - (gm[j] as number)) / (2 * h);
      expect(Math.abs(fdh - (H[j * d + k] as number))).toBeLessThan(tol * Math.max(1, Math.abs(fdh)));
    }
  }
}

describe("gaussian wells", () => {
  it("four wells: gradient and Hessian match central differences at random points (1e-6)", () => {
    const e = fourWells2d();
    const rng = new Rng(2);
    for (let i = 0; i < 10; i++)
      checkDerivatives(e, Float64Array.from([rng.uniform(-4, 4), rng.uniform(-4, 4)]), 1e-6);
  });

  it("four wells: at a well centre the Hessian is the well's precision (1e-6)", () => {
    const e = fourWells2d();
    const H = e.hessian(Float64Array.from([3, 0]));
    // well 0: long axis along x with std 1, short along y with std 0.1
    expect(H[0]).toBeCloseTo(1, 6);
    expect(H[3]).toBeCloseTo(100, 6);
    expect(Math.abs(H[1] as number)).toBeLessThan(1e-6);
  });

  it("8-D seeded wells: derivatives match central differences; same seed, same wells", () => {
    const e = anisotropicWells({ dim: 8, seed: 4 });
    const rng = new Rng(3);
    const x = e.sample(3, rng);
    for (const xi of x) checkDerivatives(e, xi, 1e-5);
    expect(anisotropicWells({ dim: 8, seed: 4 }).wells[2]?.center).toEqual(e.wells[2]?.center);
  });

  it("exact samples have the mixture's mean and log-density is normalised (grid quadrature in 2-D)", () => {
    const e = fourWells2d();
    let z = 0;
    const h = 0.02;
    for (let a = -7; a <= 7; a += h)
      for (let b = -7; b <= 7; b += h) z += Math.exp(e.logDensity(Float64Array.from([a, b]))) * h * h;
    expect(z).toBeCloseTo(1, 3);
    const s = e.sample(4000, new Rng(1));
    const m = s.reduce((acc, x) => acc + (x[0] as number), 0) / s.length;
    expect(Math.abs(m)).toBeLessThan(4 * Math.sqrt((4.5 + 0.5) / 4000));
  });

  it("rejects bad options with the parameter named", () => {
    expect(() => anisotropicWells({ dim: 0, seed: 1 })).toThrow(/dim/);
    expect(() => anisotropicWells({ dim: 2, seed: 1, minStd: 2, maxStd: 1 })).toThrow(/minStd/);
  });
});
