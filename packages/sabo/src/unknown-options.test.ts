import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import {
  Bes,
  boundedObjective,
  CmaEs,
  ellipsoid,
  Ingo,
  Mmes,
  minimize,
  minimizeSabo,
  mlpBiasTask,
  projectedPromptTask,
  RandomProjection,
  RandomSearch,
  Sabo,
  twoBasinTask,
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
  it("optimisers, minimize, minimizeSabo (one object, two consumers), tasks and helpers", async () => {
    const cases: [string, () => unknown, string, string][] = [
      [
        "Sabo",
        () => new Sabo({ dim: 2, populationSise: 4 } as never),
        "options.populationSise",
        "populationSize",
      ],
      [
        "Ingo",
        () => new Ingo({ dim: 2, learningrate: 0.1 } as never),
        "options.learningrate",
        "learningRate",
      ],
      ["CmaEs", () => new CmaEs({ dim: 2, sigma: 0.3 } as never), "options.sigma", "sigma0"],
      ["Mmes", () => new Mmes({ dim: 2, path: 2 } as never), "options.path", "paths"],
      ["Bes", () => new Bes({ dim: 2, direction: 2 } as never), "options.direction", "directions"],
      ["RandomSearch", () => new RandomSearch({ dim: 2, centre: 0 } as never), "options.centre", "center"],
      [
        "RandomProjection",
        () => new RandomProjection({ inputDim: 2, outputDim: 2, seeed: 1 } as never),
        "options.seeed",
        "seed",
      ],
      [
        "minimize",
        () => minimize(ellipsoid, new CmaEs({ dim: 2 }), { maxEvaluation: 10 } as never),
        "options.maxEvaluation",
        "maxEvaluations",
      ],
      [
        "minimizeSabo",
        () => minimizeSabo(ellipsoid, { dim: 2, maxEvaluations: 20, targetValu: 1 } as never),
        "options.targetValu",
        "targetValue",
      ],
      [
        "boundedObjective",
        () => boundedObjective(ellipsoid, { dim: 2, lower: -1, upper: 1, penalty: 1 } as never),
        "options.penalty",
        "penaltyWeight",
      ],
      [
        "twoBasinTask",
        () => twoBasinTask({ dim: 2, seed: 1, shiftstd: 0.1 } as never),
        "options.shiftstd",
        "shiftStd",
      ],
      ["mlpBiasTask", () => mlpBiasTask({ shot: 2 } as never), "options.shot", "shots"],
      ["projectedPromptTask", () => projectedPromptTask({ clases: 2 } as never), "options.clases", "classes"],
    ];
    for (const [name, call, parameter, hint] of cases) {
      const e = await errorOf(name, call);
      expect(e.parameter, name).toBe(parameter);
      if (hint !== "") expect(e.message, name).toContain(`did you mean "${hint}"`);
    }
  });

  it("minimizeSabo accepts the union of its two option sets and runs", async () => {
    const r = await minimizeSabo(ellipsoid, {
      dim: 2,
      mean0: 1,
      seed: 1,
      maxEvaluations: 60,
      targetValue: 1e-12,
    });
    expect(r.evaluations).toBeLessThanOrEqual(60);
    expect(Number.isFinite(r.best.value)).toBe(true);
  });
});
