import { Rng, randomSymmetric } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { fourWells2d } from "./anisotropic-wells.js";
import type { Energy } from "./energy.js";
import { hessianSpectra, hessianSpectrum } from "./hessian-spectra.js";
import { icosahedron13, lennardJones } from "./lennard-jones.js";
import { actOnParticles, randomOrthogonalMatrix } from "./particles.js";
import { quench } from "./quench.js";

function quadratic(A: Float64Array, c: Float64Array): Energy {
  const d = c.length;
  const r = (x: Float64Array) => Float64Array.from(x, (v, i) => v - (c[i] as number));
  const Ar = (x: Float64Array, out: Float64Array = new Float64Array(d)) => {
    const y = r(x);
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (A[i * d + k] as number) * (y[k] as number);
      out[i] = s;
    }
    return out;
  };
  return {
    dim: d,
    value: (x) => {
      const y = r(x);
      const g = Ar(x);
      let s = 0;
      for (let i = 0; i < d; i++) s += 0.5 * (y[i] as number) * (g[i] as number);
      return s;
    },
    gradient: (x, out) => Ar(x, out),
    hessian: (_x, out = new Float64Array(d * d)) => {
      out.set(A);
      return out;
    },
  };
}

const lj13 = { nParticles: 13, spaceDim: 3 } as const;

describe("quench", () => {
  it("reaches the minimiser c of an ill-conditioned quadratic (condition 1e3) to 1e-7", () => {
    const { A } = randomSymmetric(new Rng(3), [1, 4, 30, 1000]);
    const c = Float64Array.from([0.5, -1, 2, 0.25]);
    const res = quench(quadratic(A.data, c), new Float64Array(4));
    expect(res.converged).toBe(true);
    for (let i = 0; i < 4; i++) expect(Math.abs((res.x[i] as number) - (c[i] as number))).toBeLessThan(1e-7);
    expect(res.energy).toBeLessThan(1e-12);
  });

  it("LJ13 (c = 0): a perturbed icosahedron relaxes to the global minimum −44.326801 (Wales & Doye 1997)", () => {
    const e = lennardJones({ layout: lj13, oscillator: 0 });
    const rng = new Rng(7);
    const x = icosahedron13();
    for (let k = 0; k < x.length; k++) x[k] = (x[k] as number) + 0.03 * rng.normal();
    const before = e.value(x);
    const res = quench(e, x);
    expect(res.converged).toBe(true);
    expect(res.energy).toBeLessThanOrEqual(before);
    expect(res.energy).toBeCloseTo(-44.326801, 5);
  });

  it("is equivariant: quench(G x) = G quench(x) for a rotation, permutation and translation (1e-6)", () => {
    const e = lennardJones({ layout: lj13 });
    const rng = new Rng(11);
    const x = icosahedron13();
    for (let k = 0; k < x.length; k++) x[k] = (x[k] as number) + 0.05 * rng.normal();
    const R = randomOrthogonalMatrix(3, rng);
    const perm = Int32Array.from([3, 0, 12, 1, 2, 4, 6, 5, 7, 9, 8, 11, 10]);
    const a = quench(e, actOnParticles(x, lj13, R, perm, [0.2, -0.1, 0.4])).x;
    const b = actOnParticles(quench(e, x).x, lj13, R, perm, [0.2, -0.1, 0.4]);
    for (let k = 0; k < a.length; k++)
      expect(Math.abs((a[k] as number) - (b[k] as number))).toBeLessThan(1e-6);
  });
});

describe("hessianSpectra with hessianAt: 'quench'", () => {
  it("four wells: quenched spectra are a well's precision P_k (eigenvalues 1, 100), also from between wells", () => {
    const wells = fourWells2d();
    const points = [
      Float64Array.from([3.4, 0.05]),
      Float64Array.from([2.2, -0.02]),
      Float64Array.from([1.245, 1.755]),
    ];
    const atData = hessianSpectra(wells, points, { floor: 1e-3, cap: 1e4, mode: "abs" });
    const atMin = hessianSpectra(wells, points, { floor: 1e-3, cap: 1e4, hessianAt: "quench" });
    for (const sp of atMin) {
      expect(sp.values[0]).toBeCloseTo(1, 4);
      expect(sp.values[1]).toBeCloseTo(100, 2);
    }
    // on the boundary between wells 1 and 2 the data-point Hessian is indefinite (det < 0)
    const h = wells.hessian(points[2] as Float64Array);
    expect((h[0] as number) * (h[3] as number) - (h[1] as number) * (h[2] as number)).toBeLessThan(-1e4);
    expect(Math.max(...(atData[2]?.values ?? [])) > 1000).toBe(true);
  });

  it("LJ13 thermal sample: quenching leaves only the 3 rotation modes at the floor (no negative curvature)", () => {
    const e = lennardJones({ layout: lj13 });
    const rng = new Rng(5);
    const x = icosahedron13();
    for (let k = 0; k < x.length; k++) x[k] = (x[k] as number) + 0.08 * rng.normal();
    const raw = hessianSpectra(e, [x], { floor: 1e-3, cap: 1e6, layout: lj13, mode: "abs" });
    const [q] = hessianSpectra(e, [x], {
      floor: 1e-3,
      cap: 1e6,
      layout: lj13,
      hessianAt: "quench",
      quench: { gradientTolerance: 1e-10, maxIterations: 5000 },
    });
    expect(raw[0]?.values.length).toBe(36);
    expect(q?.values.length).toBe(36);
    const atFloor = Array.from(q?.values ?? []).filter((v) => v < 1e-2).length;
    expect(atFloor).toBe(3);
  });

  it("rejects an unknown hessianAt, bad quench options, and 'quench' without an energy", () => {
    const wells = fourWells2d();
    const x = [Float64Array.from([3, 0])];
    expect(() => hessianSpectra(wells, x, { floor: 1, hessianAt: "minimum" as "data" })).toThrow(/hessianAt/);
    expect(() =>
      hessianSpectra(wells, x, { floor: 1, hessianAt: "quench", quench: { maxIterations: 0 } }),
    ).toThrow(/quench\.maxIterations/);
    expect(() =>
      hessianSpectra(wells, x, { floor: 1, hessianAt: "quench", quench: { maxIter: 5 } as never }),
    ).toThrow(/maxIter/);
    expect(() =>
      hessianSpectrum(Float64Array.from([1, 0, 0, 1]), 2, { floor: 1, hessianAt: "quench" }),
    ).toThrow(/hessianAt/);
    expect(() => quench(wells, new Float64Array(3))).toThrow(/x0/);
  });
});
