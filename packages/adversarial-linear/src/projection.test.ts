import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { dualNorm } from "./dual-norm.js";
import { projectDualNormCone } from "./projection.js";

function randomFeasible(rng: Rng, p: number, attack: "linf" | "l2", delta: number, rho: number) {
  const w = rng.normalArray(p);
  const t = ((delta * dualNorm(w, attack)) / rho) * rng.uniform(1, 3);
  return { w, t };
}

describe("projection onto the dual-norm cone (docs/method.md §f.7)", () => {
  const rng = new Rng(31);
  for (const attack of ["linf", "l2"] as const) {
    it(`${attack}: feasibility, idempotence and the variational inequality ⟨z − P(z), q − P(z)⟩ ≤ 0`, () => {
      for (let trial = 0; trial < 200; trial++) {
        const p = 1 + rng.int(0, 12);
        const delta = rng.uniform(0.01, 2);
        const rho = rng.uniform(0.01, 2);
        const w = rng.normalArray(p).map((v) => (rng.bernoulli(0.2) ? 0 : v));
        const t = rng.normal(0, 2);
        const P = projectDualNormCone(w, t, attack, delta, rho);
        const scale = 1 + dualNorm(w, attack) + Math.abs(t);
        expect(delta * dualNorm(P.w, attack)).toBeLessThanOrEqual(rho * P.t + 1e-12 * scale);
        const PP = projectDualNormCone(P.w, P.t, attack, delta, rho);
        for (let j = 0; j < p; j++) expect(PP.w[j]).toBeCloseTo(P.w[j] as number, 12);
        expect(PP.t).toBeCloseTo(P.t, 12);
        for (let r = 0; r < 5; r++) {
          const q = randomFeasible(rng, p, attack, delta, rho);
          let vi = (t - P.t) * (q.t - P.t);
          for (let j = 0; j < p; j++)
            vi += ((w[j] as number) - (P.w[j] as number)) * ((q.w[j] as number) - (P.w[j] as number));
          expect(vi).toBeLessThanOrEqual(1e-10 * scale * scale);
        }
      }
    });
    it(`${attack}: feasible inputs are unchanged and polar-cone inputs map to the origin`, () => {
      for (let trial = 0; trial < 100; trial++) {
        const p = 1 + rng.int(0, 8);
        const delta = rng.uniform(0.01, 2);
        const rho = rng.uniform(0.01, 2);
        const f = randomFeasible(rng, p, attack, delta, rho);
        const P = projectDualNormCone(f.w, f.t, attack, delta, rho);
        expect(Array.from(P.w)).toEqual(Array.from(f.w));
        expect(P.t).toBe(f.t);
        // polar cone of K = {δ‖w‖_* ≤ ρt} is {(w, t): ρ‖w‖_a ≤ −δt}... for ℓ1 cones the polar uses ‖·‖∞
        const u = rng.normalArray(p);
        const nu = attack === "linf" ? Math.max(...u.map(Math.abs)) : Math.hypot(...u);
        const tPolar = -((rho * nu) / delta) * rng.uniform(1, 2);
        const Q = projectDualNormCone(u, tPolar, attack, delta, rho);
        expect(Q.t).toBe(0);
        for (const v of Q.w) expect(v).toBe(0);
      }
    });
  }
  it("ℓ1 example by hand: (3, −1, t = 0), δ = ρ = 1 → (1.5, 0, 1.5)", () => {
    const P = projectDualNormCone([3, -1], 0, "linf", 1, 1);
    expect(Array.from(P.w)).toEqual([1.5, 0]);
    expect(P.t).toBe(1.5);
  });
  it("a point just outside the boundary (rounding) is not sent to the origin", () => {
    const w = Float64Array.of(0.3, -0.7, 0.1);
    const t = (1.1 * 1.1) / 1.7 - 1e-17; // δ‖w‖₁ = 1.1·1.1, ρ = 1.7
    const P = projectDualNormCone(w, t, "linf", 1.1, 1.7);
    expect(P.t).toBeGreaterThan(0.7);
    expect(P.w[1]).toBeCloseTo(-0.7, 12);
  });
  it("validates its input", () => {
    expect(() => projectDualNormCone([Number.NaN], 1, "l2", 1, 1)).toThrow(/w must contain only finite/);
    expect(() => projectDualNormCone([1], Number.POSITIVE_INFINITY, "l2", 1, 1)).toThrow(
      /t must be a finite/,
    );
    expect(() => projectDualNormCone([1], 1, "l2", 0, 1)).toThrow(/delta must be > 0/);
    expect(() => projectDualNormCone([1], 1, "l2", 1, -1)).toThrow(/rho must be > 0/);
    expect(() => projectDualNormCone([1], 1, "lp" as never, 1, 1)).toThrow(/attack must be one of/);
  });
});
