import { describe, expect, it } from "vitest";
import { gaussianWells } from "./anisotropic-wells.js";
import { icosahedron13, lennardJones } from "./lennard-jones.js";
import { mala } from "./mala.js";

describe("mala", () => {
  it("samples a correlated 2-D Gaussian: mean and variances within 4 standard errors", () => {
    const e = gaussianWells([{ weight: 1, center: [1, -1], covariance: [1, 0.6, 0.6, 0.5] }]);
    const r = mala(e, {
      beta: 1,
      stepSize: 0.3,
      chains: 8,
      burnIn: 200,
      thin: 10,
      samples: 4000,
      init: () => new Float64Array(2),
      seed: 3,
    });
    expect(r.acceptance).toBeGreaterThan(0);
    expect(r.acceptance).toBeLessThanOrEqual(1);
    const n = r.samples.length;
    const m0 = r.samples.reduce((a, x) => a + (x[0] as number), 0) / n;
    const m1 = r.samples.reduce((a, x) => a + (x[1] as number), 0) / n;
    const v0 = r.samples.reduce((a, x) => a + ((x[0] as number) - m0) ** 2, 0) / n;
    // thinning by 10 leaves some autocorrelation: allow 4 SE of an effective size n/3 (our choice)
    expect(Math.abs(m0 - 1)).toBeLessThan(4 * Math.sqrt(1 / (n / 3)));
    expect(Math.abs(m1 + 1)).toBeLessThan(4 * Math.sqrt(0.5 / (n / 3)));
    expect(Math.abs(v0 - 1)).toBeLessThan(4 * Math.sqrt(2 / (n / 3)));
  });

  it("LJ13 chains at β = 4 stay CoM-free, never put two particles closer than 0.5 r_m and are seeded", () => {
    const layout = { nParticles: 13, spaceDim: 3 } as const;
    const e = lennardJones({ layout });
    const opts = {
      beta: 4,
      stepSize: 2.5e-4,
      chains: 4,
      burnIn: 200,
      thin: 20,
      samples: 40,
      init: () => icosahedron13(),
      layout,
      seed: 8,
    };
    const r = mala(e, opts);
    expect(r.acceptance).toBeGreaterThan(0.3);
    for (const x of r.samples) {
      expect(e.minPairDistance(x)).toBeGreaterThan(0.5);
      let cx = 0;
      for (let i = 0; i < 13; i++) cx += x[i * 3] as number;
      expect(Math.abs(cx)).toBeLessThan(1e-10);
    }
    expect(mala(e, opts).samples[39]).toEqual(r.samples[39]);
  });

  it("rejects a NaN energy and bad step sizes", () => {
    const nan = {
      dim: 1,
      value: () => Number.NaN,
      gradient: () => new Float64Array(1),
      hessian: () => new Float64Array(1),
    };
    expect(() =>
      mala(nan, { beta: 1, stepSize: 0.1, samples: 1, init: () => new Float64Array(1), seed: 1 }),
    ).toThrow(/energy returned NaN/);
    const e = gaussianWells([{ weight: 1, center: [0], covariance: [1] }]);
    expect(() =>
      mala(e, { beta: 1, stepSize: 0, samples: 1, init: () => new Float64Array(1), seed: 1 }),
    ).toThrow(/stepSize/);
  });
});
