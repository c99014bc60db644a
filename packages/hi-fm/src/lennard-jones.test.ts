import { eigvalsh, Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { icosahedron13, lennardJones, tetrahedron } from "./lennard-jones.js";

describe("lennardJones", () => {
  it("LJ2 at r = r_m has V = −ε", () => {
    const e = lennardJones({ layout: { nParticles: 2, spaceDim: 3 }, oscillator: 0 });
    expect(e.value(Float64Array.from([0, 0, 0, 1, 0, 0]))).toBeCloseTo(-1, 14);
  });

  it("LJ4 tetrahedron: V = −6ε and Hessian spectrum {0×6, 72, 72, 144, 144, 144, 288}", () => {
    const e = lennardJones({ layout: { nParticles: 4, spaceDim: 3 }, oscillator: 0 });
    const x = tetrahedron();
    expect(e.value(x)).toBeCloseTo(-6, 12);
    const ev = eigvalsh({ rows: 12, cols: 12, data: e.hessian(x) });
    const expected = [0, 0, 0, 0, 0, 0, 72, 72, 144, 144, 144, 288];
    for (let k = 0; k < 12; k++)
      expect(Math.abs((ev[k] as number) - (expected[k] as number))).toBeLessThan(1e-9);
  });

  it("LJ13 energy, gradient and Hessian match central differences on random configurations, c ∈ {0, 1}", () => {
    const rng = new Rng(7);
    for (const oscillator of [0, 1]) {
      const e = lennardJones({ layout: { nParticles: 13, spaceDim: 3 }, oscillator });
      const x = icosahedron13(1.05);
      for (let k = 0; k < 39; k++) x[k] = (x[k] as number) + 0.05 * rng.normal();
      const g = e.gradient(x);
      const H = e.hessian(x);
      const h = 1e-6;
      for (let k = 0; k < 39; k++) {
        const xp = Float64Array.from(x);
        const xm = Float64Array.from(x);
        xp[k] = (xp[k] as number) + h;
        xm[k] = (xm[k] as number) - h;
        const fd = (e.value(xp) - e.value(xm)) / (2 * h);
        expect(Math.abs(fd - (g[k] as number))).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
        const gp = e.gradient(xp);
        const gm = e.gradient(xm);
        for (let j = 0; j < 39; j++) {
          const fdh = ((gp[j] as number) - (gm[j] as number)) / (2 * h);
          expect(Math.abs(fdh - (H[j * 39 + k] as number))).toBeLessThan(1e-6 * Math.max(10, Math.abs(fdh)));
        }
      }
      // translations are zero modes: H (1 ⊗ e_a) = 0
      for (let a = 0; a < 3; a++)
        for (let r = 0; r < 39; r++) {
          let s = 0;
          for (let i = 0; i < 13; i++) s += H[r * 39 + i * 3 + a] as number;
          expect(Math.abs(s)).toBeLessThan(1e-9);
        }
    }
  });

  it("LJ13 icosahedron relaxes to the known minimum −44.326801 ε (Wales & Doye 1997)", () => {
    const e = lennardJones({ layout: { nParticles: 13, spaceDim: 3 }, oscillator: 0 });
    const x = icosahedron13();
    const g = new Float64Array(39);
    for (let it = 0; it < 3000; it++) {
      e.gradient(x, g);
      for (let k = 0; k < 39; k++) x[k] = (x[k] as number) - 2e-3 * (g[k] as number);
    }
    expect(e.value(x)).toBeCloseTo(-44.326801, 5);
  });

  it("rejects a layout that does not match the configuration and bad constants", () => {
    const e = lennardJones({ layout: { nParticles: 4, spaceDim: 3 } });
    expect(() => e.value(new Float64Array(10))).toThrow(/x must have length 12/);
    expect(() => lennardJones({ layout: { nParticles: 1, spaceDim: 3 } })).toThrow(/nParticles/);
    expect(() => lennardJones({ layout: { nParticles: 4, spaceDim: 3 }, epsilon: 0 })).toThrow(/epsilon/);
  });
});
