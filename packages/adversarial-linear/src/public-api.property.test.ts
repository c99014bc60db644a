import { describe, expect, it } from "vitest";
import { checkEntries, type HostileInputEntry as Entry } from "../../../tooling/vitest/hostile-input.js";
import {
  AdversarialRegressor,
  classificationRisk,
  defaultRadius,
  fitAdversarialClassifier,
  fitAdversarialRegression,
  fitRegressionSubgradient,
  gaussian,
  predictProba,
  projectDualNormCone,
  regressionRisk,
  zeroRadius,
} from "./index.js";

const X = () => [
  [1, 0.5],
  [-0.3, 1],
  [0.2, -1],
  [1, 1],
];
const y = () => [1, -0.5, 0.3, 2];
const labels = () => [1, -1, -1, 1];

const entries: Entry[] = [
  {
    name: "fitAdversarialRegression",
    valid: () => [X(), y(), { attack: "linf", delta: 0.1, maxIter: 20 }],
    call: (a) => fitAdversarialRegression(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "fitAdversarialClassifier",
    valid: () => [X(), labels(), { attack: "l2", delta: 0.1, maxIter: 20 }],
    call: (a) => fitAdversarialClassifier(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "fitRegressionSubgradient",
    valid: () => [X(), y(), { delta: 0.1, steps: 20 }],
    call: (a) => fitRegressionSubgradient(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "regressionRisk",
    valid: () => [X(), y(), [0.1, 0.2], 0.1, "l2"],
    call: (a) => regressionRisk(a[0] as never, a[1] as never, a[2] as never, a[3] as never, a[4] as never),
  },
  {
    name: "classificationRisk",
    valid: () => [X(), labels(), [0.1, 0.2], 0.1, "linf"],
    call: (a) =>
      classificationRisk(a[0] as never, a[1] as never, a[2] as never, a[3] as never, a[4] as never),
  },
  {
    name: "defaultRadius",
    valid: () => [X(), "l2", { draws: 10 }],
    call: (a) => defaultRadius(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "zeroRadius",
    valid: () => [X(), y(), "linf", "regression"],
    call: (a) => zeroRadius(a[0] as never, a[1] as never, a[2] as never, a[3] as never),
  },
  {
    name: "predictProba",
    valid: () => [X(), [0.5, -0.5]],
    call: (a) => predictProba(a[0] as never, a[1] as never),
  },
  {
    name: "projectDualNormCone",
    valid: () => [[0.5, -1], 0.1, "linf", 0.5, 1],
    call: (a) =>
      projectDualNormCone(a[0] as never, a[1] as never, a[2] as never, a[3] as never, a[4] as never),
  },
  {
    name: "gaussian",
    valid: () => [5, 2, { seed: 1 }],
    call: (a) => gaussian(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "AdversarialRegressor",
    valid: () => [{ delta: 0.1, maxIter: 10 }, X(), y()],
    call: (a) =>
      new AdversarialRegressor(a[0] as never).fit(a[1] as never, a[2] as never).predict(a[1] as never),
  },
];

describe("adversarial-linear public entry points under hostile input (fast-check)", () => {
  it("throw a DescentError naming the parameter or return finite numbers", async () => {
    const { tried, problems } = await checkEntries(entries);
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(entries.length * 40);
  }, 60_000);
});
