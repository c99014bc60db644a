import { describe, expect, it } from "vitest";
import { balancedMetric, learnH, learnSubspace, samplePoints, sectionBasis } from "./index.js";

const failure = () => {
  throw new Error("user code failed");
};

describe("a throwing onProgress stops a run with the user's error (no half-updated result is returned)", () => {
  const cloud = samplePoints({ psi: 0, nPoints: 300, seed: 1 });
  const basis = sectionBasis(2);

  it("balancedMetric, learnH and learnSubspace (methods A and B) rethrow it", () => {
    expect(() => balancedMetric(cloud, basis, { iterations: 3, onProgress: failure })).toThrow(
      "user code failed",
    );
    expect(() => learnH(cloud, basis, { steps: 2, onProgress: failure })).toThrow("user code failed");
    for (const method of ["A", "B"] as const) {
      expect(() =>
        learnSubspace(cloud, basis, {
          method,
          m: 8,
          seed: 1,
          steps: 2,
          unrolledTSteps: 1,
          onProgress: failure,
        }),
      ).toThrow("user code failed");
    }
  });

  it("a callback of the wrong type is rejected before the run, naming it", () => {
    expect(() => balancedMetric(cloud, basis, { onProgress: 3 } as never)).toThrow(/onProgress/);
    expect(() => learnH(cloud, basis, { signal: {} } as never)).toThrow(/signal/);
  });
});
