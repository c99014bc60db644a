import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { leastSquaresTrainer } from "./least-squares-trainer.js";
import { counterRng } from "./random-source.js";

const features = Float64Array.from([1, 0, 0, 1]);
const targets = Float64Array.from([2, 4]);
const partition = [[0, 1]];

describe("leastSquaresTrainer", () => {
  it("one full-batch step from w = 0 is η·mean(yᵢxᵢ) (hand computation: 0.1·(2, 4)/2 = (0.1, 0.2))", async () => {
    const trainer = leastSquaresTrainer({ features, targets, inputDim: 2, partition, learningRate: 0.1 });
    const delta = await trainer.localUpdate(new Float64Array(2), 0, 0, counterRng(1));
    expect(delta[0]).toBeCloseTo(0.1, 15);
    expect(delta[1]).toBeCloseTo(0.2, 15);
  });

  it("rejects wrong shapes, NaN, bad partitions and non-positive step sizes, naming the parameter", () => {
    const ok = { features, targets, inputDim: 2, partition };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ inputDim: 3 }, "features"],
      [{ inputDim: 0 }, "inputDim"],
      [{ features: [1, 0, 0, 1] }, "features"],
      [{ targets: [2, 4] }, "targets"],
      [{ features: Float64Array.from([1, Number.NaN, 0, 1]) }, "features"],
      [{ targets: Float64Array.from([2, Number.POSITIVE_INFINITY]) }, "targets"],
      [{ partition: [[0, 2]] }, "partition"],
      [{ learningRate: 0 }, "learningRate"],
      [{ learningRate: -0.1 }, "learningRate"],
      [{ localSteps: 0 }, "localSteps"],
      [{ batchSize: 0 }, "batchSize"],
    ];
    for (const [override, parameter] of cases) {
      let error: unknown;
      try {
        leastSquaresTrainer({ ...ok, ...override } as never);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(override)).toBeInstanceOf(DescentError);
      expect((error as DescentError).parameter, JSON.stringify(override)).toMatch(
        new RegExp(`^${parameter}`),
      );
    }
  });
});
