import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { polynomialRoots } from "./polynomial-roots.js";

describe("polynomialRoots (Aberth–Ehrlich + Newton)", () => {
  it("recovers the roots of a quintic built from known roots to 1e-12", () => {
    const rng = new Rng(5);
    for (let trial = 0; trial < 50; trial++) {
      const rr = rng.normalArray(5);
      const ri = rng.normalArray(5);
      // Π (t − r_j)
      const cRe = new Float64Array(6);
      const cIm = new Float64Array(6);
      cRe[0] = 1;
      for (let j = 0; j < 5; j++) {
        for (let d = j + 1; d >= 0; d--) {
          const lr = d > 0 ? (cRe[d - 1] as number) : 0;
          const li = d > 0 ? (cIm[d - 1] as number) : 0;
          const cr = cRe[d] as number;
          const ci = cIm[d] as number;
          cRe[d] = lr - (cr * (rr[j] as number) - ci * (ri[j] as number));
          cIm[d] = li - (cr * (ri[j] as number) + ci * (rr[j] as number));
        }
      }
      const tRe = new Float64Array(5);
      const tIm = new Float64Array(5);
      expect(polynomialRoots(cRe, cIm, tRe, tIm)).toBe(true);
      for (let j = 0; j < 5; j++) {
        let best = Number.POSITIVE_INFINITY;
        for (let l = 0; l < 5; l++) {
          best = Math.min(
            best,
            Math.hypot((tRe[l] as number) - (rr[j] as number), (tIm[l] as number) - (ri[j] as number)),
          );
        }
        expect(best).toBeLessThan(1e-10);
      }
    }
  });

  it("reports failure for a vanishing leading coefficient", () => {
    const c = new Float64Array([1, 2, 3, 4, 5, 0]);
    expect(polynomialRoots(c, new Float64Array(6), new Float64Array(5), new Float64Array(5))).toBe(false);
  });
});
