/**
 * method §e.5 (optional, full mode only): the `'full'` parameterisation (all of P and Q learned) against
 * `'sparse'` at small T, and stacked (T separate layers) against looped (one shared layer).
 */
import type { Rng } from "@descent/core-tensor";
import { evaluateLsa, samplePrompts, trainLooped } from "@descent/looped-transformer";
import type { DemoContext } from "../../demo.js";

export interface FullParameterizationRow {
  loops: number;
  model: string;
  steps: number;
  mse: number;
  median: number;
}

export async function runFullParameterization(
  ctx: DemoContext,
  rng: Rng,
): Promise<FullParameterizationRow[]> {
  const d = 5;
  const n = 20;
  const fullSteps = 600; // our reduction: the full backward costs ~60 ms/step here (README, Speed)
  const test = samplePrompts({ d, n, count: 2048, seed: rng.int(0, 2 ** 31) });
  const rows: FullParameterizationRow[] = [];
  const configs = [
    ...[1, 2, 5].flatMap((loops) => [
      {
        loops,
        model: "sparse, looped",
        parameterization: "sparse" as const,
        sharing: "looped" as const,
        steps: 1500,
      },
      {
        loops,
        model: "full, looped",
        parameterization: "full" as const,
        sharing: "looped" as const,
        steps: fullSteps,
      },
    ]),
    {
      loops: 5,
      model: "sparse, stacked",
      parameterization: "sparse" as const,
      sharing: "stacked" as const,
      steps: 1500,
    },
  ];
  ctx.progress.start(
    "e.5 full vs sparse",
    configs.reduce((s, c) => s + c.steps, 0),
  );
  for (const c of configs) {
    const r = trainLooped({
      d,
      n,
      loops: c.loops,
      steps: c.steps,
      parameterization: c.parameterization,
      sharing: c.sharing,
      seed: rng.int(0, 2 ** 31),
      signal: ctx.signal,
      onProgress: () => ctx.progress.tick(),
    });
    const e = evaluateLsa(r.layers, test, { loops: c.loops });
    rows.push({ loops: c.loops, model: c.model, steps: c.steps, mse: e.mse, median: e.median });
  }
  ctx.progress.stop();
  ctx.report
    .section("e.5 (optional) 'full' vs 'sparse', stacked vs looped")
    .text(
      `d = ${d}, n = ${n}, prediction task, Adam with the protocol's defaults ('full': lr 3e-3, N(0, 0.01²) init; ` +
        `'sparse': lr 1e-2, A = 0), global-norm clipping 1, batch 128; 'full' runs ${fullSteps} steps (reduced from ` +
        "1,500 for time), 'sparse' 1,500. Test MSE on 2,048 fresh prompts. Not part of the verdict.",
    )
    .table(
      ["T", "model", "steps", "test MSE", "test median"],
      rows.map((r) => [r.loops, r.model, r.steps, r.mse, r.median]),
    );
  ctx.report.data("e5", rows);
  return rows;
}
