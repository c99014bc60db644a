import { initBackend, Rng, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { fourWells2d } from "./anisotropic-wells.js";
import { lipmanPath } from "./conditional-path.js";
import { hessianInformedPath, volumeMatchedEndTemperature } from "./hessian-informed-path.js";
import { hessianSpectra } from "./hessian-spectra.js";
import { trainFlowMatching } from "./train.js";
import { mlpField } from "./vector-field.js";

describe("trainFlowMatching", () => {
  beforeAll(async () => {
    await initBackend();
  });
  const e = fourWells2d();
  const data = e.sample(128, new Rng(0));
  const spectra = hessianSpectra(e, data, { floor: 1, cap: 400 });
  const path = hessianInformedPath(data, spectra, {
    endTemperature: volumeMatchedEndTemperature(0.2, spectra),
  });

  it("seeded runs are bit-identical (losses and weights) and the loss decreases", async () => {
    const run = async () => {
      const field = mlpField({ dim: 2, hidden: [32, 32], seed: 4 });
      const r = await trainFlowMatching(field, path, { steps: 60, batchSize: 64, seed: 7 });
      const w = Array.from(await field.variables[3]!.data());
      field.dispose();
      return { losses: Array.from(r.losses), w };
    };
    const a = await run();
    const b = await run();
    expect(a.losses).toEqual(b.losses);
    expect(a.w).toEqual(b.w);
    const head = a.losses.slice(0, 10).reduce((s, v) => s + v, 0);
    const tail = a.losses.slice(-10).reduce((s, v) => s + v, 0);
    expect(tail).toBeLessThan(head);
  });

  it("leaks no tensors, reports progress, honours AbortSignal, trains OT-CFM with the minibatch coupling", async () => {
    const field = mlpField({ dim: 2, hidden: [16], seed: 1 });
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    await trainFlowMatching(field, lipmanPath(data, { sigmaMin: 0.1 }), {
      steps: 20,
      batchSize: 32,
      seed: 1,
      progressEvery: 10,
      onProgress: (p) => seen.push(p.step),
    });
    await trainFlowMatching(field, lipmanPath(data, { sigmaMin: 0.1 }), {
      steps: 5,
      batchSize: 16,
      seed: 1,
      coupling: "minibatch-ot",
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(seen).toEqual([10, 20]);
    const ctl = new AbortController();
    ctl.abort();
    await expect(trainFlowMatching(field, path, { steps: 5, seed: 1, signal: ctl.signal })).rejects.toThrow(
      /aborted/,
    );
    expect(tf.memory().numTensors).toBe(before);
    field.dispose();
  });
});
