import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { fourWells2d } from "./anisotropic-wells.js";
import { independentPath } from "./conditional-path.js";
import { flowMatchingBatch } from "./flow-matching-batch.js";
import { hessianInformedPath, volumeMatchedEndTemperature } from "./hessian-informed-path.js";
import { hessianSpectra } from "./hessian-spectra.js";

describe("flowMatchingBatch", () => {
  const e = fourWells2d();
  const data = e.sample(64, new Rng(1));
  const spectra = hessianSpectra(e, data, { floor: 1, cap: 400 });
  const hifm = hessianInformedPath(data, spectra, {
    endTemperature: volumeMatchedEndTemperature(0.2, spectra),
  });

  it("is bit-identical for the same seed and returns float32 rows of the path's flow map", () => {
    const a = flowMatchingBatch(hifm, 32, new Rng(5));
    const b = flowMatchingBatch(hifm, 32, new Rng(5));
    expect(a.xt).toEqual(b.xt);
    expect(a.target).toEqual(b.target);
    expect(a.xt.length).toBe(64);
    for (const tb of a.t) expect(tb).toBeLessThan(1);
  });

  it("minibatch OT lowers the transport cost Σ‖x_0 − x_1‖² of the pairs relative to the independent coupling", () => {
    const path = independentPath(data);
    const cost = (coupling: "independent" | "minibatch-ot") => {
      const batch = flowMatchingBatch(path, 64, new Rng(2), { coupling, tMax: 0 });
      // at t = 0: x_t = x_0 and target = x_1 − x_0
      let s = 0;
      for (const v of batch.target) s += v * v;
      return s;
    };
    expect(cost("minibatch-ot")).toBeLessThan(0.8 * cost("independent"));
  });

  it("rejects a zero batch size and an unknown coupling", () => {
    expect(() => flowMatchingBatch(hifm, 0, new Rng(1))).toThrow(/batchSize/);
    // @ts-expect-error invalid on purpose
    expect(() => flowMatchingBatch(hifm, 2, new Rng(1), { coupling: "sinkhorn" })).toThrow(/coupling/);
  });
});
