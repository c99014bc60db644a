import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { priorLogDensity, samplePriorInto } from "./prior.js";

describe("priors", () => {
  it("CoM-free Gaussian: Monte-Carlo E[−log p_0] = (d'/2)(1 + ln 2π) with d' = (n−1)s, within 4 SE", () => {
    const prior = { kind: "com-free", layout: { nParticles: 6, spaceDim: 3 } } as const;
    const rng = new Rng(1);
    const z = new Float64Array(18);
    const n = 20000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      samplePriorInto(prior, rng, z);
      const v = -priorLogDensity(prior, z);
      s += v;
      s2 += v * v;
    }
    const m = s / n;
    const se = Math.sqrt((s2 / n - m * m) / n);
    expect(Math.abs(m - 7.5 * (1 + Math.log(2 * Math.PI)))).toBeLessThan(4 * se);
    // samples are centre-of-mass free
    for (let a = 0; a < 3; a++) {
      let c = 0;
      for (let i = 0; i < 6; i++) c += z[i * 3 + a] as number;
      expect(Math.abs(c)).toBeLessThan(1e-12);
    }
  });
});
