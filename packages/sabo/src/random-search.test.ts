import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { minimize } from "./minimize.js";
import { RandomSearch } from "./random-search.js";

const sphere = (x: Float64Array) => x.reduce((a, v) => a + v * v, 0);

describe("RandomSearch", () => {
  it("recommends the best queried point", async () => {
    const run = await minimize(sphere, new RandomSearch({ dim: 3, seed: 4 }), { maxEvaluations: 400 });
    expect(sphere(run.x)).toBe(run.best.value);
    expect(run.iterations).toBe(20);
  });
  it("'best' centring improves on pure random search on a shifted sphere", async () => {
    const f = (x: Float64Array) => x.reduce((a, v) => a + (v - 3) ** 2, 0);
    const pure = await minimize(f, new RandomSearch({ dim: 5, seed: 1, sigma0: 0.5 }), {
      maxEvaluations: 4000,
    });
    const local = await minimize(f, new RandomSearch({ dim: 5, seed: 1, sigma0: 0.5, center: "best" }), {
      maxEvaluations: 4000,
    });
    expect(local.best.value).toBeLessThan(pure.best.value);
  });
  it.each([
    [{ dim: 2, populationSize: 0 }, /populationSize/],
    [{ dim: 2, sigma0: 0 }, /sigma0/],
    [{ dim: 2, center: "mean" }, /center/],
  ] as const)("rejects %o", (options, pattern) => {
    expect(() => new RandomSearch(options as never)).toThrow(DescentError);
    expect(() => new RandomSearch(options as never)).toThrow(pattern);
  });
});
