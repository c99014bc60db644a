import { benchmarks } from "@descent/sabo";
import { describe, expect, it } from "vitest";
import { fullConvergence, startMean } from "./synthetic-convergence.js";

describe("e.1 synthetic convergence: start points", () => {
  it("no function's row starts at its optimum (Levy's optimum is x* = 1)", () => {
    for (const name of fullConvergence.functions) {
      const start = new Float64Array(fullConvergence.dim).fill(startMean(name));
      expect(benchmarks[name](start), name).toBeGreaterThan(1e-3);
    }
    expect(benchmarks.levy(new Float64Array(10).fill(1))).toBeLessThan(1e-12);
  });
});
