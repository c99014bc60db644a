import { Rng, randomSymmetric } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { analyticLogLikelihood } from "./analytic-field.js";
import { lipmanPath } from "./conditional-path.js";
import { endpointMixtureLogDensity, marginalField } from "./endpoint-mixture.js";
import { hessianInformedPath } from "./hessian-informed-path.js";
import { hessianSpectrum } from "./hessian-spectra.js";

describe("endpoint mixture and marginal field", () => {
  it("a single conditional field as the model: RK4 likelihood = log N(x; x_1, D H̃⁻¹) (1e-6, K = 2000)", () => {
    const c = Math.cos(0.6);
    const s = Math.sin(0.6);
    // H̃ = R diag(1, 25) Rᵀ
    const h = Float64Array.from([c * c + 25 * s * s, c * s * (1 - 25), c * s * (1 - 25), s * s + 25 * c * c]);
    const sp = hessianSpectrum(h, 2, { floor: 0.5 });
    const path = hessianInformedPath([Float64Array.from([1.5, -0.5])], [sp], {
      endTemperature: 0.01,
      clock: { kind: "shared", kappa: 1 },
    });
    const x = Float64Array.from([1.52, -0.47]);
    const field = {
      dim: 2,
      value: (y: ArrayLike<number>, t: number) => path.field(0, y, t),
      divergence: (_: ArrayLike<number>, t: number) => path.divergence(0, t),
    };
    const got = analyticLogLikelihood(
      field,
      x,
      { kind: "standard", dim: 2 },
      { steps: 2000, tMax: 1 - 1e-9 },
    );
    expect(Math.abs(got - path.logDensity(0, x, 1))).toBeLessThan(1e-6);
  });

  it("integrating the exact marginal field of 3 points reproduces the endpoint-mixture log-density (1e-3)", () => {
    const rng = new Rng(2);
    const data = [Float64Array.from([1, 0]), Float64Array.from([-1, 1]), Float64Array.from([0, -1.5])];
    const spectra = data.map((_, i) =>
      hessianSpectrum(randomSymmetric(rng, [1 + i, 10 + 5 * i]).A.data, 2, { floor: 1 }),
    );
    const path = hessianInformedPath(data, spectra, { endTemperature: 0.05 });
    const x = Float64Array.from([0.9, 0.1]);
    const got = analyticLogLikelihood(marginalField(path), x, { kind: "standard", dim: 2 }, { steps: 1500 });
    expect(Math.abs(got - endpointMixtureLogDensity(path, x))).toBeLessThan(1e-3);
  });

  it("Lipman endpoint mixture is a Gaussian KDE with bandwidth σ_min", () => {
    const path = lipmanPath([Float64Array.from([0, 0]), Float64Array.from([1, 0])], { sigmaMin: 0.5 });
    const x = Float64Array.from([0.2, 0.1]);
    const k = (dx: number, dy: number) => Math.exp(-(dx * dx + dy * dy) / (2 * 0.25)) / (2 * Math.PI * 0.25);
    expect(endpointMixtureLogDensity(path, x)).toBeCloseTo(Math.log(0.5 * (k(0.2, 0.1) + k(-0.8, 0.1))), 12);
  });
});
