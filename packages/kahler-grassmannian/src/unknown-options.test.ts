import { cidentity, DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import {
  balancedMetric,
  etaRatios,
  haarSubspace,
  learnH,
  learnSubspace,
  lossGradient,
  maL2Loss,
  polynomialRoots,
  samplePoints,
  sectionBasis,
  sigma,
  subspaceBalanced,
  tOperator,
} from "./index.js";

function errorOf(name: string, call: () => unknown): DescentError {
  try {
    call();
  } catch (e) {
    if (e instanceof DescentError) return e;
    throw e;
  }
  throw new Error(`${name}: expected a DescentError`);
}

describe("every public options object rejects a misspelt key with a did-you-mean hint", () => {
  it("sampling, bases, Donaldson, σ, gradients, learning and the root finder", () => {
    const cloud = samplePoints({ psi: 0, nPoints: 60, seed: 1 });
    const basis = sectionBasis(1);
    const H = cidentity(basis.size);
    const W = haarSubspace(basis.size, basis.size, 1);
    const c = Float64Array.of(-1, 0, 1);
    const cases: [string, () => unknown, string, string][] = [
      ["samplePoints", () => samplePoints({ psi: 0, nPoints: 5, sede: 1 } as never), "options.sede", "seed"],
      ["sectionBasis", () => sectionBasis(1, { reduce: true } as never), "options.reduce", "reduced"],
      [
        "balancedMetric",
        () => balancedMetric(cloud, basis, { iteration: 2 } as never),
        "options.iteration",
        "iterations",
      ],
      [
        "tOperator",
        () => tOperator(cloud, basis, H, { chunkPoint: 8 } as never),
        "options.chunkPoint",
        "chunkPoints",
      ],
      [
        "etaRatios",
        () => etaRatios(cloud, basis, H, { chunkpoints: 8 } as never),
        "options.chunkpoints",
        "chunkPoints",
      ],
      [
        "sigma",
        () => sigma(cloud, basis, H, { chunkPoint: 8 } as never),
        "options.chunkPoint",
        "chunkPoints",
      ],
      [
        "maL2Loss",
        () => maL2Loss(cloud, basis, H, { chunkPoint: 8 } as never),
        "options.chunkPoint",
        "chunkPoints",
      ],
      [
        "lossGradient",
        () =>
          lossGradient(cloud, basis, { W, h: cidentity(basis.size) }, "sigma", { chunkPoint: 8 } as never),
        "options.chunkPoint",
        "chunkPoints",
      ],
      [
        "subspaceBalanced",
        () => subspaceBalanced(cloud, basis, W, { iteration: 2 } as never),
        "options.iteration",
        "iterations",
      ],
      ["learnH", () => learnH(cloud, basis, { step: 1 } as never), "options.step", "steps"],
      [
        "learnSubspace",
        () => learnSubspace(cloud, basis, { method: "B", m: 5, stepLenght: 1 } as never),
        "options.stepLenght",
        "stepLength",
      ],
      [
        "polynomialRoots",
        () =>
          polynomialRoots(c, new Float64Array(3), new Float64Array(2), new Float64Array(2), {
            maxSweep: 3,
          } as never),
        "options.maxSweep",
        "maxSweeps",
      ],
    ];
    for (const [name, call, parameter, hint] of cases) {
      const e = errorOf(name, call);
      expect(e.parameter, name).toBe(parameter);
      expect(e.message, name).toContain(`did you mean "${hint}"`);
    }
  });
});
