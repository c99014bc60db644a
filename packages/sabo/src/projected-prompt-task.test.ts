import { describe, expect, it } from "vitest";
import { tuneWithDevSelection } from "./dev-selected-tuning.js";
import { Ingo } from "./ingo.js";
import { projectedPromptTask } from "./projected-prompt-task.js";
import { RandomProjection } from "./random-projection.js";
import { Sabo } from "./sabo.js";

describe("RandomProjection", () => {
  it("maps z to offset + A z with N(0, 1/d) entries and is seeded", () => {
    const p = new RandomProjection({
      inputDim: 50,
      outputDim: 400,
      seed: 2,
      offset: new Float64Array(400).fill(1),
    });
    const z = new Float64Array(50);
    expect(Array.from(p.apply(z))).toEqual(new Array(400).fill(1));
    const var_ = p.matrix.reduce((a, v) => a + v * v, 0) / p.matrix.length;
    expect(var_).toBeGreaterThan(0.9 / 50);
    expect(var_).toBeLessThan(1.1 / 50);
    z[3] = 2;
    const y = p.apply(z);
    expect(y[7]).toBeCloseTo(1 + 2 * (p.matrix[7 * 50 + 3] as number), 14);
    expect(Array.from(new RandomProjection({ inputDim: 5, outputDim: 3, seed: 2 }).matrix)).toEqual(
      Array.from(new RandomProjection({ inputDim: 5, outputDim: 3, seed: 2 }).matrix),
    );
  });
  it("rejects bad sizes, offsets and inputs", () => {
    expect(() => new RandomProjection({ inputDim: 0, outputDim: 3 })).toThrow(/inputDim/);
    expect(() => new RandomProjection({ inputDim: 2, outputDim: 3, std: 0 })).toThrow(/std/);
    expect(() => new RandomProjection({ inputDim: 2, outputDim: 3, offset: [1] })).toThrow(/offset/);
    expect(() => new RandomProjection({ inputDim: 2, outputDim: 3 }).apply([1])).toThrow(
      /z must have length 2/,
    );
  });
});

describe("projectedPromptTask (docs/method.md §e.3)", () => {
  const task = projectedPromptTask({ seed: 1, testSize: 400 });
  it("has the protocol's sizes: 16 shots × 4 classes, d = 200, head 64 × 4", () => {
    expect(task.splits.train.size).toBe(64);
    expect(task.splits.dev.size).toBe(64);
    expect(task.splits.test.size).toBe(400);
    expect(task.dim).toBe(200);
    expect(task.projection.outputDim).toBe(256);
  });
  it("z = 0 gives uniform logits: cross-entropy ln 4", () => {
    expect(task.train(new Float64Array(200))).toBeCloseTo(Math.log(4), 14);
  });
  it("SABO lowers the training cross-entropy and raises accuracy above chance within 2,000 queries", async () => {
    const opt = new Sabo({ dim: task.dim, rho: 3, seed: 0 });
    const run = await tuneWithDevSelection({
      optimizer: opt,
      objective: (z) => task.train(z),
      devScore: (z) => task.accuracy(z, "dev"),
      maxEvaluations: 2000,
    });
    expect(task.train(run.final)).toBeLessThan(0.8 * Math.log(4));
    expect(task.accuracy(run.selected, "test")).toBeGreaterThan(0.35);
    expect(run.checks.length).toBe(21);
    expect(run.evaluations).toBe(2000);
    const bestCheck = Math.max(...run.checks.map((c) => c.devScore));
    expect(run.selectedDevScore).toBe(bestCheck);
    expect(task.accuracy(run.selected, "dev")).toBe(bestCheck);
  });
  it("dev selection accepts a batch objective and the best-queried candidate", async () => {
    const run = await tuneWithDevSelection({
      optimizer: new Ingo({ dim: task.dim, seed: 2 }),
      objective: (zs) => zs.map((z) => task.train(z)),
      batch: true,
      devScore: (z) => -task.crossEntropy(z, "dev"),
      candidate: "best",
      maxEvaluations: 400,
    });
    expect(run.evaluations).toBe(400);
    expect(run.checks).toHaveLength(5);
    expect(run.selectedDevScore).toBe(Math.max(...run.checks.map((c) => c.devScore)));
  });
  it("dev selection rejects bad options", async () => {
    const optimizer = new Ingo({ dim: 2 });
    const f = () => 0;
    await expect(tuneWithDevSelection({ optimizer, objective: f, devScore: 1 as never })).rejects.toThrow(
      /devScore/,
    );
    await expect(tuneWithDevSelection({ optimizer, objective: f, devScore: f, devEvery: 0 })).rejects.toThrow(
      /devEvery/,
    );
    await expect(
      tuneWithDevSelection({ optimizer, objective: f, devScore: f, candidate: "x" as never }),
    ).rejects.toThrow(/candidate/);
    await expect(
      tuneWithDevSelection({ optimizer, objective: f, devScore: () => Number.NaN }),
    ).rejects.toThrow(/devScore/);
  });
  it("validates the task options", () => {
    expect(() => projectedPromptTask({ seed: 1, classes: 1 })).toThrow(/classes/);
    expect(() => projectedPromptTask({ seed: 1, noiseStd: 0 })).toThrow(/noiseStd/);
  });
});
