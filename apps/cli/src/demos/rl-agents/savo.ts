/**
 * The `savo` demo (rl-agents issue 16; rl-agents's docs/savo.md): SAVO's reduced-scale
 * reproduction. C-R1, the multimodal one-step task with a known optimum, in the oracle-critic regime
 * (actors ascend the true reward) and the learned-critic regime (TD3, Ensemble-3, SAVO-3,
 * SAVO-3 − surrogates, CEM); C-R2, RecSim-lite with 2 000 items (return and Q-optimality; TD3 + 1-NN,
 * Wolpertinger 1 % and 5 %, Ensemble-3, SAVO-3); C-R3, the restricted inverted pendulum (TD3,
 * Ensemble-3, SAVO-3). Full mode runs the cells (method × seed) in worker threads; quick mode runs the
 * unimodal sanity case and a one-seed, 500-step C-R1 in the main thread and says what it cannot judge.
 *
 * Documented overrides for splitting or shortening a full run: `SAVO_SEEDS` (seeds per experiment),
 * `SAVO_ONLY` (comma-separated experiments: c-r1-oracle, c-r1-learned, c-r2, c-r3), `SAVO_SCALE` (a
 * factor on every step count) and `SAVO_WORKERS` (worker threads); the report says when they were used.
 */

import { Rng } from "@descent/core-tensor";
import { WorkerPool, type WorkerTask } from "@descent/core-tensor/node";
import { meanAndStandardError, type SavoAgent } from "@descent/rl-agents";
import type { Demo, DemoContext, DemoOutcome } from "../../demo.js";
import { NOT_JUDGED_QUICK } from "../../report/verdict.js";
import {
  C_R1_METHODS,
  C_R2_METHODS,
  C_R3_METHODS,
  multimodalTask,
  runSavoCellKeepingAgent,
  type SavoCellInput,
  type SavoCellOutput,
  type SavoExperiment,
} from "./savo-cells.js";

const EXPERIMENTS: SavoExperiment[] = ["c-r1-oracle", "c-r1-learned", "c-r2", "c-r3"];

/** Full-mode scale per experiment (rl-agents's docs/savo.md, "reproduction protocol"). */
const FULL: Record<SavoExperiment, { seeds: number; steps: number; batchSize: number }> = {
  "c-r1-oracle": { seeds: 5, steps: 2000, batchSize: 128 },
  "c-r1-learned": { seeds: 5, steps: 20_000, batchSize: 128 },
  // reduced from 50 000 env steps: Wolpertinger-5 % scores 100 candidates per row of every update
  "c-r2": { seeds: 5, steps: 10_000, batchSize: 64 },
  "c-r3": { seeds: 3, steps: 20_000, batchSize: 64 },
};

/** Reads a documented override; a malformed value is an error, never silently ignored. */
function envNumber(name: string, fallback: number, integer: boolean): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const v = Number(raw);
  if (!(v > 0) || (integer && !Number.isInteger(v))) {
    throw new Error(
      `${name} must be a positive ${integer ? "integer" : "number"}, received ${JSON.stringify(raw)}`,
    );
  }
  return v;
}

interface Plan {
  experiments: SavoExperiment[];
  seedsOverride: number | null;
  scale: number;
  workers: number | null;
  overrides: string[];
}

function planOf(): Plan {
  const overrides: string[] = [];
  const only = process.env.SAVO_ONLY;
  let experiments = EXPERIMENTS;
  if (only !== undefined && only !== "") {
    const asked = only.split(",").map((x) => x.trim());
    for (const e of asked) {
      if (!EXPERIMENTS.includes(e as SavoExperiment)) {
        throw new Error(
          `SAVO_ONLY lists unknown experiment ${JSON.stringify(e)} (known: ${EXPERIMENTS.join(", ")})`,
        );
      }
    }
    experiments = EXPERIMENTS.filter((e) => asked.includes(e));
    overrides.push(`SAVO_ONLY=${only}`);
  }
  const seeds = process.env.SAVO_SEEDS ? envNumber("SAVO_SEEDS", 5, true) : null;
  if (seeds !== null) overrides.push(`SAVO_SEEDS=${seeds}`);
  const scale = envNumber("SAVO_SCALE", 1, false);
  if (scale !== 1) overrides.push(`SAVO_SCALE=${scale}`);
  const workers = process.env.SAVO_WORKERS ? envNumber("SAVO_WORKERS", 1, true) : null;
  if (workers !== null) overrides.push(`SAVO_WORKERS=${workers}`);
  return { experiments, seedsOverride: seeds, scale, workers, overrides };
}

/**
 * The worker task: the built CLI ships `savo-cells.js` beside `main.js`; from sources the worker
 * registers tsx itself first (a worker does not honour the parent's `--import`) and loads the `.ts`.
 */
async function cellTask(): Promise<WorkerTask> {
  const { existsSync } = await import("node:fs");
  const { fileURLToPath, pathToFileURL } = await import("node:url");
  const built = new URL("./savo-cells.js", import.meta.url);
  if (existsSync(fileURLToPath(built))) return { module: built, name: "runSavoCell" };
  const { createRequire } = await import("node:module");
  const tsxApi = createRequire(import.meta.url)
    .resolve("tsx/esm/api")
    .replace(/index\.cjs$/, "index.mjs");
  const source = new URL("./savo-cells.ts", import.meta.url);
  const code =
    `let loaded; export async function runSavoCell(input) {` +
    ` loaded ??= import(${JSON.stringify(pathToFileURL(tsxApi).href)}).then((t) => { t.register(); return import(${JSON.stringify(source.href)}); });` +
    ` return (await loaded).runSavoCell(input); }`;
  return { module: `data:text/javascript,${encodeURIComponent(code)}`, name: "runSavoCell" };
}

/** The cell whose trained agent draws the landscape figure: SAVO-3 on the first C-R1 oracle task. */
function isLandscapeCell(c: SavoCellInput, seed: number): boolean {
  return c.experiment === "c-r1-oracle" && c.method === "SAVO-3" && c.seed === seed && c.bumps === undefined;
}

async function runCells(
  ctx: DemoContext,
  inputs: SavoCellInput[],
  workers: number | null,
  keep: { agent?: SavoAgent },
): Promise<SavoCellOutput[]> {
  const describe = (c: SavoCellInput, o: SavoCellOutput) =>
    `${c.experiment} seed ${c.seed} ${c.method}: ${Object.entries(o.metrics)
      .map(([k, v]) => `${k}=${v.toFixed(3)}`)
      .join(" ")} (${o.seconds.toFixed(1)} s)`;
  if (workers === 1 || ctx.quick) {
    const out: SavoCellOutput[] = [];
    for (const c of inputs) {
      if (ctx.signal.aborted) throw new Error("aborted");
      const { output: o, agent } = runSavoCellKeepingAgent(c);
      if (agent && isLandscapeCell(c, ctx.seed)) keep.agent = agent;
      ctx.log(describe(c, o));
      out.push(o);
    }
    return out;
  }
  const pool = await WorkerPool.create(workers === null ? {} : { size: workers });
  try {
    const task = await cellTask();
    const out = await pool.map<SavoCellInput, SavoCellOutput>(task, inputs, {
      signal: ctx.signal,
      onProgress: (done, total) => ctx.log(`savo: ${done}/${total} cells done (${pool.size} workers)`),
    });
    for (let i = 0; i < inputs.length; i++)
      ctx.log(describe(inputs[i] as SavoCellInput, out[i] as SavoCellOutput));
    return out;
  } finally {
    await pool.close();
  }
}

type Cells = Map<string, Record<string, number[]>>;

function collect(inputs: SavoCellInput[], outputs: SavoCellOutput[], experiment: SavoExperiment): Cells {
  const cells: Cells = new Map();
  inputs.forEach((c, i) => {
    if (c.experiment !== experiment) return;
    let cell = cells.get(c.method);
    if (cell === undefined) {
      cell = {};
      cells.set(c.method, cell);
    }
    for (const [k, v] of Object.entries((outputs[i] as SavoCellOutput).metrics)) (cell[k] ??= []).push(v);
  });
  return cells;
}

function fmt(xs: number[] | undefined, digits = 3, factor = 1): string {
  if (!xs || xs.length === 0) return "—";
  const { mean, se } = meanAndStandardError(xs.map((x) => x * factor));
  return xs.length > 1 ? `${mean.toFixed(digits)} ± ${se.toFixed(digits)}` : mean.toFixed(digits);
}

function stat(cells: Cells, method: string, metric: string) {
  return meanAndStandardError(cells.get(method)?.[metric] ?? [Number.NaN]);
}

async function landscapes(
  ctx: DemoContext,
  agent: SavoAgent,
  env: ReturnType<typeof multimodalTask>,
): Promise<void> {
  const s = new Rng(ctx.seed + 99).uniformArray(env.stateDim, -1, 1);
  const p = agent.proposals(s);
  const n = 41;
  const ticks = Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
  const cellOf = (v: number) => Math.round(((v + 1) * (n - 1)) / 2);
  for (let i = 0; i < agent.numActors; i++) {
    const values = ticks
      .slice()
      .reverse()
      .map((a2) =>
        ticks.map((a1) => (i === 0 ? env.trueReward(s, [a1, a2]) : agent.surrogateValue(i, s, [a1, a2]))),
      );
    // empty cells mark the proposals of the actors (the heat-map has no point layer)
    for (const a of p.actions) {
      const row = n - 1 - cellOf(a[1] as number);
      const col = cellOf(a[0] as number);
      (values[row] as number[])[col] = Number.NaN;
    }
    await ctx.report.heatmap(
      `c-r1-landscape-${i}`,
      {
        title: i === 0 ? "Q(s,·) = true reward (oracle)" : `learned surrogate Ψ̂_${i}(s,·)`,
        xLabel: "a₁",
        yLabel: "a₂",
        values,
        xTicks: ticks.map((t) => t.toFixed(2)),
        yTicks: ticks
          .slice()
          .reverse()
          .map((t) => t.toFixed(2)),
        showValues: false,
      },
      `${i === 0 ? "True reward" : `Ψ̂_${i}`} over the action square for one test state; empty cells are the proposals a_0…a_${agent.numActors - 1} = ${p.actions
        .map((a) => `(${(a[0] as number).toFixed(2)}, ${(a[1] as number).toFixed(2)})`)
        .join(", ")} (chosen: a_${p.chosen}).`,
    );
  }
}

export const savoDemo: Demo = {
  name: "savo",
  packageName: "@descent/rl-agents",
  method: "packages/rl-agents/docs/savo.md",
  terms: {
    SAVO: "Successive Actors for Value Optimization, the paper's method: k actors, actor i ascending a surrogate of max(Q, best earlier proposal) so that it escapes the local maxima found before",
    TD3: "Twin Delayed DDPG, the deterministic-policy-gradient agent with one actor that SAVO extends (rl-agents method §A.8)",
    "Ensemble-3": "three independent TD3 actors, the action with the largest Q among their proposals",
    "SAVO-3 − surrogates":
      "SAVO with three actors ascending Q directly instead of the surrogates (the ablation)",
    CEM: "the cross-entropy method maximising Q over actions (population 64, 6 elites, 3 iterations)",
    "oracle critic":
      "the actors ascend the true reward instead of a learned Q (isolates the actor's optimisation)",
    V: "mean reward of the greedy action over 1 000 test states (higher is better; 1 is the global bump's peak)",
    "C-R1": "the multimodal one-step task of the reproduction protocol",
  },
  title: "SAVO: successive actors for value optimization (Jain et al.)",
  description:
    "C-R1: the multimodal one-step task (state and action in [−1,1]², five broad low trap bumps and one narrow global bump) " +
    "in the oracle-critic regime (actors ascend the true reward; 64-64 nets) and the learned-critic regime (noise 0.05, γ = 0, " +
    "20 000 env steps): TD3, Ensemble-3, SAVO-3, SAVO-3 − surrogates, CEM; V = mean reward of the greedy action over 1 000 test " +
    "states and the fraction of states at the global bump. C-R2: RecSim-lite (2 000 items, 10 000 env steps): TD3 + 1-NN, " +
    "Wolpertinger 1 %/5 %, Ensemble-3, SAVO-3; return and Q-optimality. C-R3: cart-pole with a continuous force restricted to three " +
    "intervals (20 000 env steps, 3 seeds): TD3, Ensemble-3, SAVO-3. Full mode: 5 seeds (3 for C-R3) in worker threads; quick: the " +
    "unimodal sanity case and 1 seed × 500 oracle steps of C-R1 (batch 64).",
  async run(ctx): Promise<DemoOutcome> {
    const quick = ctx.quick;
    const plan = planOf();
    const scaled = (n: number) => Math.max(1, Math.round(n * plan.scale));
    const inputs: SavoCellInput[] = [];
    // sanity: one bump (widened so that gradients reach it from everywhere), TD3 and SAVO-3
    for (const method of ["TD3", "SAVO-3"]) {
      inputs.push({
        experiment: "c-r1-oracle",
        method,
        seed: ctx.seed,
        steps: scaled(quick ? 400 : 1000),
        batchSize: quick ? 64 : 128,
        bumps: 1,
        globalWidth: 0.5,
      });
    }
    const sanityCount = inputs.length;
    const seedsOf = (e: SavoExperiment) => (quick ? 1 : (plan.seedsOverride ?? FULL[e].seeds));
    const methodsOf = (e: SavoExperiment): readonly string[] =>
      e === "c-r2"
        ? C_R2_METHODS
        : e === "c-r3"
          ? C_R3_METHODS
          : e === "c-r1-learned"
            ? C_R1_METHODS.slice(0, 4)
            : C_R1_METHODS;
    const experiments = quick ? (["c-r1-oracle"] as SavoExperiment[]) : plan.experiments;
    for (const e of experiments) {
      for (let s = 0; s < seedsOf(e); s++) {
        for (const method of methodsOf(e)) {
          inputs.push({
            experiment: e,
            method,
            seed: ctx.seed + 1000 * s,
            steps: scaled(quick ? 500 : FULL[e].steps),
            batchSize: quick ? 64 : FULL[e].batchSize,
          });
        }
      }
    }
    const keep: { agent?: SavoAgent } = {};
    const outputs = await runCells(ctx, inputs, quick ? 1 : plan.workers, keep);
    const sanity = inputs
      .slice(0, sanityCount)
      .map((c, i) => [c.method, (outputs[i] as SavoCellOutput).metrics.value as number] as const);
    const sanityHeld = sanity.every(([, v]) => v > 0.99);
    const rest = inputs.slice(sanityCount);
    const restOut = outputs.slice(sanityCount);

    if (plan.overrides.length > 0 && !quick) {
      ctx.report
        .section("Overrides")
        .text(`This run used ${plan.overrides.join(", ")}: it is not the full protocol.`);
    }
    ctx.report
      .section("Sanity: unimodal oracle task")
      .text("One bump of width 0.5 (no traps); both methods should reach V > 0.99.")
      .table(
        ["method", "V"],
        sanity.map(([m, v]) => [m, v.toFixed(4)]),
      );

    const expectations: [string, boolean | null, string][] = [
      ["sanity: TD3 and SAVO-3 reach V > 0.99 on the unimodal task", sanityHeld, ""],
    ];
    const reason = quick ? `${NOT_JUDGED_QUICK}: 1 seed, 500 steps` : "";
    const judge = (e: SavoExperiment) => !quick && experiments.includes(e) && seedsOf(e) >= 3;
    const notRun = (e: SavoExperiment) =>
      quick
        ? `${NOT_JUDGED_QUICK}: not run in quick mode`
        : experiments.includes(e)
          ? "cannot judge (fewer than 3 seeds)"
          : "not run (SAVO_ONLY)";

    const r1 = collect(rest, restOut, "c-r1-oracle");
    let headline = "";
    if (r1.size > 0) {
      const seeds = seedsOf("c-r1-oracle");
      ctx.report
        .section("C-R1 (a): oracle critic")
        .text(
          `${seeds} seed(s) (each with its own task), ${scaled(quick ? 500 : FULL["c-r1-oracle"].steps)} actor steps of batch ${quick ? 64 : 128} per method; ` +
            "mean ± standard error over seeds. CEM: population 64, 6 elites, 3 iterations on the true reward at every decision (no training).",
        )
        .table(
          ["method", "V", "% test states at the global bump", "per-seed V"],
          C_R1_METHODS.map((m) => [
            m,
            fmt(r1.get(m)?.value),
            fmt(r1.get(m)?.globalFraction, 1, 100),
            (r1.get(m)?.value ?? []).map((v) => v.toFixed(3)).join(", "),
          ]),
        );
      ctx.report.data("c-r1-oracle", Object.fromEntries(r1));
      const savo = stat(r1, "SAVO-3", "value");
      const ens = stat(r1, "Ensemble-3", "value");
      const td3 = stat(r1, "TD3", "value");
      const noSur = stat(r1, "SAVO-3 − surrogates", "value");
      const ok = judge("c-r1-oracle");
      expectations.push(
        [
          "C-R1: V(SAVO-3) > V(Ensemble-3) with non-overlapping ± 1 s.e.",
          ok ? savo.mean - savo.se > ens.mean + ens.se : null,
          reason,
        ],
        ["C-R1: V(Ensemble-3) ≥ V(TD3)", ok ? ens.mean >= td3.mean : null, reason],
        [
          "C-R1: SAVO − surrogates lies between Ensemble-3 and SAVO-3",
          ok ? noSur.mean >= ens.mean && noSur.mean <= savo.mean : null,
          reason,
        ],
        ["C-R1: mean V(SAVO-3) > mean V(TD3) (qualitative claim)", ok ? savo.mean > td3.mean : null, reason],
      );
      headline = `C-R1 oracle (${seeds} seed(s)): V SAVO-3 ${savo.mean.toFixed(3)}, Ensemble-3 ${ens.mean.toFixed(3)}, TD3 ${td3.mean.toFixed(3)}, SAVO − surrogates ${noSur.mean.toFixed(3)}, CEM ${stat(r1, "CEM", "value").mean.toFixed(3)}`;
      // the landscape figure: SAVO-3 of the first seed; a worker's agent stays in its thread, so full
      // mode retrains that cell here (same seeds, same agent)
      const env = multimodalTask({ seed: ctx.seed });
      let agent = keep.agent;
      if (agent === undefined) {
        const c = rest.find((x) => isLandscapeCell(x, ctx.seed));
        if (c) agent = runSavoCellKeepingAgent(c).agent;
      }
      if (agent) await landscapes(ctx, agent, env);
    }

    const learned = collect(rest, restOut, "c-r1-learned");
    if (learned.size > 0) {
      ctx.report
        .section("C-R1 (b): learned critic")
        .text(
          `Reward noise 0.05, γ = 0, ${scaled(FULL["c-r1-learned"].steps)} environment steps (1 000 uniform warm-up), TD3 defaults otherwise, 64-64 nets, batch 128.`,
        )
        .table(
          ["method", "V", "% at the global bump"],
          [...learned.entries()].map(([m, c]) => [m, fmt(c.value), fmt(c.globalFraction, 1, 100)]),
        );
      ctx.report.data("c-r1-learned", Object.fromEntries(learned));
    }

    const r2 = collect(rest, restOut, "c-r2");
    if (r2.size > 0) {
      ctx.report
        .section("C-R2: RecSim-lite")
        .text(
          `2 000 items in ℝ⁸ (20 clusters), horizon 20, ${scaled(FULL["c-r2"].steps)} environment steps (1 000 uniform warm-up), batch 64, 64-64 nets. ` +
            "Return: mean clicks over 20 greedy episodes. Q-optimality: Q1(s, executed item) / max over all items of Q1(s, item), over the states of 5 greedy episodes.",
        )
        .table(
          ["method", "return", "Q-optimality"],
          C_R2_METHODS.map((m) => [m, fmt(r2.get(m)?.return, 2), fmt(r2.get(m)?.qOptimality)]),
        );
      ctx.report.data("c-r2", Object.fromEntries(r2));
    }
    {
      const ok = judge("c-r2");
      const savo = (k: string) => stat(r2, "SAVO-3", k).mean;
      const w5 = (k: string) => stat(r2, "Wolpertinger-5%", k).mean;
      const nn = (k: string) => stat(r2, "TD3 + 1-NN", k).mean;
      expectations.push(
        [
          "C-R2: SAVO-3 ≥ Wolpertinger-5 % in return and Q-optimality",
          ok ? savo("return") >= w5("return") && savo("qOptimality") >= w5("qOptimality") : null,
          ok ? "" : notRun("c-r2"),
        ],
        [
          "C-R2: Wolpertinger-5 % > TD3 + 1-NN in return and Q-optimality",
          ok ? w5("return") > nn("return") && w5("qOptimality") > nn("qOptimality") : null,
          ok ? "" : notRun("c-r2"),
        ],
      );
    }

    const r3 = collect(rest, restOut, "c-r3");
    if (r3.size > 0) {
      ctx.report
        .section("C-R3: restricted inverted pendulum")
        .text(
          `Cart-pole with force 10·u, u restricted to three intervals of width 0.3 (infeasible → zero force), ${scaled(FULL["c-r3"].steps)} environment steps ` +
            "(1 000 uniform warm-up), batch 64, 64-64 nets. Return: mean of 5 greedy episodes (1 000 = balanced for the whole episode).",
        )
        .table(
          ["method", "return", "seeds balanced (return 1 000)"],
          C_R3_METHODS.map((m) => [
            m,
            fmt(r3.get(m)?.return, 1),
            String((r3.get(m)?.balanced ?? []).reduce((a, b) => a + b, 0)),
          ]),
        );
      ctx.report.data("c-r3", Object.fromEntries(r3));
    }
    {
      const ok = judge("c-r3");
      const balanced = (m: string) => (r3.get(m)?.balanced ?? []).reduce((a, b) => a + b, 0);
      expectations.push([
        "C-R3: SAVO-3 balances on at least as many seeds as TD3, with a higher mean return",
        ok
          ? balanced("SAVO-3") >= balanced("TD3") &&
            stat(r3, "SAVO-3", "return").mean > stat(r3, "TD3", "return").mean
          : null,
        ok ? "" : notRun("c-r3"),
      ]);
    }

    ctx.report.section("Expectations").table(
      ["expectation", "status"],
      expectations.map(([e, ok, why]) => [e, ok === null ? why || "cannot judge" : ok ? "held" : "not held"]),
    );
    const judged = expectations.filter(([, ok]) => ok !== null);
    const held = judged.filter(([, ok]) => ok).length;
    const status = quick
      ? sanityHeld
        ? "not applicable"
        : "not reproduced"
      : plan.overrides.length > 0
        ? "not applicable"
        : held === judged.length
          ? "reproduced"
          : held > 1
            ? "partially reproduced"
            : "not reproduced";
    return {
      status,
      headline: `${headline}; ${held}/${judged.length} judged expectations held.`,
    };
  },
};
