/**
 * method §e.2, the headline: on a landscape with a deep sharp well and a shallower flat well in every
 * coordinate, does SABO prefer the flat wells (fracFlat ↑ with ρ) and generalise better under a
 * train/test shift (F_test ↓) at the price of a worse F_train?
 */

import { Rng } from "@descent/core-tensor";
import { Ingo, minimize, Sabo, twoBasinTask } from "@descent/sabo";
import type { DemoContext } from "../../demo.js";
import { mean, meanStd, std } from "../../seed-statistics.js";

export interface FlatSharpConfig {
  dim: number;
  seeds: number;
  iterations: number;
  rhos: readonly number[];
}

export const fullFlatSharp: FlatSharpConfig = { dim: 50, seeds: 10, iterations: 800, rhos: [3, 5, 7, 10] };
export const quickFlatSharp: FlatSharpConfig = { dim: 50, seeds: 5, iterations: 800, rhos: [3, 5, 7, 10] };

interface RunMetrics {
  train: number[];
  test: number[];
  fracFlat: number[];
}

export interface FlatSharpResult {
  methods: { label: string; rho: number; metrics: RunMetrics }[];
  statements: { text: string; holds: boolean }[];
}

export async function runFlatSharp(ctx: DemoContext, c: FlatSharpConfig): Promise<FlatSharpResult> {
  const task = twoBasinTask({ dim: c.dim, seed: ctx.seed });
  const beta = 1 / Math.sqrt(c.dim);
  const specs: { label: string; rho: number; n: number }[] = [
    { label: "INGO N=20", rho: 0, n: 20 },
    { label: "INGO N=40 (equal evals)", rho: 0, n: 40 },
    ...c.rhos.map((rho) => ({ label: `SABO ρ=${rho}`, rho, n: 20 })),
  ];
  const methods: FlatSharpResult["methods"] = [];
  ctx.progress.start("e.2 flat vs sharp", specs.length * c.seeds);
  for (const spec of specs) {
    const metrics: RunMetrics = { train: [], test: [], fracFlat: [] };
    for (let s = 0; s < c.seeds; s++) {
      const seed = ctx.seed + s;
      // μ0 ~ U(−1.5, 1.5)^d per seed, shared by all methods (paired comparison)
      const mean0 = new Rng(10_000 + seed).uniformArray(c.dim, -1.5, 1.5);
      const common = { dim: c.dim, mean0, sigma0: 0.3, populationSize: spec.n, learningRate: beta, seed };
      const opt =
        spec.rho === 0 ? new Ingo(common) : new Sabo({ ...common, rho: spec.rho, perturbationClip: 0.5 });
      const run = await minimize(task.train, opt, {
        maxIterations: c.iterations,
        maxEvaluations: Number.POSITIVE_INFINITY,
        recordHistory: false,
        signal: ctx.signal,
      });
      metrics.train.push(task.train(run.x));
      metrics.test.push(task.test(run.x));
      metrics.fracFlat.push(task.fracFlat(run.x));
      ctx.progress.tick(1, spec.label);
    }
    methods.push({ label: spec.label, rho: spec.rho, metrics });
  }
  ctx.progress.stop();
  const by = (label: string) =>
    (methods.find((m) => m.label === label) as FlatSharpResult["methods"][number]).metrics;
  const ingo = by("INGO N=20");
  const ingo40 = by("INGO N=40 (equal evals)");
  const r5 = by("SABO ρ=5");
  const r10 = by("SABO ρ=10");
  const statements: FlatSharpResult["statements"] = [
    {
      text: "mean fracFlat increases strictly along ρ = 0 (INGO) → 5 → 10",
      holds: mean(ingo.fracFlat) < mean(r5.fracFlat) && mean(r5.fracFlat) < mean(r10.fracFlat),
    },
    {
      text: "mean F_test at ρ = 10 is below both ρ = 5 and INGO",
      holds: mean(r10.test) < mean(r5.test) && mean(r10.test) < mean(ingo.test),
    },
  ];
  for (const rho of [7, 10]) {
    const m = by(`SABO ρ=${rho}`);
    statements.push({
      text: `SABO ρ = ${rho} beats both INGO runs on mean F_test by ≥ 0.015 while being worse on F_train`,
      holds:
        mean(m.test) <= Math.min(mean(ingo.test), mean(ingo40.test)) - 0.015 &&
        mean(m.train) > Math.max(mean(ingo.train), mean(ingo40.train)),
    });
  }
  return { methods, statements };
}

export async function reportFlatSharp(
  ctx: DemoContext,
  c: FlatSharpConfig,
  r: FlatSharpResult,
): Promise<void> {
  const rep = ctx.report;
  rep.section("e.2 Headline: flat-minimum preference under a train/test shift");
  rep.text(
    `d = ${c.dim}, sharp well depth 1.0 (width 0.05) at −1, flat well depth 0.7 (width 0.5) at +1; test = train shifted by ξ ~ N(0, 0.1²) ` +
      `(one fixed draw). μ0 ~ U(−1.5, 1.5)^d per seed, σ0 = 0.3, N = 20, β = 1/√d, ${c.iterations} iterations, ` +
      `'standardize' shaping, 'fisher' perturbation with clip 0.5, ${c.seeds} seeds. Metrics at the final mean μ_T; mean ± std over seeds.`,
  );
  rep.table(
    ["method", "F_train", "F_test", "fracFlat"],
    r.methods.map((m) => [
      m.label,
      meanStd(m.metrics.train),
      meanStd(m.metrics.test),
      meanStd(m.metrics.fracFlat),
    ]),
    "Final mean μ_T",
  );
  rep.text(
    [
      "What must hold (method §e.2):",
      ...r.statements.map((s) => `- ${s.text}: **${s.holds ? "holds" : "does not hold"}**`),
    ].join("\n"),
  );
  const xs = r.methods.map((m) => m.rho);
  const ingoOnly = r.methods.filter((m) => m.label !== "INGO N=40 (equal evals)");
  await rep.linePlot(
    "e2-fracflat-vs-rho",
    {
      title: "Fraction of coordinates in the flat well vs ρ (mean ± std)",
      xLabel: "ρ (0 = INGO, N = 20)",
      yLabel: "fracFlat",
      series: [
        {
          name: "fracFlat",
          x: ingoOnly.map((m) => m.rho),
          y: ingoOnly.map((m) => mean(m.metrics.fracFlat)),
          lower: ingoOnly.map((m) => mean(m.metrics.fracFlat) - std(m.metrics.fracFlat)),
          upper: ingoOnly.map((m) => mean(m.metrics.fracFlat) + std(m.metrics.fracFlat)),
        },
      ],
    },
    "e.2: fracFlat against ρ",
  );
  await rep.scatterPlot(
    "e2-train-vs-test",
    {
      title: "Train vs test objective at μ_T, one point per seed",
      xLabel: "F_train",
      yLabel: "F_test",
      groups: r.methods.map((m) => ({ name: m.label, x: m.metrics.train, y: m.metrics.test })),
      pointSize: 50,
      width: 520,
      height: 320,
    },
    "e.2: F_train against F_test per seed (lower is better on both axes)",
  );
  rep.data("e2", {
    config: c,
    methods: r.methods,
    statements: r.statements,
    rhoAxis: xs,
  });
}
