/**
 * Spec e.3: the black-box "prompt tuning" miniature — a few-shot classifier whose head is reached through a
 * random projection, tuned by INGO, SABO and sep-CMA-ES at an 8,000-query budget with BBT's dev-set
 * selection, and at equal iterations. An integration demo of the prompt-tuning API, not evidence: the
 * objective is convex in z, so there is no sharp-versus-flat choice (spec e.3).
 */
import { tf } from "@descent/core-tensor";
import {
  type AskTellOptimizer,
  CmaEs,
  Ingo,
  minimize,
  type ProjectedPromptTask,
  projectedPromptTask,
  Sabo,
  tfjsModelObjective,
  tuneWithDevSelection,
} from "@descent/sabo";
import type { DemoContext } from "../../demo.js";
import { meanStd } from "./seed-statistics.js";

export interface PromptConfig {
  seeds: number;
  budget: number;
  equalIterations: number;
  rhos: readonly number[];
  testSize: number;
}

export const fullPrompt: PromptConfig = {
  seeds: 6,
  budget: 8000,
  equalIterations: 300,
  rhos: [0.5, 3, 10],
  testSize: 4000,
};
export const quickPrompt: PromptConfig = {
  seeds: 2,
  budget: 2000,
  equalIterations: 100,
  rhos: [0.5, 3, 10],
  testSize: 1000,
};

interface Row {
  trainAcc: number[];
  testAcc: number[];
  testCe: number[];
  gap: number[];
  devSelectedTestAcc: number[];
  iterations: number[];
}

const emptyRow = (): Row => ({
  trainAcc: [],
  testAcc: [],
  testCe: [],
  gap: [],
  devSelectedTestAcc: [],
  iterations: [],
});

export interface PromptResult {
  budgetRows: Record<string, Row>;
  iterationRows: Record<string, Row>;
  tfjsCheck: { float64: number; tfjs: number } | null;
}

function methodsFor(c: PromptConfig, dim: number, seed: number): Record<string, () => AskTellOptimizer> {
  const common = { dim, mean0: 0, sigma0: 1, populationSize: 20, learningRate: 1 / Math.sqrt(dim), seed };
  const out: Record<string, () => AskTellOptimizer> = { INGO: () => new Ingo(common) };
  for (const rho of c.rhos) out[`SABO ρ=${rho}`] = () => new Sabo({ ...common, rho });
  out["sep-CMA-ES"] = () => new CmaEs({ dim, mean0: 0, sigma0: 1, separable: true, seed });
  return out;
}

function record(
  row: Row,
  task: ProjectedPromptTask,
  z: Float64Array,
  selected: Float64Array | null,
  iterations: number,
): void {
  const trainAcc = task.accuracy(z, "train");
  const testAcc = task.accuracy(z, "test");
  row.trainAcc.push(trainAcc);
  row.testAcc.push(testAcc);
  row.testCe.push(task.crossEntropy(z, "test"));
  row.gap.push(trainAcc - testAcc);
  if (selected !== null) row.devSelectedTestAcc.push(task.accuracy(selected, "test"));
  row.iterations.push(iterations);
}

/** Evaluates `z` on the test split through an equivalent tfjs model (frozen dense + projected head). */
function tfjsTestAccuracy(task: ProjectedPromptTask, z: Float64Array): number {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({ units: task.hidden, activation: "tanh", inputShape: [task.inputDim], name: "frozen" }),
  );
  model.add(tf.layers.dense({ units: task.classes, useBias: false, name: "head" }));
  const w1t = new Float32Array(task.inputDim * task.hidden);
  for (let h = 0; h < task.hidden; h++)
    for (let k = 0; k < task.inputDim; k++)
      w1t[k * task.hidden + h] = task.frozen.w1[h * task.inputDim + k] as number;
  const kernel = tf.tensor2d(w1t, [task.inputDim, task.hidden]);
  const bias = tf.tensor1d(Float32Array.from(task.frozen.b1));
  model.getLayer("frozen").setWeights([kernel, bias]);
  kernel.dispose();
  bias.dispose();
  const test = task.splits.test;
  const x = tf.tensor2d(Float32Array.from(test.inputs), [test.size, task.inputDim]);
  const obj = tfjsModelObjective({
    model,
    target: { weight: "head/kernel" },
    map: (v) => task.projection.apply(v),
    x,
    labels: test.labels,
  });
  const acc = obj.accuracy(z);
  obj.dispose();
  x.dispose();
  model.dispose();
  return acc;
}

export async function runPrompt(ctx: DemoContext, c: PromptConfig): Promise<PromptResult> {
  const budgetRows: Record<string, Row> = {};
  const iterationRows: Record<string, Row> = {};
  let tfjsCheck: PromptResult["tfjsCheck"] = null;
  const names = Object.keys(methodsFor(c, 200, 0));
  ctx.progress.start("e.3 prompt tuning", c.seeds * names.length * 2);
  for (let s = 0; s < c.seeds; s++) {
    const seed = ctx.seed + s;
    const task = projectedPromptTask({ seed, testSize: c.testSize });
    const makers = methodsFor(c, task.dim, seed);
    for (const name of names) {
      const make = makers[name] as () => AskTellOptimizer;
      // equal budget with BBT's dev-set selection every 100 queries
      const opt = make();
      const run = await tuneWithDevSelection({
        optimizer: opt,
        objective: task.train,
        devScore: (z) => task.accuracy(z, "dev"),
        maxEvaluations: c.budget,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      record((budgetRows[name] ??= emptyRow()), task, run.final, run.selected, opt.iteration);
      if (s === 0 && name === "INGO")
        tfjsCheck = {
          float64: task.accuracy(run.selected, "test"),
          tfjs: tfjsTestAccuracy(task, run.selected),
        };
      ctx.progress.tick(1, `${name} budget`);
      // equal iterations
      const opt2 = make();
      const run2 = await minimize(task.train, opt2, {
        maxIterations: c.equalIterations,
        maxEvaluations: Number.POSITIVE_INFINITY,
        recordHistory: false,
        signal: ctx.signal,
      });
      record((iterationRows[name] ??= emptyRow()), task, run2.x, null, opt2.iteration);
      ctx.progress.tick(1, `${name} iterations`);
    }
  }
  ctx.progress.stop();
  return { budgetRows, iterationRows, tfjsCheck };
}

export function reportPrompt(ctx: DemoContext, c: PromptConfig, r: PromptResult): void {
  const rep = ctx.report;
  rep.section("e.3 Black-box prompt-tuning miniature (integration demo)");
  rep.text(
    "4 Gaussian classes in ℝ^32 (noise std 3), 16 shots per class for training and for the dev set, " +
      `${c.testSize} test points; frozen φ(x) = tanh(W₁x + b₁) (64 units); head = reshape(A z), z ∈ ℝ^200, A ~ N(0, 1/200). ` +
      `N = 20, μ0 = 0, σ0 = 1, β = 1/√d, ${c.seeds} seeds. The objective is convex in z: no sharp-versus-flat choice exists, ` +
      "so this checks the API (projection, budget, dev-set selection), not the paper's claim.",
  );
  const rows = (table: Record<string, Row>, withDev: boolean) =>
    Object.entries(table).map(([name, row]) => [
      name,
      String(Math.round(row.iterations.reduce((a, v) => a + v, 0) / row.iterations.length)),
      meanStd(row.trainAcc),
      meanStd(row.testAcc),
      meanStd(row.testCe, 2),
      meanStd(row.gap),
      ...(withDev ? [meanStd(row.devSelectedTestAcc)] : []),
    ]);
  rep.table(
    [
      "method",
      "iterations",
      "train acc",
      "test acc",
      "test CE",
      "gap (train − test acc)",
      "dev-selected test acc",
    ],
    rows(r.budgetRows, true),
    `Equal budget: ${c.budget.toLocaleString("en")} queries (final mean μ_T; last column: the dev-selected candidate, BBT protocol)`,
  );
  rep.table(
    ["method", "iterations", "train acc", "test acc", "test CE", "gap (train − test acc)"],
    rows(r.iterationRows, false),
    `Equal iterations: ${c.equalIterations} each`,
  );
  if (r.tfjsCheck !== null) {
    rep.text(
      `tfjs integration check (seed ${ctx.seed}, INGO's dev-selected z): test accuracy through the float64 task ${r.tfjsCheck.float64.toFixed(4)}, ` +
        `through a tfjs LayersModel with the projected head written by \`tfjsModelObjective\` ${r.tfjsCheck.tfjs.toFixed(4)}.`,
    );
  }
  rep.data("e3", {
    config: c,
    budget: r.budgetRows,
    equalIterations: r.iterationRows,
    tfjsCheck: r.tfjsCheck,
  });
}
