import { describe, expect, it } from "vitest";
import { checkEntries, type HostileInputEntry as Entry } from "../../../tooling/vitest/hostile-input.js";
import {
  activeToProbabilities,
  alohaAverageAge,
  aogPolicy,
  expectedDistinctDeliveries,
  iidPartition,
  leastSquaresTrainer,
  quantile,
  runRachFl,
  selectTopK,
  topK,
} from "./index.js";

function trainerOptions() {
  const n = 8;
  const features = new Float64Array(2 * n).map((_, i) => Math.sin(i));
  const targets = new Float64Array(n).map((_, i) => Math.cos(i));
  return {
    features,
    targets,
    inputDim: 2,
    partition: [
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ],
    learningRate: 0.1,
    localSteps: 1,
  };
}

function config() {
  const trainer = leastSquaresTrainer(trainerOptions());
  return {
    users: 2,
    slotsPerFrame: 2,
    frames: 2,
    seed: 1,
    trainer,
    initialWeights: new Float64Array(trainer.dimension),
    policy: aogPolicy({ threshold: 0 }),
  };
}

const entries: Entry[] = [
  {
    name: "topK.compress",
    valid: () => [{ k: 2 }, Float64Array.of(1, -3, 2)],
    call: (a) => topK(a[0] as never).compress(a[1] as never),
  },
  {
    name: "selectTopK",
    valid: () => [Float64Array.of(1, -3, 2), 1],
    call: (a) => selectTopK(a[0] as never, a[1] as never),
  },
  { name: "quantile", valid: () => [[1, 2, 3], 0.5], call: (a) => quantile(a[0] as never, a[1] as never) },
  {
    name: "alohaAverageAge",
    valid: () => [4, 0.25],
    call: (a) => alohaAverageAge(a[0] as never, a[1] as never),
  },
  {
    name: "expectedDistinctDeliveries",
    valid: () => [[0.25, 0.25], 3, "keepContending"],
    call: (a) => expectedDistinctDeliveries(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "activeToProbabilities",
    valid: () => [[true, false], "countAware", "vanilla"],
    call: (a) => activeToProbabilities(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "iidPartition",
    valid: () => [{ samples: 10, users: 2, seed: 1 }],
    call: (a) => iidPartition(a[0] as never),
  },
  {
    name: "leastSquaresTrainer",
    valid: () => [trainerOptions()],
    call: (a) =>
      leastSquaresTrainer(a[0] as never).localUpdate(new Float64Array(2), 0, 0, undefined as never),
  },
  {
    name: "runRachFl",
    valid: () => [config()],
    call: async (a) => {
      const r = await runRachFl(a[0] as never);
      return r.finalWeights;
    },
    runs: 30,
  },
];

describe("fl-rach public entry points under hostile input (fast-check)", () => {
  it("throw a DescentError naming the parameter or return finite numbers", async () => {
    const { tried, problems } = await checkEntries(entries);
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(entries.length * 30);
  }, 60_000);
});
