import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { independentPath, lipmanPath } from "./conditional-path.js";

describe("isotropic conditional paths", () => {
  it("Lipman path: target = x_1 − (1−σ_min) x_0 and x-form u = (x_1 − (1−σ_min)x)/(1 − (1−σ_min)t)", () => {
    const x1 = Float64Array.from([2, -1]);
    const path = lipmanPath([x1], { sigmaMin: 0.1 });
    const x0 = Float64Array.from([0.5, 0.25]);
    const xt = new Float64Array(2);
    const tg = new Float64Array(2);
    for (const t of [0.1, 0.5, 0.9]) {
      path.flowInto(0, x0, t, xt, tg);
      const u = path.field(0, xt, t);
      for (let k = 0; k < 2; k++) {
        expect(tg[k]).toBeCloseTo((x1[k] as number) - 0.9 * (x0[k] as number), 14);
        expect(u[k]).toBeCloseTo(((x1[k] as number) - 0.9 * (xt[k] as number)) / (1 - 0.9 * t), 12);
        expect(u[k]).toBeCloseTo(tg[k] as number, 12);
      }
    }
  });

  it("I-CFM: the x-form field is the conditional mean of the target x_1 − x_0 given x_t (Monte Carlo, 4 SE)", () => {
    const x1 = Float64Array.from([1, 2]);
    const sigma = 0.3;
    const path = independentPath([x1], { sigma });
    const rng = new Rng(3);
    const t = 0.4;
    // regress target on x_t: for Gaussian pairs E[target | x_t] is affine, equal to the field
    const n = 40000;
    let sxx = 0;
    let sxy = 0;
    let sx = 0;
    let sy = 0;
    const xt = new Float64Array(2);
    const tg = new Float64Array(2);
    for (let i = 0; i < n; i++) {
      const x0 = rng.fillNormal(new Float64Array(2));
      const e = rng.fillNormal(new Float64Array(2));
      path.flowInto(0, x0, t, xt, tg, e);
      sx += xt[0] as number;
      sy += tg[0] as number;
      sxx += (xt[0] as number) ** 2;
      sxy += (xt[0] as number) * (tg[0] as number);
    }
    const slope = (sxy / n - (sx / n) * (sy / n)) / (sxx / n - (sx / n) ** 2);
    const a = path.field(0, Float64Array.from([0, 0]), t)[0] as number;
    const b = path.field(0, Float64Array.from([1, 0]), t)[0] as number;
    expect(Math.abs(slope - (b - a))).toBeLessThan(0.02);
    expect(path.divergence(0, t)).toBeCloseTo(2 * (b - a), 12);
  });

  it("rejects σ_min ≤ 0 and σ < 0", () => {
    expect(() => lipmanPath([new Float64Array(1)], { sigmaMin: 0 })).toThrow(/sigmaMin/);
    expect(() => independentPath([new Float64Array(1)], { sigma: -1 })).toThrow(/sigma/);
    expect(() => lipmanPath([], { sigmaMin: 0.1 })).toThrow(/data/);
  });
});
