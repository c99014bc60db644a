import { type Matrix64, matrix64, Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import type { LsaWeights } from "./lsa.js";
import { embeddingWidth, type LsaTask, lsaLossAndGradient } from "./lsa-gradient.js";
import { samplePrompts } from "./prompt.js";

function randomLayer(D: number, rng: Rng, std: number): LsaWeights {
  return {
    P: matrix64(D, D, rng.normalArray(D * D, 0, std)),
    Q: matrix64(D, D, rng.normalArray(D * D, 0, std)),
  };
}

/** Central differences (h = 1e-6) against the manual backward pass (docs/method.md §f.6). */
function gradientCheck(
  task: LsaTask,
  layerCount: number,
  loops: number,
): { maxAbs: number; maxGrad: number; maxRel: number } {
  const d = 5;
  const D = embeddingWidth(task, d);
  const rng = new Rng(99);
  const layers = Array.from({ length: layerCount }, () => randomLayer(D, rng, 0.1));
  const prompts = samplePrompts({ d, n: 20, count: 4, seed: 5 });
  const g = lsaLossAndGradient(layers, prompts, loops, task);
  const h = 1e-6;
  let maxAbs = 0;
  let maxGrad = 0;
  const pairs: [number, number][] = [];
  for (let l = 0; l < layerCount; l++) {
    for (const which of ["P", "Q"] as const) {
      const M = (layers[l] as LsaWeights)[which];
      const G = (which === "P" ? g.gradP[l] : g.gradQ[l]) as Matrix64;
      for (let i = 0; i < M.data.length; i++) {
        const v = M.data[i] as number;
        M.data[i] = v + h;
        const up = lsaLossAndGradient(layers, prompts, loops, task).loss;
        M.data[i] = v - h;
        const dn = lsaLossAndGradient(layers, prompts, loops, task).loss;
        M.data[i] = v;
        const num = (up - dn) / (2 * h);
        const ana = G.data[i] as number;
        maxAbs = Math.max(maxAbs, Math.abs(num - ana));
        maxGrad = Math.max(maxGrad, Math.abs(ana));
        pairs.push([num, ana]);
      }
    }
  }
  let maxRel = 0;
  for (const [num, ana] of pairs) {
    if (Math.abs(ana) > 1e-3 * maxGrad) maxRel = Math.max(maxRel, Math.abs(num - ana) / Math.abs(ana));
  }
  return { maxAbs, maxGrad, maxRel };
}

describe("docs/method.md §f.6: manual backward pass against central differences", () => {
  it("looped, prediction, T = 5, d = 5, n = 20, batch 4: max error ≤ 1e-7·max|grad|, rel < 1e-5", () => {
    const r = gradientCheck("prediction", 1, 5);
    expect(r.maxGrad).toBeGreaterThan(0);
    expect(r.maxAbs).toBeLessThanOrEqual(1e-7 * r.maxGrad);
    expect(r.maxRel).toBeLessThan(1e-5);
  });
  it("stacked (3 layers), prediction: same tolerances", () => {
    const r = gradientCheck("prediction", 3, 3);
    expect(r.maxAbs).toBeLessThanOrEqual(1e-7 * r.maxGrad);
    expect(r.maxRel).toBeLessThan(1e-5);
  });
  it("looped, vector generation (construction C layout), T = 3: same tolerances", () => {
    const r = gradientCheck("vector", 1, 3);
    expect(r.maxAbs).toBeLessThanOrEqual(1e-7 * r.maxGrad);
    expect(r.maxRel).toBeLessThan(1e-5);
  });
});

describe("lsaLossAndGradient input validation", () => {
  const prompts = samplePrompts({ d: 2, n: 4, count: 2, seed: 1 });
  const layer = randomLayer(3, new Rng(1), 0.1);
  it("rejects a layer count that is neither 1 nor loops", () => {
    expect(() => lsaLossAndGradient([layer, layer], prompts, 3)).toThrow(/layers must hold 1/);
  });
  it("rejects an empty batch", () => {
    expect(() => lsaLossAndGradient([layer], [], 1)).toThrow(/prompts must not be empty/);
  });
  it("rejects an unknown task", () => {
    expect(() => lsaLossAndGradient([layer], prompts, 1, "classify" as LsaTask)).toThrow(
      /task must be one of/,
    );
  });
});
