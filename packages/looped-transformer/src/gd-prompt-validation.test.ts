import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { gdWeightsResidual } from "./constructions.js";
import { evaluateGd, evaluateLsa } from "./evaluate.js";
import { gdBestStep } from "./gd-best-step.js";
import { type RegressionPrompt, samplePrompt } from "./prompt.js";

function parameterOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof DescentError) return e.parameter;
    throw e;
  }
  return undefined;
}

describe("the GD evaluators check prompts like the LSA evaluator does", () => {
  const good = samplePrompt({ d: 3, n: 8, seed: 1 });
  const withNaN: RegressionPrompt = {
    ...good,
    y: Float64Array.from(good.y, (v, i) => (i === 2 ? Number.NaN : v)),
  };
  const shortY: RegressionPrompt = { ...good, y: good.y.slice(0, 5) };

  it("evaluateGd rejects a NaN in y and a short y, naming the prompt's field", () => {
    expect(parameterOf(() => evaluateGd([good, withNaN], { loops: 3, eta: 0.5 }))).toBe("prompts[1].y");
    expect(parameterOf(() => evaluateGd([shortY], { loops: 3, eta: 0.5 }))).toBe("prompts[0].y");
  });

  it("gdBestStep rejects them too instead of returning a made-up step", () => {
    expect(parameterOf(() => gdBestStep([withNaN], { loops: 2 }))).toBe("prompts[0].y");
    expect(parameterOf(() => gdBestStep([good, shortY], { loops: 2 }))).toBe("prompts[1].y");
  });

  it("evaluateLsa rejects the same prompt, and good prompts still give finite errors", () => {
    expect(() => evaluateLsa([gdWeightsResidual(3, 0.5)], [withNaN], { loops: 1 })).toThrow(DescentError);
    expect(Number.isFinite(evaluateGd([good], { loops: 3, eta: 0.5 }).mse)).toBe(true);
  });
});
