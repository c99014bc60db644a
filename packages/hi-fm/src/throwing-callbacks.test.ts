import { initBackend, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import {
  exactDivergence,
  gaussianWells,
  hutchinsonDivergence,
  independentPath,
  logProb,
  mala,
  mlpField,
  sample,
  trainFlowMatching,
  type VectorField,
} from "./index.js";

const failure = () => new Error("user code failed");

/** The MLP field, but throwing from its `failAt`-th `apply` on, after running its layers. */
function throwingField(inner: VectorField, failAt: number): VectorField {
  let calls = 0;
  return {
    dim: inner.dim,
    variables: inner.variables,
    dispose: () => inner.dispose(),
    apply(x, t) {
      calls++;
      const out = inner.apply(x, t);
      if (calls >= failAt) {
        out.dispose();
        throw failure();
      }
      return out;
    },
  };
}

async function expectCleanThrow(name: string, call: () => unknown): Promise<void> {
  const before = tf.memory().numTensors;
  await expect((async () => call())(), name).rejects.toThrow("user code failed");
  expect(tf.memory().numTensors, `${name} leaked`).toBe(before);
}

describe("user code that throws (a field, onProgress, MALA's init or energy) leaks no tensors", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("trainFlowMatching, logProb, sample and the divergences with a throwing field or callback", async () => {
    const data = [Float64Array.of(0, 1), Float64Array.of(1, 0), Float64Array.of(-1, 0)];
    const path = independentPath(data, { sigma: 0.1 });
    const prior = { kind: "standard" as const, dim: 2 };
    const inner = mlpField({ dim: 2, hidden: [6], seed: 1 });
    const x = tf.tensor2d([0.1, 0.2, 0.3, 0.4], [2, 2]);
    const eps = tf.tensor2d([1, -1, -1, 1], [2, 2]);
    try {
      for (const failAt of [1, 2, 3]) {
        const f = () => throwingField(inner, failAt);
        await expectCleanThrow(`train, field fails at ${failAt}`, () =>
          trainFlowMatching(f(), path, { steps: 3, batchSize: 4, seed: 1 }),
        );
        await expectCleanThrow(`logProb exact, field fails at ${failAt}`, () =>
          logProb(f(), data, { prior, ode: { steps: 2 } }),
        );
        await expectCleanThrow(`logProb hutchinson, field fails at ${failAt}`, () =>
          logProb(f(), data, { prior, ode: { steps: 2 }, divergence: { kind: "hutchinson", seed: 1 } }),
        );
        await expectCleanThrow(`sample, field fails at ${failAt}`, () =>
          sample(f(), 3, { prior, ode: { steps: 2 }, seed: 1 }),
        );
      }
      // the divergences call the field twice (value, then inside the gradient)
      for (const failAt of [1, 2]) {
        const f = () => throwingField(inner, failAt);
        await expectCleanThrow(`exactDivergence, field fails at ${failAt}`, () =>
          exactDivergence(f(), x, 0.5),
        );
        await expectCleanThrow(`hutchinsonDivergence, field fails at ${failAt}`, () =>
          hutchinsonDivergence(f(), x, 0.5, eps),
        );
      }
      await expectCleanThrow("train onProgress", () =>
        trainFlowMatching(inner, path, {
          steps: 3,
          batchSize: 4,
          seed: 1,
          progressEvery: 1,
          onProgress: () => {
            throw failure();
          },
        }),
      );
    } finally {
      inner.dispose();
      tf.dispose([x, eps]);
    }
  });

  it("mala with a throwing init, energy or onProgress rethrows the user's error", async () => {
    const wells = gaussianWells([{ weight: 1, center: [0, 0], covariance: [1, 0, 0, 1] }]);
    const base = { beta: 1, stepSize: 0.1, chains: 2, burnIn: 2, thin: 1, samples: 2, seed: 1 };
    const init = () => Float64Array.of(0, 0);
    await expectCleanThrow("init", () =>
      mala(wells, {
        ...base,
        init: () => {
          throw failure();
        },
      }),
    );
    await expectCleanThrow("energy", () =>
      mala(
        {
          ...wells,
          value: () => {
            throw failure();
          },
        },
        { ...base, init },
      ),
    );
    await expectCleanThrow("onProgress", () =>
      mala(wells, {
        ...base,
        init,
        onProgress: () => {
          throw failure();
        },
      }),
    );
  });
});
