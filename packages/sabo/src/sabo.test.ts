import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import type { GradientOracle } from "./gaussian-search-options.js";
import { Ingo, ingoReferenceOptions, ingoReferencePopulation } from "./ingo.js";
import { quadraticKL } from "./kl-perturbation.js";
import { minimize } from "./minimize.js";
import { minimizeSabo } from "./minimize-sabo.js";
import { defaultRho, Sabo } from "./sabo.js";

const sphere = (x: Float64Array) => x.reduce((a, v) => a + v * v, 0);

/** One full iteration through the ask/tell interface. */
function step(opt: Sabo | Ingo, f: (x: Float64Array) => number): void {
  const it0 = opt.iteration;
  while (opt.iteration === it0) {
    const { points } = opt.ask();
    opt.tell(points.map(f));
  }
}

describe("Sabo with ρ = 0 is INGO (docs/method.md §f.4)", () => {
  it("reproduces INGO bit for bit under the same seed", () => {
    const f = (x: Float64Array) => sphere(x) + Math.sin(3 * (x[0] as number));
    const a = new Sabo({ dim: 7, rho: 0, mean0: 0.5, seed: 42 });
    const b = new Ingo({ dim: 7, mean0: 0.5, seed: 42 });
    expect(a.evaluationsPerIteration).toBe(20);
    for (let t = 0; t < 60; t++) {
      step(a, f);
      step(b, f);
    }
    expect(Array.from(a.state.mean)).toEqual(Array.from(b.state.mean));
    expect(Array.from(a.state.variance)).toEqual(Array.from(b.state.variance));
    expect(a.best.value).toBe(b.best.value);
  });
});

describe("exact-gradient mode on h = (1, 4) (docs/method.md §f.5)", () => {
  const h = [1, 4];
  const oracle: GradientOracle = (m) => ({
    gMean: [h[0]! * m[0]!, h[1]! * m[1]!],
    gVar: [h[0]! / 2, h[1]! / 2],
  });
  const make = (rho: number) =>
    new Sabo({ dim: 2, mean0: 1, sigma0: 1, learningRate: 0.1, rho, gradientOracle: oracle, seed: 0 });
  const run = (opt: Sabo, steps: number) => {
    for (let t = 0; t < steps; t++) step(opt, () => 0);
    return opt.state;
  };
  it("INGO (ρ = 0): s_t = 1/(1 + 0.1 t h) and the means of docs/method.md", () => {
    const expected = [
      [0.909091, 0.714286],
      [0.833333, 0.555556],
      [0.769231, 0.454545],
    ];
    const opt = make(0);
    for (let t = 1; t <= 3; t++) {
      const s = run(opt, 1);
      expect(s.mean[0]).toBeCloseTo(expected[t - 1]![0]!, 6);
      expect(s.mean[1]).toBeCloseTo(expected[t - 1]![1]!, 6);
      expect(s.variance[0]).toBeCloseTo(1 / (1 + 0.1 * t * 1), 14);
      expect(s.variance[1]).toBeCloseTo(1 / (1 + 0.1 * t * 4), 14);
    }
  });
  it("SABO ρ = 0.1: first perturbed point, means after 1 and 3 steps, INGO's variances", () => {
    const opt = make(0.1);
    const s1 = run(opt, 1);
    const p = opt.lastPerturbation!;
    expect(p.mean[0]).toBeCloseTo(1.028006, 6);
    expect(p.mean[1]).toBeCloseTo(1.112022, 6);
    expect(p.variance[0]).toBeCloseTo(1.028006, 6);
    expect(p.variance[1]).toBeCloseTo(1.112022, 6);
    expect(s1.mean[0]).toBeCloseTo(0.906545, 6);
    expect(s1.mean[1]).toBeCloseTo(0.682279, 6);
    const s3 = run(opt, 2);
    expect(s3.mean[0]).toBeCloseTo(0.761178, 6);
    expect(s3.mean[1]).toBeCloseTo(0.406523, 6);
    expect(s3.variance[0]).toBeCloseTo(1 / 1.3, 14);
    expect(s3.variance[1]).toBeCloseTo(1 / 2.2, 14);
  });
  it("SABO ρ = 0.5: means after 3 steps", () => {
    const s3 = run(make(0.5), 3);
    expect(s3.mean[0]).toBeCloseTo(0.726112, 6);
    expect(s3.mean[1]).toBeCloseTo(0.236719, 6);
  });
  it("queries no points", () => {
    const opt = make(0.5);
    expect(opt.ask().points).toHaveLength(0);
    expect(opt.evaluationsPerIteration).toBe(0);
  });
});

describe("invariances with 'standardize' shaping (docs/method.md §f.6)", () => {
  const f = (x: Float64Array) => {
    let v = 0;
    for (let j = 0; j < x.length; j++) v += (j + 1) * (x[j] as number) ** 2 + 0.3 * Math.cos(x[j] as number);
    return v;
  };
  const traj = (g: (x: Float64Array) => number, mean0: number | Float64Array) => {
    const opt = new Sabo({ dim: 5, rho: 1, mean0, seed: 3, learningRate: 0.2 });
    for (let t = 0; t < 50; t++) step(opt, g);
    return opt.state.mean;
  };
  it("a·F + b (a > 0) gives the same trajectory to 1e-9 relative after 50 iterations", () => {
    const m1 = traj(f, 1);
    const m2 = traj((x) => 7.5 * f(x) - 3, 1);
    for (let j = 0; j < 5; j++)
      expect(Math.abs((m2[j] as number) - (m1[j] as number))).toBeLessThan(
        1e-9 * Math.max(1, Math.abs(m1[j] as number)),
      );
  });
  it("F(x − c) started at μ0 + c gives the trajectory shifted by c", () => {
    const c = Float64Array.from([0.5, -1, 2, 0.25, -0.75]);
    const m1 = traj(f, 1);
    const m2 = traj(
      (x) => f(x.map((v, j) => v - (c[j] as number))),
      Float64Array.from(c, (v) => v + 1),
    );
    for (let j = 0; j < 5; j++)
      expect(Math.abs((m2[j] as number) - (c[j] as number) - (m1[j] as number))).toBeLessThan(
        1e-9 * Math.max(1, Math.abs(m1[j] as number)),
      );
  });
});

describe("safety invariants (docs/method.md §f.7)", () => {
  it("keeps s > 0, the clipped perturbation inside the KL ball, 2N queries per iteration, within budget", async () => {
    const opt = new Sabo({ dim: 20, rho: 6, learningRate: 0.5, populationSize: 6, mean0: 2, seed: 8 });
    const f = (x: Float64Array) => x.reduce((a, v, j) => a + Math.abs(v) * (j + 1), 0);
    for (let t = 0; t < 100; t++) {
      const before = opt.state;
      const evals = opt.evaluations;
      step(opt, f);
      expect(opt.evaluations - evals).toBe(12);
      const p = opt.lastPerturbation!;
      const dm = p.mean.map((v, j) => v - (before.mean[j] as number));
      const ds = p.variance.map((v, j) => v - (before.variance[j] as number));
      expect(quadraticKL(before.variance, dm, ds)).toBeLessThanOrEqual(36 * (1 + 1e-9));
      for (const s of opt.state.variance) expect(s).toBeGreaterThan(0);
    }
    const run = await minimize(f, new Sabo({ dim: 20, rho: 6, populationSize: 6, seed: 1 }), {
      maxEvaluations: 100,
    });
    expect(run.evaluations).toBe(96);
    expect(run.stopReason).toBe("maxEvaluations");
  });
});

describe("convergence smoke tests (docs/method.md §f.8)", () => {
  const untilBelow = async (opt: Sabo | Ingo, maxIterations: number) => {
    const run = await minimize(sphere, opt, {
      maxIterations,
      maxEvaluations: Number.POSITIVE_INFINITY,
      onProgress: (p) => (sphere((p.optimizer as Sabo).state.mean) < 1e-8 ? "stop" : undefined),
    });
    return run;
  };
  it("INGO reaches F(μ) < 1e-8 on the 10-d sphere within 300 iterations", async () => {
    const run = await untilBelow(
      new Ingo({ dim: 10, mean0: 1, sigma0: 1, populationSize: 20, learningRate: 0.3, seed: 1 }),
      300,
    );
    expect(run.stopReason).toBe("callback");
    expect(sphere(run.x)).toBeLessThan(1e-8);
  });
  it("SABO (ρ = 1) reaches F(μ) < 1e-8 on the 10-d sphere within 400 iterations", async () => {
    const run = await untilBelow(
      new Sabo({ dim: 10, mean0: 1, sigma0: 1, populationSize: 20, learningRate: 0.3, rho: 1, seed: 1 }),
      400,
    );
    expect(run.stopReason).toBe("callback");
    expect(sphere(run.x)).toBeLessThan(1e-8);
  });
  it.each([
    { perturbation: "exactKL" },
    { covarianceUpdate: "multiplicative" },
    { meanPreconditioner: "current" },
    { learningRateSchedule: "inverseSqrt", learningRate: 1 },
    { perturbationClip: Number.POSITIVE_INFINITY },
  ] as const)(
    "the option %o also reduces F(μ) on the sphere a hundredfold in 150 iterations",
    async (extra) => {
      const opt = new Sabo({ dim: 10, mean0: 1, rho: 1, learningRate: 0.3, seed: 2, ...extra });
      const run = await minimize(sphere, opt, {
        maxIterations: 150,
        maxEvaluations: Number.POSITIVE_INFINITY,
      });
      expect(sphere(run.x)).toBeLessThan(1e-2 * 10);
    },
  );
});

describe("seeds", () => {
  it("the same seed reproduces a run exactly and another seed differs", async () => {
    const go = (seed: number) =>
      minimizeSabo(sphere, { dim: 6, mean0: 1, rho: 1, seed, maxEvaluations: 2000 });
    const [a, b, c] = await Promise.all([go(5), go(5), go(6)]);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(a.best.value).toBe(b.best.value);
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
  });
});

describe("defaults", () => {
  it("ρ = 0.5·√d, N = 20, β = 1/√d, standardize, fisher, clip 0.5, floor 1e-12", () => {
    const o = new Sabo({ dim: 16 }).options;
    expect(o.rho).toBe(defaultRho(16));
    expect(o.rho).toBe(2);
    expect(o.populationSize).toBe(20);
    expect(o.learningRate(0)).toBe(0.25);
    expect(o.fitnessShaping).toBe("standardize");
    expect(o.perturbation).toBe("fisher");
    expect(o.perturbationClip).toBe(0.5);
    expect(o.invVarianceFloor).toBe(1e-12);
    expect(o.meanPreconditioner).toBe("next");
    expect(new Sabo({ dim: 16 }).evaluationsPerIteration).toBe(40);
  });
});

describe("INGO defaults: SABO's, with the optunahub sampler's one spread away (docs/method.md §c.6)", () => {
  it("new Ingo uses SABO's defaults with ρ = 0 (even when rho is passed)", () => {
    const o = new Ingo({ dim: 16, rho: 3 } as never).options;
    expect(o.rho).toBe(0);
    expect(o.populationSize).toBe(20);
    expect(o.learningRate(0)).toBe(0.25);
    expect(o.meanPreconditioner).toBe("next");
    expect(o.invVarianceFloor).toBe(1e-12);
  });
  it("ingoReferenceOptions gives N = 4 + ⌊3 ln d⌋ rounded down to even, β = 1/√d, 'current', floor 1e-8", () => {
    // d = 100: 3 ln 100 = 13.8 ⇒ 4 + 13 = 17 ⇒ 16; d = 10: 3 ln 10 = 6.9 ⇒ 10; d = 1: 4
    expect(ingoReferencePopulation(100)).toBe(16);
    expect(ingoReferencePopulation(10)).toBe(10);
    expect(ingoReferencePopulation(1)).toBe(4);
    const o = new Ingo({ dim: 100, ...ingoReferenceOptions(100) }).options;
    expect(o.populationSize).toBe(16);
    expect(o.learningRate(7)).toBeCloseTo(0.1, 15);
    expect(o.meanPreconditioner).toBe("current");
    expect(o.invVarianceFloor).toBe(1e-8);
    expect(() => ingoReferenceOptions(0)).toThrow(/dim/);
    expect(() => ingoReferencePopulation(2.5)).toThrow(/dim/);
  });
});

describe("input validation", () => {
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ["ρ < 0", { dim: 3, rho: -1 }, /rho/],
    ["ρ = NaN", { dim: 3, rho: Number.NaN }, /rho/],
    ["N < 2", { dim: 3, populationSize: 1 }, /populationSize/],
    ["non-integer N", { dim: 3, populationSize: 2.5 }, /populationSize/],
    ["dim 0", { dim: 0 }, /dim/],
    ["learningRate ≤ 0", { dim: 3, learningRate: 0 }, /learningRate/],
    ["sigma0 ≤ 0", { dim: 3, sigma0: [1, 0, 1] }, /sigma0/],
    ["mean0 of the wrong length", { dim: 3, mean0: [1, 2] }, /mean0/],
    ["mean0 with NaN", { dim: 3, mean0: [1, Number.NaN, 2] }, /mean0/],
    ["unknown perturbation", { dim: 3, perturbation: "exact" }, /perturbation/],
    ["perturbationClip ≤ 0", { dim: 3, perturbationClip: 0 }, /perturbationClip/],
    ["unknown shaping", { dim: 3, fitnessShaping: "rank" }, /fitnessShaping/],
    ["unknown covariance", { dim: 3, covariance: "lowrank" }, /covariance/],
    ["unknown covarianceUpdate", { dim: 3, covarianceUpdate: "x" }, /covarianceUpdate/],
    ["unknown meanPreconditioner", { dim: 3, meanPreconditioner: "x" }, /meanPreconditioner/],
    ["invVarianceFloor ≤ 0", { dim: 3, invVarianceFloor: 0 }, /invVarianceFloor/],
    ["negative seed", { dim: 3, seed: -1 }, /seed/],
    [
      "oracle with full covariance",
      { dim: 3, covariance: "full", gradientOracle: () => ({}) },
      /gradientOracle/,
    ],
    ["exactKL with full covariance", { dim: 3, covariance: "full", perturbation: "exactKL" }, /perturbation/],
  ];
  it.each(bad)("rejects %s with a DescentError naming the parameter", (_name, options, pattern) => {
    expect(() => new Sabo(options as never)).toThrow(DescentError);
    expect(() => new Sabo(options as never)).toThrow(pattern);
  });
  it("minimizeSabo and Ingo reject bad options the same way", async () => {
    await expect(minimizeSabo(sphere, { dim: 3, rho: -1 })).rejects.toThrow(/rho/);
    await expect(minimizeSabo(sphere, { dim: 3, maxEvaluations: -5 })).rejects.toThrow(/maxEvaluations/);
    await expect(minimizeSabo(3 as never, { dim: 3 })).rejects.toThrow(/f must be a function/);
    expect(() => new Ingo({ dim: 3, populationSize: 1 })).toThrow(/populationSize/);
    expect(() => new Ingo(null as never)).toThrow(/options must be an object/);
  });
  it("rejects a learning-rate schedule that returns a non-positive value when it is used", () => {
    const opt = new Sabo({ dim: 2, rho: 0, learningRate: (t) => 1 - t });
    step(opt, sphere);
    expect(() => step(opt, sphere)).toThrow(/learningRate\(1\)/);
  });
  it("rejects non-finite objective values with the index and phase", () => {
    const opt = new Sabo({ dim: 2, rho: 1 });
    const { points } = opt.ask();
    const values = points.map(() => 1);
    values[3] = Number.NaN;
    expect(() => opt.tell(values)).toThrow(/values must be finite.*index 3.*ascent/);
  });
  it("rejects a wrong number of values, tell without ask, and ask twice", () => {
    const opt = new Sabo({ dim: 2, rho: 1 });
    expect(() => opt.tell([1])).toThrow(/ask\(\) first/);
    opt.ask();
    expect(() => opt.ask()).toThrow(/twice/);
    expect(() => opt.tell([1, 2])).toThrow(/one entry per asked point \(20\)/);
  });
  it("rejects an oracle returning non-finite gradients", () => {
    const opt = new Sabo({
      dim: 2,
      rho: 0,
      gradientOracle: () => ({ gMean: [Number.NaN, 0], gVar: [0, 0] }),
    });
    expect(() => step(opt, sphere)).toThrow(/gradientOracle/);
  });
});
