import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { ellipsoid } from "./benchmarks.js";
import { CmaEs, cmaDefaultPopulation, cmaEsParameters } from "./cma-es.js";
import { minimize } from "./minimize.js";

const sphere = (x: Float64Array) => x.reduce((a, v) => a + v * v, 0);

describe("CMA-ES default parameters (Hansen's tutorial, arXiv:1604.00772, Table 1)", () => {
  it("d = 10: λ = 10, μ = 5, weights sum to 1 and decrease, μ_eff ≈ 3.17", () => {
    expect(cmaDefaultPopulation(10)).toBe(10);
    const p = cmaEsParameters(10, 10, false);
    expect(p.mu).toBe(5);
    expect(p.weights.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 14);
    for (let i = 1; i < p.mu; i++) expect(p.weights[i]).toBeLessThan(p.weights[i - 1] as number);
    // μ_eff for λ = 10 with log weights: 3.1672 (value tabulated in pycma's defaults for n = 10)
    expect(p.muEff).toBeCloseTo(3.1672, 3);
    expect(p.chiD).toBeCloseTo(Math.sqrt(10) * (1 - 1 / 40 + 1 / 2100), 14);
    expect(p.c1 + p.cMu).toBeLessThanOrEqual(1);
  });
  it("sep-CMA-ES multiplies c_1 and c_μ by (d+2)/3 while keeping c_1 + c_μ ≤ 1", () => {
    const full = cmaEsParameters(50, 20, false);
    const sep = cmaEsParameters(50, 20, true);
    expect(sep.c1).toBeCloseTo(full.c1 * (52 / 3), 14);
    expect(sep.cMu).toBeCloseTo(full.cMu * (52 / 3), 14);
    const tiny = cmaEsParameters(2, 20, true);
    expect(tiny.c1 + tiny.cMu).toBeLessThanOrEqual(1 + 1e-15);
  });
});

describe("CMA-ES convergence (docs/method.md §f.8)", () => {
  it("sep-CMA-ES reaches < 1e-8 on the 20-d ellipsoid within 10,000 evaluations", async () => {
    const run = await minimize(ellipsoid, new CmaEs({ dim: 20, mean0: 1, separable: true, seed: 1 }), {
      maxEvaluations: 10_000,
      targetValue: 1e-8,
    });
    expect(run.stopReason).toBe("targetValue");
    expect(run.best.value).toBeLessThan(1e-8);
  });
  it("sep-CMA-ES with default λ reaches < 1e-10 on the 10-d sphere within 2,500 evaluations", async () => {
    const run = await minimize(sphere, new CmaEs({ dim: 10, mean0: 1, separable: true, seed: 2 }), {
      maxEvaluations: 2500,
      targetValue: 1e-10,
    });
    expect(run.best.value).toBeLessThan(1e-10);
  });
  it("full CMA-ES with default λ = 10 reaches best < 1e-10 on the 10-d sphere within 2,500 evaluations", async () => {
    const run = await minimize(sphere, new CmaEs({ dim: 10, mean0: 1, seed: 1 }), {
      maxEvaluations: 2500,
      targetValue: 1e-10,
    });
    expect(run.stopReason).toBe("targetValue");
  });
  it("full CMA-ES reaches < 1e-8 on the 20-d ellipsoid (docs/method.md §f.8: about 18,000 evaluations) within 25,000", async () => {
    const run = await minimize(ellipsoid, new CmaEs({ dim: 20, mean0: 1, seed: 1 }), {
      maxEvaluations: 25_000,
      targetValue: 1e-8,
    });
    expect(run.stopReason).toBe("targetValue");
    // and needs clearly more evaluations than sep-CMA-ES on this separable function
    const sep = await minimize(ellipsoid, new CmaEs({ dim: 20, mean0: 1, seed: 1, separable: true }), {
      maxEvaluations: 25_000,
      targetValue: 1e-8,
    });
    expect(sep.evaluations).toBeLessThan(run.evaluations);
  });
  it("is reproducible from its seed", async () => {
    const go = () =>
      minimize(sphere, new CmaEs({ dim: 5, mean0: 1, separable: true, seed: 9 }), { maxEvaluations: 500 });
    const [a, b] = await Promise.all([go(), go()]);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
  });
});

describe("CmaEs input validation", () => {
  it.each([
    [{ dim: 0 }, /dim/],
    [{ dim: 3, populationSize: 1 }, /populationSize/],
    [{ dim: 3, sigma0: -1 }, /sigma0/],
    [{ dim: 3, separable: "yes" }, /separable/],
    [{ dim: 3, mean0: [1] }, /mean0/],
    [{ dim: 3, seed: 0.5 }, /seed/],
  ] as const)("rejects %o", (options, pattern) => {
    expect(() => new CmaEs(options as never)).toThrow(DescentError);
    expect(() => new CmaEs(options as never)).toThrow(pattern);
  });
  it("rejects non-finite objective values", () => {
    const opt = new CmaEs({ dim: 2 });
    const { points } = opt.ask();
    expect(() => opt.tell(points.map(() => Number.POSITIVE_INFINITY))).toThrow(/finite/);
  });
});
