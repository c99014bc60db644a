import { describe, expect, it } from "vitest";
import { dworkValue } from "./quintic.js";
import { samplePoints } from "./sample-points.js";

describe("samplePoints (line intersection, docs/method.md §2)", () => {
  for (const psi of [0, 0.5, 3, { re: 0.3, im: 0.7 }]) {
    it(`points lie on X_ψ to 1e-12 with one coordinate exactly 1 and |zᵢ| ≤ 1 (ψ = ${JSON.stringify(psi)})`, () => {
      const cloud = samplePoints({ psi, nPoints: 2000, seed: 4 });
      for (let i = 0; i < cloud.n; i++) {
        const [qr, qi] = dworkValue(cloud.zRe, cloud.zIm, 5 * i, cloud.psi);
        expect(Math.hypot(qr, qi)).toBeLessThan(1e-12);
        let ones = 0;
        for (let c = 0; c < 5; c++) {
          const m = Math.hypot(cloud.zRe[5 * i + c] as number, cloud.zIm[5 * i + c] as number);
          expect(m).toBeLessThanOrEqual(1 + 1e-15);
          if (cloud.zRe[5 * i + c] === 1 && cloud.zIm[5 * i + c] === 0) ones++;
        }
        expect(ones).toBeGreaterThanOrEqual(1);
        expect(cloud.zRe[5 * i + (cloud.patch[i] as number)]).toBe(1);
        expect(cloud.elim[i]).not.toBe(cloud.patch[i]);
        expect(cloud.weight[i]).toBeGreaterThan(0);
      }
    });
  }

  it("is reproducible from the seed and differs across seeds", () => {
    const a = samplePoints({ psi: 0.5, nPoints: 101, seed: 9 });
    const b = samplePoints({ psi: 0.5, nPoints: 101, seed: 9 });
    const c = samplePoints({ psi: 0.5, nPoints: 101, seed: 10 });
    expect(Array.from(a.zRe)).toEqual(Array.from(b.zRe));
    expect(Array.from(a.weight)).toEqual(Array.from(b.weight));
    expect(a.zRe[0]).not.toBe(c.zRe[0]);
  });

  it("rejects bad ψ and nPoints, naming the parameter", () => {
    expect(() => samplePoints({ psi: Number.NaN, nPoints: 10 })).toThrow(/psi/);
    expect(() => samplePoints({ psi: 1, nPoints: 10 })).toThrow(/psi/);
    expect(() => samplePoints({ psi: 0, nPoints: 0 })).toThrow(/nPoints/);
    expect(() => samplePoints({ psi: 0, nPoints: 2.5 })).toThrow(/nPoints/);
  });
});
