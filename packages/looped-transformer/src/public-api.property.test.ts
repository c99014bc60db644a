import { describe, expect, it } from "vitest";
import { checkEntries, type HostileInputEntry as Entry } from "../../../tooling/vitest/hostile-input.js";
import {
  conditionNumber,
  errorBound,
  evaluateGd,
  gd,
  gdBestStep,
  gdStepsToTolerance,
  gdWeightsResidual,
  olsWeights,
  predictQuery,
  ridgeWeights,
  samplePrompt,
  samplePrompts,
  trainLooped,
} from "./index.js";

const prompt = () => samplePrompt({ d: 2, n: 6, seed: 1 });

const entries: Entry[] = [
  { name: "samplePrompt", valid: () => [{ d: 2, n: 4, seed: 1 }], call: (a) => samplePrompt(a[0] as never) },
  {
    name: "samplePrompts",
    valid: () => [{ d: 2, n: 4, count: 2, seed: 1 }],
    call: (a) => samplePrompts(a[0] as never),
  },
  {
    name: "gd",
    valid: () => [prompt(), { steps: 3, eta: 0.5 }],
    call: (a) => gd(a[0] as never, a[1] as never),
  },
  {
    name: "gdStepsToTolerance",
    valid: () => [prompt(), { eta: 0.5, maxSteps: 50 }],
    // Infinity is the documented "tolerance not reached within maxSteps" answer
    call: (a) => {
      const steps = gdStepsToTolerance(a[0] as never, a[1] as never);
      return steps === Number.POSITIVE_INFINITY ? -1 : steps;
    },
  },
  {
    name: "predictQuery",
    valid: () => [prompt(), Float64Array.of(1, 2)],
    call: (a) => predictQuery(a[0] as never, a[1] as never),
  },
  {
    name: "ridgeWeights",
    valid: () => [prompt(), 0.1],
    call: (a) => ridgeWeights(a[0] as never, a[1] as never),
  },
  { name: "olsWeights", valid: () => [prompt()], call: (a) => olsWeights(a[0] as never) },
  {
    name: "evaluateGd",
    valid: () => [[prompt()], { loops: 2, eta: 0.5 }],
    call: (a) => evaluateGd(a[0] as never, a[1] as never).mse,
  },
  {
    name: "gdBestStep",
    valid: () => [[prompt()], { loops: 2, gridPoints: 5 }],
    call: (a) => gdBestStep(a[0] as never, a[1] as never),
  },
  {
    name: "errorBound",
    valid: () => [4, 3, "optimal"],
    call: (a) => errorBound(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "conditionNumber",
    valid: () => [prompt().X],
    // kappa = Infinity is the documented answer for a rank-deficient X; the eigenvalues must be finite
    call: (a) => {
      const { lambdaMax, lambdaMin } = conditionNumber(a[0] as never);
      return [lambdaMax, lambdaMin];
    },
  },
  {
    name: "gdWeightsResidual",
    valid: () => [2, 0.5],
    call: (a) => gdWeightsResidual(a[0] as never, a[1] as never),
  },
  {
    name: "trainLooped",
    valid: () => [{ d: 2, n: 4, loops: 2, steps: 2, batch: 2, seed: 1 }],
    call: (a) => trainLooped(a[0] as never).history,
    runs: 25,
  },
];

describe("looped-transformer public entry points under hostile input (fast-check)", () => {
  it("throw a DescentError naming the parameter or return finite numbers", async () => {
    const { tried, problems } = await checkEntries(entries);
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(entries.length * 25);
  }, 60_000);
});
