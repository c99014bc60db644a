import { DescentError, initBackend, Rng, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import {
  anisotropicWells,
  egnnField,
  flowMatchingBatch,
  gaussianWells,
  hessianInformedPath,
  hessianSpectra,
  hessianSpectrum,
  independentPath,
  isotropicSpectra,
  lennardJones,
  lipmanPath,
  logProb,
  mala,
  mlpField,
  randomOrthogonalMatrix,
  sample,
  timeGrid,
  trainFlowMatching,
} from "./index.js";

async function errorOf(name: string, call: () => unknown): Promise<DescentError> {
  try {
    await call();
  } catch (e) {
    if (e instanceof DescentError) return e;
    throw e;
  }
  throw new Error(`${name}: expected a DescentError`);
}

describe("every public options object rejects a misspelt key with a did-you-mean hint", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("paths, energies, spectra, fields, likelihood, sampling, training and MALA", async () => {
    const data = [Float64Array.of(0, 1), Float64Array.of(1, 0)];
    const wells = gaussianWells([{ weight: 1, center: [0, 0], covariance: [1, 0, 0, 1] }]);
    const prior = { kind: "standard" as const, dim: 2 };
    const field = mlpField({ dim: 2, hidden: [4], seed: 1 });
    const path = independentPath(data, { sigma: 0.1 });
    const cases: [string, () => unknown, string, string][] = [
      ["timeGrid", () => timeGrid({ step: 3 } as never), "options.step", "steps"],
      ["lipmanPath", () => lipmanPath(data, { sigmaMn: 0.1 } as never), "options.sigmaMn", "sigmaMin"],
      ["independentPath", () => independentPath(data, { sigam: 0.1 } as never), "options.sigam", "sigma"],
      [
        "hessianInformedPath",
        () => hessianInformedPath(data, isotropicSpectra(2, 2, 1), { endTemperature: 1, clok: {} } as never),
        "options.clok",
        "clock",
      ],
      [
        "hessianSpectrum",
        () => hessianSpectrum(Float64Array.of(1, 0, 0, 1), 2, { floor: 0.1, mod: "abs" } as never),
        "options.mod",
        "mode",
      ],
      ["hessianSpectra", () => hessianSpectra(wells, data, { flor: 0.1 } as never), "options.flor", "floor"],
      [
        "anisotropicWells",
        () => anisotropicWells({ dim: 2, seed: 1, minstd: 0.1 } as never),
        "options.minstd",
        "minStd",
      ],
      [
        "gaussianWells",
        () => gaussianWells([{ weight: 1, centre: [0], center: [0], covariance: [1] }] as never),
        "wells[0].centre",
        "center",
      ],
      [
        "lennardJones",
        () => lennardJones({ layout: { nParticles: 4, spaceDim: 3 }, epsilonn: 1 } as never),
        "options.epsilonn",
        "epsilon",
      ],
      ["mlpField", () => mlpField({ dim: 2, seed: 1, hiden: [3] } as never), "options.hiden", "hidden"],
      [
        "egnnField",
        () => egnnField({ layout: { nParticles: 3, spaceDim: 2 }, seed: 1, layer: 2 } as never),
        "options.layer",
        "layers",
      ],
      [
        "flowMatchingBatch",
        () => flowMatchingBatch(path, 2, new Rng(1), { tmax: 0.9 } as never),
        "options.tmax",
        "tMax",
      ],
      [
        "randomOrthogonalMatrix",
        () => randomOrthogonalMatrix(2, new Rng(1), { propper: true } as never),
        "options.propper",
        "proper",
      ],
      [
        "logProb",
        () => logProb(field, data, { prior, batchsize: 2 } as never),
        "options.batchsize",
        "batchSize",
      ],
      [
        "logProb ode",
        () => logProb(field, data, { prior, ode: { method: "rk4", rtoll: 1 } } as never),
        "ode.rtoll",
        "rtol",
      ],
      ["sample", () => sample(field, 2, { prior, seed: 1, od: {} } as never), "options.od", "ode"],
      [
        "sample ode",
        () => sample(field, 2, { prior, seed: 1, ode: { step: 2 } } as never),
        "ode.step",
        "steps",
      ],
      [
        "trainFlowMatching",
        () => trainFlowMatching(field, path, { steps: 1, seed: 1, learningrate: 1 } as never),
        "options.learningrate",
        "learningRate",
      ],
      [
        "mala",
        () =>
          mala(wells, {
            beta: 1,
            stepSize: 0.1,
            samples: 1,
            seed: 1,
            init: () => Float64Array.of(0, 0),
            burnin: 2,
          } as never),
        "options.burnin",
        "burnIn",
      ],
    ];
    const before = tf.memory().numTensors;
    for (const [name, call, parameter, hint] of cases) {
      const e = await errorOf(name, call);
      expect(e.parameter, name).toBe(parameter);
      expect(e.message, name).toContain(`did you mean "${hint}"`);
    }
    expect(tf.memory().numTensors).toBe(before);
    field.dispose();
  });
});
