import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { applyPerturbation, exactKL, perturbExactKL, perturbFisher, quadraticKL } from "./kl-perturbation.js";

const f64 = (a: number[]) => Float64Array.from(a);

describe("perturbFisher, the closed form (7)-(8) (docs/method.md §f.2)", () => {
  // docs/method.md §f.2: s = (1, 4), ĝ = (1, 0.5), Ĝ = (0.5, −0.25), ρ = 0.1 ⇒ q = 2.25, λ = 15
  const s = f64([1, 4]);
  const g = f64([1, 0.5]);
  const G = f64([0.5, -0.25]);
  it("gives λ = 15, δ_μ = (1/15, 2/15), δ_s = (1/15, −8/15)", () => {
    const p = perturbFisher(s, g, G, 0.1);
    expect(p.lambda).toBeCloseTo(15, 12);
    expect(p.dMean[0]).toBeCloseTo(1 / 15, 14);
    expect(p.dMean[1]).toBeCloseTo(2 / 15, 14);
    expect(p.dVar[0]).toBeCloseTo(1 / 15, 14);
    expect(p.dVar[1]).toBeCloseTo(-8 / 15, 14);
  });
  it("has quadratic KL (2) = ρ² = 0.01 and exact KL (1) ≈ 0.0103923", () => {
    const p = perturbFisher(s, g, G, 0.1);
    expect(quadraticKL(s, p.dMean, p.dVar)).toBeCloseTo(0.01, 15);
    expect(exactKL(s, p.dMean, p.dVar)).toBeCloseTo(0.0103923, 7);
  });
  it("meets the KL constraint with equality (1e-12 relative) for random inputs", () => {
    const rng = new Rng(7);
    for (let trial = 0; trial < 200; trial++) {
      const d = rng.int(1, 40);
      const sv = rng.uniformArray(d, 0.01, 10);
      const rho = rng.uniform(0.01, 5);
      const p = perturbFisher(sv, rng.normalArray(d), rng.normalArray(d), rho);
      expect(Math.abs(quadraticKL(sv, p.dMean, p.dVar) / (rho * rho) - 1)).toBeLessThan(1e-12);
    }
  });
  it("maximises ĝᵀδ_μ + Ĝᵀδ_s over 10⁴ random feasible δ on the KL sphere (stationarity)", () => {
    const rng = new Rng(11);
    const d = 5;
    const sv = rng.uniformArray(d, 0.1, 3);
    const gv = rng.normalArray(d);
    const Gv = rng.normalArray(d);
    const rho = 0.7;
    const p = perturbFisher(sv, gv, Gv, rho);
    const value = (dm: Float64Array, ds: Float64Array) => {
      let v = 0;
      for (let j = 0; j < d; j++)
        v += (gv[j] as number) * (dm[j] as number) + (Gv[j] as number) * (ds[j] as number);
      return v;
    };
    const best = value(p.dMean, p.dVar);
    for (let k = 0; k < 10_000; k++) {
      const dm = rng.normalArray(d);
      const ds = rng.normalArray(d);
      const scale = rho / Math.sqrt(quadraticKL(sv, dm, ds));
      for (let j = 0; j < d; j++) {
        dm[j] = (dm[j] as number) * scale;
        ds[j] = (ds[j] as number) * scale;
      }
      expect(value(dm, ds)).toBeLessThanOrEqual(best * (1 + 1e-12));
    }
  });
  it("returns δ = 0 and λ = ∞ for ρ = 0 or a flat batch (docs/method.md §h.5)", () => {
    const p0 = perturbFisher(s, g, G, 0);
    expect(p0.lambda).toBe(Number.POSITIVE_INFINITY);
    expect(Array.from(p0.dMean)).toEqual([0, 0]);
    const flat = perturbFisher(s, f64([0, 0]), f64([0, 0]), 1);
    expect(Array.from(flat.dVar)).toEqual([0, 0]);
  });
});

describe("perturbExactKL (docs/method.md §f.3)", () => {
  it("meets the exact KL (1) = ρ² to 1e-10 after bisection", () => {
    const rng = new Rng(3);
    for (let trial = 0; trial < 100; trial++) {
      const d = rng.int(1, 30);
      const sv = rng.uniformArray(d, 0.05, 5);
      const rho = rng.uniform(0.05, 3);
      const p = perturbExactKL(sv, rng.normalArray(d), rng.normalArray(d), rho);
      expect(Math.abs(exactKL(sv, p.dMean, p.dVar) / (rho * rho) - 1)).toBeLessThan(1e-10);
    }
  });
  it("handles all-negative Ĝ (λ_min = 0) and meets the constraint", () => {
    const sv = f64([1, 2, 0.5]);
    const p = perturbExactKL(sv, f64([0.3, -0.1, 0.2]), f64([-1, -0.5, -2]), 0.8);
    expect(exactKL(sv, p.dMean, p.dVar)).toBeCloseTo(0.64, 10);
    for (let j = 0; j < 3; j++) expect((sv[j] as number) + (p.dVar[j] as number)).toBeGreaterThan(0);
  });
  it("agrees with the Fisher closed form to O(ρ²) as ρ → 0", () => {
    const rng = new Rng(5);
    const d = 6;
    const sv = rng.uniformArray(d, 0.2, 2);
    const gv = rng.normalArray(d);
    const Gv = rng.normalArray(d);
    const gap = (rho: number) => {
      const a = perturbExactKL(sv, gv, Gv, rho);
      const b = perturbFisher(sv, gv, Gv, rho);
      let e = 0;
      for (let j = 0; j < d; j++)
        e = Math.max(
          e,
          Math.abs((a.dMean[j] as number) - (b.dMean[j] as number)),
          Math.abs((a.dVar[j] as number) - (b.dVar[j] as number)),
        );
      return e;
    };
    const g1 = gap(1e-2);
    const g2 = gap(1e-3);
    expect(g1).toBeLessThan(1e-2 ** 2 * 50);
    // a tenfold smaller ρ shrinks the gap about a hundredfold
    expect(g2 / g1).toBeGreaterThan(0.005);
    expect(g2 / g1).toBeLessThan(0.02);
  });
});

describe("applyPerturbation, the positivity safeguard (docs/method.md §c.2)", () => {
  it("clips δ_s/s to [−c, c] so s̃ > 0, and the clipped δ keeps quadratic KL ≤ ρ² (docs/method.md §f.7)", () => {
    const rng = new Rng(9);
    for (let trial = 0; trial < 100; trial++) {
      const d = 8;
      const m = rng.normalArray(d);
      const sv = rng.uniformArray(d, 0.01, 3);
      const rho = rng.uniform(0.5, 20);
      const p = perturbFisher(sv, rng.normalArray(d), rng.normalArray(d, 0, 10), rho);
      const pm = new Float64Array(d);
      const ps = new Float64Array(d);
      applyPerturbation(m, sv, p, 0.5, pm, ps);
      const dm = pm.map((v, j) => v - (m[j] as number));
      const ds = ps.map((v, j) => v - (sv[j] as number));
      for (let j = 0; j < d; j++) {
        expect(ps[j]).toBeGreaterThanOrEqual(0.5 * (sv[j] as number) * (1 - 1e-15));
        expect(ps[j]).toBeLessThanOrEqual(1.5 * (sv[j] as number) * (1 + 1e-15));
      }
      expect(quadraticKL(sv, dm, ds)).toBeLessThanOrEqual(rho * rho * (1 + 1e-9));
    }
  });
  it("leaves a small perturbation unchanged", () => {
    const sv = f64([1, 4]);
    const p = perturbFisher(sv, f64([1, 0.5]), f64([0.5, -0.25]), 0.1);
    const pm = new Float64Array(2);
    const ps = new Float64Array(2);
    applyPerturbation(f64([0, 0]), sv, p, 0.5, pm, ps);
    expect(ps[1]).toBeCloseTo(4 - 8 / 15, 14);
  });
});
