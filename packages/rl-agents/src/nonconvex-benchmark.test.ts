import { describe, expect, it } from "vitest";
import { runSgdBenchmark, testFunctions } from "./nonconvex-benchmark.js";

/** Known minimisers (standard references of the test functions). */
const minimisers: Record<string, number[]> = {
  Rosenbrock: [1, 1],
  Rastrigin: [0, 0],
  Ackley: [0, 0],
  Beale: [3, 0.5],
  Himmelblau: [3, 2],
  "Styblinski-Tang": [-2.903534, -2.903534],
};

describe("non-convex SGD benchmark (docs/method.md §B.e B-R2)", () => {
  it("each loss is ~0 at its known minimiser and has zero gradient there", () => {
    for (const fn of testFunctions) {
      const x = Float64Array.from(minimisers[fn.name] as number[]);
      expect(fn.loss(x)).toBeLessThan(1e-9);
      const g = fn.gradient(x, new Float64Array(2));
      for (const v of g) expect(Math.abs(v)).toBeLessThan(1e-4);
    }
  });

  it("analytic gradients match central finite differences at the starting points", () => {
    for (const fn of testFunctions) {
      const x = Float64Array.from(fn.start).map((v) => v + 0.123);
      const g = fn.gradient(x, new Float64Array(2));
      for (let i = 0; i < 2; i++) {
        const h = 1e-6;
        const xp = Float64Array.from(x);
        const xm = Float64Array.from(x);
        xp[i] = (xp[i] as number) + h;
        xm[i] = (xm[i] as number) - h;
        const fd = (fn.loss(xp) - fn.loss(xm)) / (2 * h);
        expect(Math.abs(fd - (g[i] as number))).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it("the largest step size diverges alone except on Ackley (bounded gradient); the smallest does not", () => {
    for (const fn of testFunctions) {
      const largest = runSgdBenchmark({ fn, stepSize: fn.stepSizes[4] as number });
      expect(largest.diverged).toBe(fn.name !== "Ackley");
      expect(runSgdBenchmark({ fn, stepSize: fn.stepSizes[0] as number }).diverged).toBe(false);
    }
  });

  it("LRRL runs are deterministic per seed and record one probability vector per round", () => {
    const fn = testFunctions[4];
    if (fn === undefined) throw new Error("missing function");
    const a = runSgdBenchmark({ fn, bandit: { arms: [...fn.stepSizes], seed: 3 } });
    const b = runSgdBenchmark({ fn, bandit: { arms: [...fn.stepSizes], seed: 3 } });
    expect(a.losses).toEqual(b.losses);
    expect(a.probabilities).toHaveLength(50);
  });

  it("rejects missing or conflicting step-size options", () => {
    const fn = testFunctions[0];
    if (fn === undefined) throw new Error("missing function");
    expect(() => runSgdBenchmark({ fn })).toThrow(/stepSize/);
    expect(() => runSgdBenchmark({ fn, stepSize: 1, bandit: { arms: [1] } })).toThrow(/stepSize/);
    expect(() => runSgdBenchmark({ fn, stepSize: -1 })).toThrow(/stepSize/);
    expect(() => runSgdBenchmark({ fn, stepSize: 1, steps: 0 })).toThrow(/steps/);
  });
});
