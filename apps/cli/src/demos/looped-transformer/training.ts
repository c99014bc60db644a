/**
 * method §e.4 (headline): a linear looped Transformer ('sparse', prediction task) trained with Adam on
 * fresh prompts, against the best scalar-step GD evaluated on the same test prompts (paired), across T
 * and n; and whether the learned A is a multiple of the identity.
 */
import type { Matrix64, Rng } from "@descent/core-tensor";
import {
  conditionNumber,
  errorBound,
  evaluateGd,
  evaluateLsa,
  GdProblemSet,
  gdBestStep,
  samplePrompts,
  trainLooped,
} from "@descent/looped-transformer";
import type { DemoContext } from "../../demo.js";
import { judge } from "../../report/verdict.js";

/** method §e.4's population MSE of gdBestStep (200,000-prompt Monte-Carlo), d = 5, by n then T. */
const POPULATION: Record<number, Record<number, number>> = {
  10: { 1: 1.876, 2: 1.181, 4: 0.6965, 8: 0.3827 },
  20: { 1: 1.155, 2: 0.4997, 4: 0.1629, 8: 0.03852 },
  40: { 1: 0.6519, 2: 0.1717, 4: 0.02372, 8: 0.001671 },
  80: { 1: 0.3489, 2: 0.05139, 4: 0.002386, 8: 2.07e-5 },
};

export interface TrainingRun {
  n: number;
  loops: number;
  lr: number;
  trainedMse: number;
  trainedMedian: number;
  gdMse: number;
  gdMedian: number;
  gdEta: number;
  population: number | null;
  bound: number;
  diagMean: number;
  maxOffDiag: number;
  ratio: number;
  seconds: number;
}

export interface TrainingResult {
  holds: boolean;
  runs: TrainingRun[];
  checks: { ratioOk: boolean; decreasingT: boolean; decreasingN: boolean; identityOk: boolean };
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

export async function runTraining(ctx: DemoContext, rng: Rng): Promise<TrainingResult> {
  const d = 5;
  const steps = ctx.quick ? 1000 : 1500;
  const batch = 128;
  const testCount = ctx.quick ? 1024 : 4096;
  const fitCount = ctx.quick ? 4000 : 20000;
  const loopsSweep = ctx.quick ? [1, 2, 4] : [1, 2, 4, 8];
  const nSweep = ctx.quick ? [10, 40] : [10, 40, 80];
  const configs: { n: number; loops: number }[] = [
    ...loopsSweep.map((loops) => ({ n: 20, loops })),
    ...nSweep.map((n) => ({ n, loops: 4 })),
  ];
  const testSeed = rng.int(0, 2 ** 31); // fixed test seed per n (method §e.4: paired comparison)
  const runs: TrainingRun[] = [];
  ctx.progress.start("e.4 training", configs.length * steps);
  for (const { n, loops } of configs) {
    const lr = loops === 8 || n === 80 ? 3e-2 : 1e-2; // method §e.4
    const t0 = performance.now();
    const trained = trainLooped({
      d,
      n,
      loops,
      steps,
      batch,
      learningRate: lr,
      seed: rng.int(0, 2 ** 31),
      signal: ctx.signal,
      onProgress: () => ctx.progress.tick(),
    });
    const seconds = (performance.now() - t0) / 1000;
    const test = samplePrompts({ d, n, count: testCount, seed: testSeed + n });
    const lsa = evaluateLsa(trained.layers, test, { loops });
    const best = gdBestStep(
      new GdProblemSet(samplePrompts({ d, n, count: fitCount, seed: rng.int(0, 2 ** 31) })),
      { loops },
    );
    const paired = evaluateGd(test, { loops, eta: best.eta });
    const A = trained.preconditioners?.[0] as Matrix64;
    let diag = 0;
    let off = 0;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        if (i === j) diag += (A.data[i * d + j] as number) / d;
        else off = Math.max(off, Math.abs(A.data[i * d + j] as number));
      }
    }
    const kappaMed = median(test.slice(0, 512).map((p) => conditionNumber(p.X).kappa));
    runs.push({
      n,
      loops,
      lr,
      trainedMse: lsa.mse,
      trainedMedian: lsa.median,
      gdMse: paired.mse,
      gdMedian: paired.median,
      gdEta: best.eta,
      population: POPULATION[n]?.[loops] ?? null,
      bound: errorBound(kappaMed, loops),
      diagMean: diag,
      maxOffDiag: off,
      ratio: lsa.mse / paired.mse,
      seconds,
    });
  }
  ctx.progress.stop();
  const ratioOk = runs.every((r) => r.ratio <= (r.loops === 8 || r.n === 80 ? 1.5 : 1.15));
  const byT = runs.filter((r) => r.n === 20).sort((a, b) => a.loops - b.loops);
  const byN = runs.filter((r) => r.loops === 4).sort((a, b) => a.n - b.n);
  const decreasingT = byT.every((r, i) => i === 0 || r.trainedMse < (byT[i - 1] as TrainingRun).trainedMse);
  const decreasingN = byN.every((r, i) => i === 0 || r.trainedMse < (byN[i - 1] as TrainingRun).trainedMse);
  const identityOk = runs.filter((r) => r.loops <= 2).every((r) => r.maxOffDiag < 0.15 * r.diagMean);
  const holds = ratioOk && decreasingT && decreasingN && identityOk;
  ctx.report
    .section("e.4 Training a looped Transformer vs best-step GD (headline)")
    .text(
      `d = ${d}, 'sparse' parameterisation (A learned, P/Q fixed to construction A), prediction task, Adam, batch ${batch}, ` +
        `${steps} steps, lr 1e-2 (3e-2 for T = 8 and n = 80). Test: ${testCount} fresh prompts per n (fixed seed), ` +
        `best scalar η fitted on ${fitCount} other prompts and evaluated on the same test prompts (paired). ` +
        `Must hold: (i) trained MSE ≤ 1.15 × paired best-GD (T = 8, n = 80: 1.5×): **${judge(ratioOk, { quick: ctx.quick, judgedInQuick: false })}**` +
        `${ctx.quick ? ` (test means are heavy-tailed, method §h.3: ${testCount} test prompts and ${steps} training steps cannot decide a 15 % margin)` : ""}; ` +
        `(ii) MSE decreases in T: **${decreasingT ? "held" : "not held"}** and in n: **${decreasingN ? "held" : "not held"}**; ` +
        `(iii) learned A ≈ multiple of I at T ≤ 2 (max off-diagonal < 0.15 × mean diagonal): **${identityOk ? "held" : "not held"}**.`,
    )
    .table(
      [
        "n",
        "T",
        "trained MSE",
        "trained median",
        "best-GD MSE (paired)",
        "best-GD median",
        "trained / GD",
        "best η",
        "population (method §e.4)",
        "bound (1−1/κ)^T, median κ",
        "A: mean diag",
        "A: max |off-diag|",
        "train s",
      ],
      runs.map((r) => [
        r.n,
        r.loops,
        r.trainedMse,
        r.trainedMedian,
        r.gdMse,
        r.gdMedian,
        r.ratio,
        r.gdEta,
        r.population,
        r.bound,
        r.diagMean,
        r.maxOffDiag,
        r.seconds,
      ]),
      undefined,
      4,
    );
  await ctx.report.linePlot(
    "e4-mse-vs-loops",
    {
      title: "Test MSE vs loops (n = 20, d = 5)",
      xLabel: "loops T",
      yLabel: "test MSE",
      yScale: "log",
      series: [
        { name: "trained looped LSA", x: byT.map((r) => r.loops), y: byT.map((r) => r.trainedMse) },
        { name: "best-step GD (paired)", x: byT.map((r) => r.loops), y: byT.map((r) => r.gdMse) },
        { name: "trained, median", x: byT.map((r) => r.loops), y: byT.map((r) => r.trainedMedian) },
        {
          name: "population best GD (method §e.4)",
          x: byT.filter((r) => r.population !== null).map((r) => r.loops),
          y: byT.filter((r) => r.population !== null).map((r) => r.population as number),
        },
      ],
    },
    "e.4: test MSE of the trained looped Transformer and of best-step GD vs loops (log scale)",
  );
  await ctx.report.linePlot(
    "e4-mse-vs-n",
    {
      title: "Test MSE vs in-context examples n (T = 4, d = 5)",
      xLabel: "n",
      yLabel: "test MSE",
      xScale: "log",
      yScale: "log",
      series: [
        { name: "trained looped LSA", x: byN.map((r) => r.n), y: byN.map((r) => r.trainedMse) },
        { name: "best-step GD (paired)", x: byN.map((r) => r.n), y: byN.map((r) => r.gdMse) },
        { name: "trained, median", x: byN.map((r) => r.n), y: byN.map((r) => r.trainedMedian) },
      ],
    },
    "e.4: test MSE vs n at T = 4 (log–log)",
  );
  ctx.report.data("e4", {
    runs,
    steps,
    batch,
    testCount,
    fitCount,
    checks: { ratioOk, decreasingT, decreasingN, identityOk },
  });
  return { holds, runs, checks: { ratioOk, decreasingT, decreasingN, identityOk } };
}
