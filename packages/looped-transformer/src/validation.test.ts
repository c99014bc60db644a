import { DescentError, matrix64 } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { Adam, clipGlobalNorm } from "./adam.js";
import { conditionNumber } from "./condition-number.js";
import { gdWeightsWeightToken, vonOswaldLayer } from "./constructions.js";
import { embedWeightToken, readWeights } from "./embedding.js";
import { summarizeErrors } from "./evaluate.js";
import { predictQuery } from "./gradient-descent.js";
import { loopedForward } from "./lsa.js";
import { samplePrompt } from "./prompt.js";

const expectParameter = (f: () => unknown, parameter: string): void => {
  try {
    f();
    expect.unreachable();
  } catch (e) {
    expect(e).toBeInstanceOf(DescentError);
    expect((e as DescentError).parameter).toBe(parameter);
  }
};

describe("input validation of the remaining entry points (each error names its parameter)", () => {
  const p = samplePrompt({ d: 3, n: 6, seed: 1 });
  it("conditionNumber rejects NaN entries and an empty matrix", () => {
    expectParameter(() => conditionNumber(matrix64(2, 2, Float64Array.from([1, Number.NaN, 0, 1]))), "X");
    expectParameter(() => conditionNumber(matrix64(0, 2)), "X");
  });
  it("embedWeightToken rejects a w0 of the wrong length; readWeights a Z of the wrong height", () => {
    expectParameter(() => embedWeightToken(p, new Float64Array(2)), "w0");
    expectParameter(() => readWeights(matrix64(5, 7), 3), "Z");
  });
  it("vonOswaldLayer rejects η ≤ 0, a non-finite γ and d = 0", () => {
    expectParameter(() => vonOswaldLayer(3, 0), "eta");
    expectParameter(() => vonOswaldLayer(3, 0.1, { gamma: Number.NaN }), "gamma");
    expectParameter(() => vonOswaldLayer(0, 0.1), "d");
  });
  it("gdWeightsWeightToken rejects a preconditioner with NaN", () => {
    expectParameter(
      () => gdWeightsWeightToken(2, matrix64(2, 2, Float64Array.from([1, 0, Number.NaN, 1]))),
      "eta",
    );
  });
  it("loopedForward rejects a negative or fractional loop count", () => {
    expectParameter(() => loopedForward(embedWeightToken(p), gdWeightsWeightToken(3, 0.1), -1), "loops");
    expectParameter(() => loopedForward(embedWeightToken(p), gdWeightsWeightToken(3, 0.1), 1.5), "loops");
  });
  it("Adam rejects a non-positive step, β outside [0, 1) and ε ≤ 0", () => {
    expectParameter(() => new Adam(3, { learningRate: 0 }), "learningRate");
    expectParameter(() => new Adam(3, { learningRate: 0.1, beta1: 1 }), "beta1");
    expectParameter(() => new Adam(3, { learningRate: 0.1, beta2: -0.1 }), "beta2");
    expectParameter(() => new Adam(3, { learningRate: 0.1, epsilon: 0 }), "epsilon");
  });
  it("Adam's first step moves every coordinate by the step size against the gradient sign (bias correction)", () => {
    const theta = Float64Array.from([1, -2, 3]);
    new Adam(3, { learningRate: 0.1 }).step(theta, Float64Array.from([5, -0.01, 2]));
    expect(theta[0]).toBeCloseTo(0.9, 6);
    expect(theta[1]).toBeCloseTo(-1.9, 4);
    expect(theta[2]).toBeCloseTo(2.9, 6);
  });
  it("predictQuery rejects a weight vector of the wrong length", () => {
    expectParameter(() => predictQuery(p, new Float64Array(2)), "w");
  });
  it("summarizeErrors rejects an empty error array", () => {
    expectParameter(() => summarizeErrors(new Float64Array(0)), "perPrompt");
  });
  it("clipGlobalNorm rejects maxNorm ≤ 0 and NaN, accepts Infinity (no clipping)", () => {
    expectParameter(() => clipGlobalNorm(Float64Array.from([3, 4]), 0), "maxNorm");
    expectParameter(() => clipGlobalNorm(Float64Array.from([3, 4]), -1), "maxNorm");
    expectParameter(() => clipGlobalNorm(Float64Array.from([3, 4]), Number.NaN), "maxNorm");
    const g = Float64Array.from([3, 4]);
    expect(clipGlobalNorm(g, Number.POSITIVE_INFINITY)).toBe(5);
    expect(Array.from(g)).toEqual([3, 4]);
  });
});
