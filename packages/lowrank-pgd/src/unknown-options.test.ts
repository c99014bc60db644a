import { DescentError, tf } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import {
  adversarialTrain,
  createLinearProblem,
  createMlp,
  createSmallCnn,
  fgsm,
  fgsmFactors,
  loraPgd,
  matchNuclearNorm,
  perturbationSpectrum,
  pgd,
  relativeSpectrumChange,
  robustAccuracy,
  spectralMatrix,
} from "./index.js";
import { useMlpFixture } from "./testing/mlp-fixture.js";

function errorOf(call: () => unknown): DescentError {
  try {
    call();
  } catch (e) {
    if (e instanceof DescentError) return e;
    throw e;
  }
  throw new Error("expected a DescentError");
}

describe("every public options object rejects a misspelt key with a did-you-mean hint", () => {
  const fx = useMlpFixture({ netSeed: 3, hiddenUnits: [8], batch: 2, imageSeed: 1 });

  it("attacks, evaluation, training, models and the test bed", () => {
    const f = () => fx.net.logits;
    const cases: [string, () => unknown, string, string][] = [
      ["pgd", () => pgd(f(), fx.x, fx.y, { norm: "l2", eps: 1, step: 3 } as never), "options.step", "steps"],
      ["fgsm", () => fgsm(f(), fx.x, fx.y, { eps: 1, nrom: "l2" } as never), "options.nrom", "norm"],
      [
        "loraPgd",
        () => loraPgd(f(), fx.x, fx.y, { rank: 2, eps: 1, rnak: 3 } as never),
        "options.rnak",
        "rank",
      ],
      [
        "loraPgd init",
        () => loraPgd(f(), fx.x, fx.y, { rank: 2, eps: 1, init: { kind: "random", sede: 3 } } as never),
        "init.sede",
        "seed",
      ],
      [
        "fgsmFactors",
        () => fgsmFactors(f(), fx.x, fx.y, { rank: 2, eps: 1, clipmax: 1 } as never),
        "options.clipmax",
        "clipMax",
      ],
      [
        "matchNuclearNorm",
        () => matchNuclearNorm(f(), fx.x, fx.y, { rank: 2, eps: 1, referenceNuclar: 3 } as never),
        "options.referenceNuclar",
        "referenceNuclear",
      ],
      [
        "robustAccuracy",
        () =>
          robustAccuracy(f(), fx.x, fx.y, (xb, yb) => fgsm(f(), xb, yb, { eps: 0.1 }), {
            batchsize: 1,
          } as never),
        "options.batchsize",
        "batchSize",
      ],
      [
        "perturbationSpectrum",
        () => perturbationSpectrum(fx.x, fx.x, { k: [1] } as never),
        "options.k",
        "ks",
      ],
      [
        "relativeSpectrumChange",
        () => relativeSpectrumChange(fx.x, fx.x, { flor: 0.1 } as never),
        "options.flor",
        "floor",
      ],
      [
        "adversarialTrain",
        () => adversarialTrain(fx.net, fx.x, fx.y, { attack: null, epoch: 1 } as never),
        "options.epoch",
        "epochs",
      ],
      ["createMlp", () => createMlp({ hiddenUnit: [3] } as never), "options.hiddenUnit", "hiddenUnits"],
      ["createSmallCnn", () => createSmallCnn({ numClass: 3 } as never), "options.numClass", "numClasses"],
      [
        "createLinearProblem",
        () =>
          createLinearProblem({
            weights: spectralMatrix([1], 2, 2, 1),
            height: 2,
            width: 2,
            margn: 1,
          } as never),
        "options.margn",
        "margin",
      ],
    ];
    const before = tf.memory().numTensors;
    for (const [name, call, parameter, hint] of cases) {
      const e = errorOf(call);
      expect(e.parameter, name).toBe(parameter);
      expect(e.message, name).toContain(`did you mean "${hint}"`);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
