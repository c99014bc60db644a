import { type Matrix64, matrix64, Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { residualPreconditioner, weightTokenPreconditioner } from "./constructions.js";
import { lsaLossAndGradient } from "./lsa-gradient.js";
import { samplePrompts } from "./prompt.js";
import { sparseLossAndGradient } from "./sparse-gradient.js";
import { sparseWeights } from "./train-looped.js";

describe("sparseLossAndGradient (reduced recursion) equals the full LSA backward pass restricted to A", () => {
  it.each([
    ["prediction", 1],
    ["prediction", 4],
    ["vector", 1],
    ["vector", 4],
  ] as const)("%s, %i distinct layer(s), T = 4: loss and ∂A agree to 1e-10 relative", (task, layerCount) => {
    const d = 4;
    const loops = 4;
    const rng = new Rng(3);
    const As = Array.from({ length: layerCount }, () => matrix64(d, d, rng.normalArray(d * d, 0, 0.2)));
    for (const A of As) for (let i = 0; i < d; i++) A.data[i * d + i] = (A.data[i * d + i] as number) + 0.5;
    const prompts = samplePrompts({ d, n: 10, count: 5, seed: 8 });
    const fast = sparseLossAndGradient(As, prompts, loops, task);
    const full = lsaLossAndGradient(
      As.map((A) => sparseWeights(task, d, A)),
      prompts,
      loops,
      task,
    );
    expect(Math.abs(fast.loss / full.loss - 1)).toBeLessThan(1e-10);
    As.forEach((_, l) => {
      const ref =
        task === "prediction"
          ? residualPreconditioner({ P: full.gradP[l] as Matrix64, Q: full.gradQ[l] as Matrix64 }, d)
          : weightTokenPreconditioner({ P: full.gradP[l] as Matrix64, Q: full.gradQ[l] as Matrix64 }, d);
      let maxDiff = 0;
      let maxRef = 0;
      for (let i = 0; i < d * d; i++) {
        maxDiff = Math.max(maxDiff, Math.abs((fast.gradA[l]?.data[i] as number) - (ref.data[i] as number)));
        maxRef = Math.max(maxRef, Math.abs(ref.data[i] as number));
      }
      expect(maxRef).toBeGreaterThan(0);
      expect(maxDiff / maxRef).toBeLessThan(1e-10);
    });
  });
  it("rejects a wrong number of preconditioners and an empty batch", () => {
    const A = matrix64(2, 2);
    const ps = samplePrompts({ d: 2, n: 4, count: 2, seed: 1 });
    expect(() => sparseLossAndGradient([A, A], ps, 3)).toThrow(/preconditioners must hold/);
    expect(() => sparseLossAndGradient([A], [], 1)).toThrow(/prompts must not be empty/);
  });
});
