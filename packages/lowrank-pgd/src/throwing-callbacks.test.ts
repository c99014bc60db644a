import { tf } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { adversarialTrain } from "./adversarial-training.js";
import type { LogitsFn } from "./classifier.js";
import { createMlp } from "./mlp.js";
import { matchNuclearNorm } from "./nuclear-matching.js";
import { fgsm } from "./pgd.js";
import { robustAccuracy } from "./robust-accuracy.js";
import { useMlpFixture } from "./testing/mlp-fixture.js";

/** A model that runs its layers and then throws from its `failAt`-th call on. */
function throwingAfter(model: LogitsFn, failAt: number): LogitsFn {
  let calls = 0;
  return (x) => {
    calls++;
    const logits = model(x);
    if (calls >= failAt) throw new Error("user code failed");
    return logits;
  };
}

const boom = () => {
  throw new Error("user code failed");
};

/** Runs `call`, expects it to rethrow the user's error, and checks that no tensor was left behind. */
function expectCleanThrow(name: string, call: () => unknown): void {
  const before = tf.memory().numTensors;
  expect(call, name).toThrow("user code failed");
  expect(tf.memory().numTensors, `${name} leaked`).toBe(before);
}

describe("user callbacks that throw (model, attack, onBatch, onProgress) leak no tensors", () => {
  const fx = useMlpFixture({ netSeed: 3, hiddenUnits: [16], batch: 4, imageSeed: 1 });

  it("robustAccuracy: a throwing attack, onBatch, onProgress or model", () => {
    const attack = (xb: tf.Tensor4D, yb: tf.Tensor1D) => fgsm(fx.net.logits, xb, yb, { eps: 0.1 });
    expectCleanThrow("attack", () => robustAccuracy(fx.net.logits, fx.x, fx.y, boom, { batchSize: 2 }));
    expectCleanThrow("onBatch", () =>
      robustAccuracy(fx.net.logits, fx.x, fx.y, attack, { batchSize: 2, onBatch: boom }),
    );
    expectCleanThrow("onProgress", () =>
      robustAccuracy(fx.net.logits, fx.x, fx.y, attack, { batchSize: 2, onProgress: boom }),
    );
    for (const failAt of [1, 2, 3]) {
      expectCleanThrow(`model at call ${failAt}`, () =>
        robustAccuracy(throwingAfter(fx.net.logits, failAt), fx.x, fx.y, attack, { batchSize: 2 }),
      );
    }
  });

  it("adversarialTrain: a throwing attack, onProgress or model", () => {
    const net = createMlp({ seed: 5, hiddenUnits: [8] });
    try {
      const base = { epochs: 2, cleanEpochs: 1, batchSize: 2, seed: 1 };
      expectCleanThrow("attack", () => adversarialTrain(net, fx.x, fx.y, { ...base, attack: boom }));
      expectCleanThrow("onProgress", () =>
        adversarialTrain(net, fx.x, fx.y, { ...base, attack: null, onProgress: boom }),
      );
      for (const failAt of [1, 2, 3]) {
        expectCleanThrow(`model at call ${failAt}`, () =>
          adversarialTrain(
            { logits: throwingAfter(net.logits, failAt), variables: net.variables },
            fx.x,
            fx.y,
            {
              ...base,
              attack: null,
            },
          ),
        );
      }
    } finally {
      net.dispose();
    }
  });

  it("matchNuclearNorm: a model that throws in the reference PGD or in either LoRa-PGD run", () => {
    for (const failAt of [1, 2, 4, 8, 12]) {
      expectCleanThrow(`model at call ${failAt}`, () =>
        matchNuclearNorm(throwingAfter(fx.net.logits, failAt), fx.x, fx.y, { rank: 2, eps: 1, steps: 3 }),
      );
    }
    expectCleanThrow("onProgress", () =>
      matchNuclearNorm(fx.net.logits, fx.x, fx.y, { rank: 2, eps: 1, steps: 3, onProgress: boom }),
    );
  });
});
