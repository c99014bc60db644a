/**
 * The `savo` demo (rl-agents issue 16): C-R1 of SAVO's reduced-scale reproduction, the multimodal one-step
 * task with a known optimum, in the oracle-critic regime (actors ascend the true reward) and, in full mode,
 * the learned-critic regime; TD3 vs Ensemble-3 vs SAVO-3 vs SAVO-3 − surrogates vs CEM. Quick mode runs
 * the unimodal sanity case and a one-seed, 500-step C-R1 and says what it cannot judge.
 */

import { Rng } from "@descent/core-tensor";
import {
  CemActor,
  createEnsembleTd3,
  evaluateMultimodal,
  type MultimodalBanditEnv,
  meanAndStandardError,
  multimodalBandit,
  rewardOracle,
  SavoAgent,
  type SavoOptions,
  trainAgent,
  trainOnOracle,
} from "@descent/rl-agents";
import type { Demo, DemoContext, DemoOutcome } from "../../demo.js";

const METHODS = ["TD3", "Ensemble-3", "SAVO-3", "SAVO-3 − surrogates", "CEM"] as const;
type Method = (typeof METHODS)[number];

interface Agentish {
  act(obs: Float64Array, opts?: { explore?: boolean }): Float64Array;
}

function buildAgent(
  method: Exclude<Method, "CEM">,
  env: MultimodalBanditEnv,
  seed: number,
  oracle: boolean,
  extra: SavoOptions = {},
): SavoAgent {
  const base: SavoOptions = {
    hiddenSizes: [64, 64],
    batchSize: 128,
    seed,
    ...(oracle ? { valueOracle: rewardOracle(env) } : {}),
    ...extra,
  };
  const d = env.actionDim;
  const bounds = new Array(d).fill(1);
  if (method === "TD3")
    return new SavoAgent(env.stateDim, bounds, { ...base, numActors: 1, surrogates: false });
  if (method === "Ensemble-3") return createEnsembleTd3(env.stateDim, bounds, { ...base, numActors: 3 });
  if (method === "SAVO-3") return new SavoAgent(env.stateDim, bounds, { ...base, numActors: 3 });
  return new SavoAgent(env.stateDim, bounds, { ...base, numActors: 3, surrogates: false });
}

function cemPolicy(
  env: MultimodalBanditEnv,
  seed: number,
  value: (s: Float64Array, a: Float64Array) => number,
): Agentish {
  const cem = new CemActor();
  const rng = new Rng(seed);
  const bound = new Array(env.actionDim).fill(1);
  return { act: (s) => cem.maximise((pop) => pop.map((a) => value(s, a)), bound, rng) };
}

interface Cell {
  value: number[];
  globalFraction: number[];
}

function fmt(xs: number[], digits = 3): string {
  const { mean, se } = meanAndStandardError(xs);
  return xs.length > 1 ? `${mean.toFixed(digits)} ± ${se.toFixed(digits)}` : mean.toFixed(digits);
}

function runOracleGrid(
  ctx: DemoContext,
  opts: { seeds: number; steps: number; bumps: number; globalWidth?: number; methods: readonly Method[] },
) {
  const cells = new Map<Method, Cell>(opts.methods.map((m) => [m, { value: [], globalFraction: [] }]));
  let savoExample: { agent: SavoAgent; env: MultimodalBanditEnv } | null = null;
  for (let s = 0; s < opts.seeds; s++) {
    const taskSeed = ctx.seed + 1000 * s;
    const env = multimodalBandit({
      bumps: opts.bumps,
      seed: taskSeed,
      ...(opts.globalWidth ? { globalWidth: opts.globalWidth } : {}),
    });
    for (const method of opts.methods) {
      if (ctx.signal.aborted) throw new Error("aborted");
      const t0 = Date.now();
      let policy: Agentish;
      if (method === "CEM") policy = cemPolicy(env, taskSeed + 7, (st, a) => env.trueReward(st, a));
      else {
        const agent = buildAgent(method, env, taskSeed + 1, true);
        trainOnOracle(agent, env, {
          steps: opts.steps,
          batchSize: 128,
          seed: taskSeed + 2,
          signal: ctx.signal,
        });
        if (method === "SAVO-3" && s === 0) savoExample = { agent, env };
        policy = agent;
      }
      const ev = evaluateMultimodal(policy, env, { testStates: 1000, seed: taskSeed + 3 });
      const cell = cells.get(method) as Cell;
      cell.value.push(ev.value);
      cell.globalFraction.push(ev.globalFraction);
      ctx.log(
        `C-R1 oracle M=${opts.bumps} seed ${s} ${method}: V=${ev.value.toFixed(3)} global=${(100 * ev.globalFraction).toFixed(0)}% (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
      );
    }
  }
  return { cells, savoExample: savoExample as { agent: SavoAgent; env: MultimodalBanditEnv } | null };
}

function runLearnedGrid(
  ctx: DemoContext,
  opts: { seeds: number; envSteps: number; methods: readonly Exclude<Method, "CEM">[] },
) {
  const cells = new Map<Method, Cell>(opts.methods.map((m) => [m, { value: [], globalFraction: [] }]));
  for (let s = 0; s < opts.seeds; s++) {
    const taskSeed = ctx.seed + 1000 * s;
    for (const method of opts.methods) {
      const env = multimodalBandit({ noise: 0.05, seed: taskSeed });
      // γ = 0: the one-step task's Q* is the expected reward; 1 000 uniform warm-up steps (our choice)
      const agent = buildAgent(method, env, taskSeed + 1, false, { gamma: 0, startSteps: 1000 });
      trainAgent({ env, agent, totalSteps: opts.envSteps, seed: taskSeed + 5, signal: ctx.signal });
      const ev = evaluateMultimodal(agent, env, { testStates: 1000, seed: taskSeed + 3 });
      const cell = cells.get(method) as Cell;
      cell.value.push(ev.value);
      cell.globalFraction.push(ev.globalFraction);
      ctx.log(
        `C-R1 learned seed ${s} ${method}: V=${ev.value.toFixed(3)} global=${(100 * ev.globalFraction).toFixed(0)}%`,
      );
    }
  }
  return cells;
}

async function landscapes(ctx: DemoContext, agent: SavoAgent, env: MultimodalBanditEnv): Promise<void> {
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
    "in the oracle-critic regime (actors ascend the true reward; 64-64 nets, batch 128) and, in full mode, the learned-critic " +
    "regime (noise 0.05, γ = 0, 20 000 env steps); TD3, Ensemble-3, SAVO-3, SAVO-3 − surrogates and CEM; metric V = mean reward " +
    "of the greedy action over 1 000 test states and the fraction of states at the global bump. Full mode: 5 seeds × 2 000 steps; " +
    "quick: the unimodal sanity case and 1 seed × 500 steps. C-R2 (RecSim-lite) and C-R3 (restricted cart-pole) are not run yet.",
  async run(ctx): Promise<DemoOutcome> {
    const quick = ctx.quick;
    // sanity: one bump (widened so that gradients reach it from everywhere), TD3 and SAVO-3
    const sanity = runOracleGrid(ctx, {
      seeds: 1,
      steps: quick ? 400 : 1000,
      bumps: 1,
      globalWidth: 0.5,
      methods: ["TD3", "SAVO-3"],
    });
    const sanityV = METHODS.filter((m) => sanity.cells.has(m)).map(
      (m) => [m, (sanity.cells.get(m) as Cell).value[0] as number] as const,
    );
    ctx.report
      .section("Sanity: unimodal oracle task")
      .text("One bump of width 0.5 (no traps); both methods should reach V > 0.99.")
      .table(
        ["method", "V"],
        sanityV.map(([m, v]) => [m, v.toFixed(4)]),
      );
    const sanityHeld = sanityV.every(([, v]) => v > 0.99);

    const seeds = quick ? 1 : 5;
    const steps = quick ? 500 : 2000;
    const grid = runOracleGrid(ctx, { seeds, steps, bumps: 6, methods: METHODS });
    const rows = METHODS.map((m) => {
      const c = grid.cells.get(m) as Cell;
      return [
        m,
        fmt(c.value),
        fmt(
          c.globalFraction.map((x) => 100 * x),
          1,
        ),
        c.value.map((v) => v.toFixed(3)).join(", "),
      ];
    });
    ctx.report
      .section("C-R1 (a): oracle critic")
      .text(
        `${seeds} seed(s) (each with its own task), ${steps} actor steps of batch 128 per method; mean ± standard error over seeds. ` +
          "CEM: population 64, 6 elites, 3 iterations on the true reward at every decision (no training).",
      )
      .table(["method", "V", "% test states at the global bump", "per-seed V"], rows);
    ctx.report.data("c-r1-oracle", Object.fromEntries([...grid.cells.entries()]));
    if (grid.savoExample) await landscapes(ctx, grid.savoExample.agent, grid.savoExample.env);

    const mean = (m: Method) => meanAndStandardError((grid.cells.get(m) as Cell).value);
    const savo = mean("SAVO-3");
    const ens = mean("Ensemble-3");
    const td3 = mean("TD3");
    const noSur = mean("SAVO-3 − surrogates");
    const expectations: [string, boolean | null][] = [
      ["sanity: TD3 and SAVO-3 reach V > 0.99 on the unimodal task", sanityHeld],
      [
        "V(SAVO-3) > V(Ensemble-3) with non-overlapping ± 1 s.e.",
        seeds < 5 ? null : savo.mean - savo.se > ens.mean + ens.se,
      ],
      ["V(Ensemble-3) ≥ V(TD3)", seeds < 5 ? null : ens.mean >= td3.mean],
      [
        "SAVO − surrogates lies between Ensemble-3 and SAVO-3",
        seeds < 5 ? null : noSur.mean >= ens.mean && noSur.mean <= savo.mean,
      ],
      ["mean V(SAVO-3) > mean V(TD3) (qualitative claim)", seeds < 5 ? null : savo.mean > td3.mean],
    ];

    if (!quick) {
      const learned = runLearnedGrid(ctx, {
        seeds,
        envSteps: 20_000,
        methods: ["TD3", "Ensemble-3", "SAVO-3", "SAVO-3 − surrogates"],
      });
      ctx.report
        .section("C-R1 (b): learned critic")
        .text(
          "Reward noise 0.05, γ = 0, 20 000 environment steps (1 000 uniform warm-up), TD3 defaults otherwise, 64-64 nets, batch 128.",
        )
        .table(
          ["method", "V", "% at the global bump"],
          [...learned.entries()].map(([m, c]) => [
            m,
            fmt(c.value),
            fmt(
              c.globalFraction.map((x) => 100 * x),
              1,
            ),
          ]),
        );
      ctx.report.data("c-r1-learned", Object.fromEntries([...learned.entries()]));
    }
    ctx.report
      .section("Expectations")
      .table(
        ["expectation", "status"],
        [
          ...expectations.map(([e, ok]) => [
            e,
            ok === null ? "cannot judge (quick mode: 1 seed, 500 steps)" : ok ? "held" : "not held",
          ]),
          ["C-R2 (RecSim-lite) and C-R3 (restricted cart-pole)", "not run: not implemented in this demo yet"],
        ],
      );
    const judged = expectations.filter(([, ok]) => ok !== null);
    const held = judged.filter(([, ok]) => ok).length;
    const status = quick
      ? sanityHeld
        ? "not applicable"
        : "not reproduced"
      : held === judged.length
        ? "reproduced"
        : held > 1
          ? "partially reproduced"
          : "not reproduced";
    return {
      status,
      headline: `C-R1 oracle (${seeds} seed(s), ${steps} steps): V SAVO-3 ${savo.mean.toFixed(3)}, Ensemble-3 ${ens.mean.toFixed(3)}, TD3 ${td3.mean.toFixed(3)}, SAVO − surrogates ${noSur.mean.toFixed(3)}, CEM ${mean("CEM").mean.toFixed(3)}; ${held}/${judged.length} judged expectations held.`,
    };
  },
};
