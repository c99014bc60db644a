import { describe, expect, it } from "vitest";
import { checkEntries, type HostileInputEntry as Entry } from "../../../tooling/vitest/hostile-input.js";
import {
  Bes,
  CmaEs,
  cmaEsParameters,
  ellipsoid,
  Ingo,
  Mmes,
  minimize,
  RandomSearch,
  Sabo,
  shapeFitness,
} from "./index.js";

const budget = { maxEvaluations: 200 };
const run = async (optimizer: unknown, options: unknown = budget) => {
  const r = await minimize(ellipsoid, optimizer as never, options as never);
  return { best: r.best.value, point: r.best.x, evaluations: r.evaluations };
};

const entries: Entry[] = [
  {
    name: "Sabo",
    valid: () => [{ dim: 3, mean0: 1, populationSize: 6, seed: 1 }],
    call: (a) => run(new Sabo(a[0] as never)),
  },
  {
    name: "Ingo",
    valid: () => [{ dim: 3, mean0: 1, populationSize: 6, seed: 1 }],
    call: (a) => run(new Ingo(a[0] as never)),
  },
  { name: "CmaEs", valid: () => [{ dim: 3, mean0: 1, seed: 1 }], call: (a) => run(new CmaEs(a[0] as never)) },
  {
    name: "cmaEsParameters",
    valid: () => [3, 6, false, "active"],
    call: (a) => cmaEsParameters(a[0] as never, a[1] as never, a[2] as never, a[3] as never),
  },
  { name: "Mmes", valid: () => [{ dim: 3, mean0: 1, seed: 1 }], call: (a) => run(new Mmes(a[0] as never)) },
  {
    name: "Bes",
    valid: () => [{ dim: 3, mean0: 1, directions: 4, smoothing: 0.1, learningRate: 0.01, seed: 1 }],
    call: (a) => run(new Bes(a[0] as never)),
  },
  {
    name: "RandomSearch",
    valid: () => [{ dim: 3, seed: 1 }],
    call: (a) => run(new RandomSearch(a[0] as never)),
  },
  {
    name: "minimize",
    valid: () => [{ maxEvaluations: 100, targetValue: 1e-3 }],
    call: (a) => run(new CmaEs({ dim: 2, mean0: 1, seed: 1 }), a[0]),
  },
  {
    name: "shapeFitness",
    valid: () => [Float64Array.of(3, 1, 2), "standardize"],
    call: (a) => shapeFitness(a[0] as never, a[1] as never),
  },
];

describe("sabo public entry points under hostile input (fast-check)", () => {
  it("throw a DescentError naming the parameter or return finite numbers", async () => {
    const { tried, problems } = await checkEntries(entries);
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(entries.length * 40);
  }, 60_000);
});
