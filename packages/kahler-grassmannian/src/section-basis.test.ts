import { cidentity, hermitianEigh } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { samplePoints } from "./sample-points.js";
import { sectionBasis, sectionCount } from "./section-basis.js";
import { tOperator } from "./t-operator.js";

describe("sectionBasis (reduced monomials, docs/method.md §4)", () => {
  it("has N_k = 5, 15, 35, 70, 125, 205, 315, 460, 645, 875, 1155, 1490 = 5k(k²+5)/6 sections", () => {
    const table = [5, 15, 35, 70, 125, 205, 315, 460, 645, 875, 1155, 1490];
    for (let k = 1; k <= 12; k++) {
      const basis = sectionBasis(k);
      expect(basis.size).toBe(table[k - 1]);
      expect(sectionCount(k)).toBe(table[k - 1]);
      for (let s = 0; s < basis.size; s++) {
        expect(basis.exps[5 * s] as number).toBeLessThan(5);
        let deg = 0;
        for (let c = 0; c < 5; c++) deg += basis.exps[5 * s + c] as number;
        expect(deg).toBe(k);
      }
    }
  });

  it("the unreduced k = 5 monomials have exactly one null direction of M(I) on X; the reduced ones none", () => {
    const cloud = samplePoints({ psi: 0.3, nPoints: 1500, seed: 2 });
    const full = sectionBasis(5, { reduced: false });
    expect(full.size).toBe(126);
    const ev = hermitianEigh(tOperator(cloud, full, cidentity(full.size))).values;
    const sorted = Array.from(ev).sort((a, b) => a - b);
    const top = sorted[sorted.length - 1] as number;
    expect((sorted[0] as number) / top).toBeLessThan(1e-12);
    expect((sorted[1] as number) / top).toBeGreaterThan(1e-8);
    const red = sectionBasis(5);
    const evr = Array.from(hermitianEigh(tOperator(cloud, red, cidentity(red.size))).values).sort(
      (a, b) => a - b,
    );
    expect((evr[0] as number) / (evr[evr.length - 1] as number)).toBeGreaterThan(1e-8);
  });

  it("rejects k < 1 and non-integer k, naming k", () => {
    expect(() => sectionBasis(0)).toThrow(/k/);
    expect(() => sectionBasis(1.5)).toThrow(/k/);
    expect(() => sectionCount(0)).toThrow(/k/);
  });
});
