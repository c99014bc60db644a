/**
 * The `lrrl` demo (rl-agents issue 6): B-R2 (SGD on six non-convex functions, LRRL vs fixed step sizes)
 * and B-R1 (DQN on CartPole-v1, LRRL vs fixed rates, random arm choice, decay and cyclical rates), with
 * claims (i)-(iii) of method §B.e checked as measured.
 */
import type { Demo, DemoOutcome } from "../../demo.js";
import { judge, NOT_JUDGED_QUICK, summarizeVerdict } from "../../report/verdict.js";
import { ARMS, type CartPoleRow, runCartPoleGrid } from "./cartpole-lrrl.js";
import { runNonconvex } from "./nonconvex.js";

/** method §B.e B-R1: the scale method asks for before drawing conclusions. */
const SPEC_SEEDS = 5;
const SPEC_STEPS = 50_000;

/** The B-R1 scale actually run, and what set it. */
interface Scale {
  seeds: number;
  totalSteps: number;
  /** The documented overrides in effect (`LRRL_SEEDS=…`, `LRRL_STEPS=…`, `LRRL_ONLY=…`). */
  overrides: string[];
}

/** Reads a documented positive-integer override; a malformed value is an error, never silently ignored. */
function envInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v <= 0) {
    throw new Error(`${name} must be a positive integer, received ${JSON.stringify(raw)}`);
  }
  return v;
}

/**
 * Full mode runs the protocol's scale (method §B.e) (5 seeds × 50 000 steps). `LRRL_SEEDS`, `LRRL_STEPS` (and `LRRL_ONLY`,
 * which keeps only the configurations whose name contains it) are documented overrides for splitting or
 * shortening a run; the report header and the verdict say when they were used.
 */
function scaleOf(quick: boolean): Scale {
  const only = process.env.LRRL_ONLY;
  const overrides = only === undefined || only === "" ? [] : [`LRRL_ONLY=${JSON.stringify(only)}`];
  if (quick) return { seeds: 1, totalSteps: 4000, overrides };
  const seeds = envInteger("LRRL_SEEDS", SPEC_SEEDS);
  const totalSteps = envInteger("LRRL_STEPS", SPEC_STEPS);
  if (process.env.LRRL_SEEDS) overrides.unshift(`LRRL_SEEDS=${seeds}`);
  if (process.env.LRRL_STEPS) overrides.unshift(`LRRL_STEPS=${totalSteps}`);
  return { seeds, totalSteps, overrides };
}

function scaleSentence(scale: Scale, quick: boolean): string {
  const atSpec = scale.seeds >= SPEC_SEEDS && scale.totalSteps >= SPEC_STEPS;
  return (
    `B-R1 ran ${scale.seeds} seed(s) × ${scale.totalSteps} steps per configuration` +
    ` (method, B.e, asks for ${SPEC_SEEDS} seeds × ${SPEC_STEPS} steps` +
    `${atSpec ? "" : quick ? "; quick mode is a smoke run" : "; this run is below that scale"})` +
    `${scale.overrides.length > 0 ? `; overrides in effect: ${scale.overrides.join(", ")}` : ""}.`
  );
}

function fmt(s: { mean: number; se: number }): string {
  return `${s.mean.toFixed(1)} ± ${s.se.toFixed(1)}`;
}

export const lrrlDemo: Demo = {
  name: "lrrl",
  packageName: "@descent/rl-agents",
  method: "packages/rl-agents/docs/method.md",
  terms: {
    LRRL: "the paper's learning-rate bandit: a time-decayed Exp3 bandit picks the optimizer's learning rate every κ steps (method §B.c)",
    DQN: "deep Q-network agent (method §A.6)",
    arm: "one candidate learning rate",
    "K, K ∪ {3e-2}": "the arm set {1e-4, 3e-4, 1e-3, 3e-3, 1e-2}, and the same with a divergent rate added",
    "α, δ, j": "LRRL's weight step, per-round decay and feedback-baseline window (method §B.c)",
    "fixed η, uniform(K)": "baselines: one learning rate throughout, and an arm drawn uniformly each round",
    κ: "steps per bandit round",
    AUC: "area under the learning curve: the mean of the evaluation curve",
    "s.e.": "standard error over seeds",
    "B-R1, B-R2": "the experiments of method §B.e (CartPole with DQN; SGD on non-convex test functions)",
  },
  title: "LRRL: bandit-chosen learning rates (Donâncio et al.)",
  description:
    "B-R2: plain SGD on Rosenbrock, Rastrigin, Ackley, Beale, Himmelblau and Styblinski–Tang with five fixed " +
    "step sizes vs LRRL choosing among them every 10 steps. B-R1: DQN (ts backend, 4-64-64-2, Adam) on " +
    "CartPole-v1 with each fixed rate of {1e-4 … 1e-2}, LRRL over them, LRRL with a divergent arm 3e-2, a " +
    "uniformly random arm choice, exponential decay, a cyclical rate and LRRL with running-std feedback " +
    "normalisation; claims (i)-(iii) of method §B.e checked. Full mode: the protocol's 5 seeds × 50 000 steps " +
    "(documented overrides: LRRL_SEEDS, LRRL_STEPS, and LRRL_ONLY=<substring> to run only matching configurations; " +
    "the report states the scale used); quick: 1 seed × 4 000 steps, 3 configurations.",
  async run(ctx): Promise<DemoOutcome> {
    const scale = scaleOf(ctx.quick);
    ctx.report.section("Scale of this run").text(scaleSentence(scale, ctx.quick));
    const bR2 = await runNonconvex(ctx);
    const r2Pass = bR2.filter((r) => r.pass).length;

    const roundSteps = ctx.quick ? 500 : 1000;
    const binSize = ctx.quick ? 500 : 1000;
    const rows = runCartPoleGrid(ctx, {
      seeds: scale.seeds,
      totalSteps: scale.totalSteps,
      roundSteps,
      binSize,
    });
    const byName = new Map(rows.map((r) => [r.name, r]));
    ctx.report
      .section("B-R1: DQN on CartPole-v1, LRRL vs fixed learning rates and schedules")
      .text(
        `DQN (method §A.6/B.e): 4-64-64-2 ReLU MLP on the ts backend, Adam (ε 3.125e-4), γ 0.99, batch 64, replay 5e4, ` +
          `warm-up 500, one update every 2 steps, target every 200 steps, ε 1 → 0.02 over 5 000 steps, Huber loss. ` +
          `${scaleSentence(scale, ctx.quick)} LRRL: α 0.2, δ 0.9, j 5, κ = ${roundSteps} steps, feedback = mean ` +
          "return of the episodes finished in the round. 'uniform' = the same wrapper with α = 0 (a uniformly random arm every round). " +
          `Final = mean return of the episodes ending in the last 20 % of steps; AUC = mean of the per-${binSize}-step binned return curve.`,
      )
      .table(
        [
          "configuration",
          "final return (mean ± s.e.)",
          "AUC (mean ± s.e.)",
          "per-seed final",
          "NaN weights (seeds)",
        ],
        rows.map((r) => [
          r.name,
          fmt(r.final),
          fmt(r.auc),
          r.perSeedFinal.map((v) => v.toFixed(0)).join(", "),
          `${r.divergedSeeds} / ${scale.seeds}`,
        ]),
      );
    const steps = (rows[0]?.curveMean ?? []).map((_, b) => (b + 1) * binSize);
    await ctx.report.linePlot(
      "b-r1-learning-curves",
      {
        title: "DQN on CartPole-v1: training return",
        xLabel: "environment steps",
        yLabel: "episode return (binned)",
        series: rows
          .filter((r) => !r.name.startsWith("uniform"))
          .map((r) => ({
            name: r.name,
            x: steps,
            y: r.curveMean,
            lower: r.curveMean.map((m, i) => m - (r.curveSe[i] as number)),
            upper: r.curveMean.map((m, i) => m + (r.curveSe[i] as number)),
          })),
      },
      "Mean over seeds, shaded ± 1 s.e.",
    );
    const lrrlK = byName.get("LRRL(K)");
    const lrrlDiv = byName.get("LRRL(K ∪ {3e-2})");
    for (const [row, arms] of [
      [lrrlK, ARMS],
      [lrrlDiv, [...ARMS, 3e-2]],
    ] as const) {
      if (row === undefined || row.probs.length === 0) continue;
      await ctx.report.linePlot(
        `b-r1-arm-probabilities-${arms.length}`,
        {
          title: `${row.name}: arm probabilities per round`,
          xLabel: "bandit round",
          yLabel: "p_n(k)",
          series: arms.map((lr, k) => ({
            name: `η = ${lr.toExponential(0)}`,
            x: row.probs.map((_, n) => n + 1),
            y: row.probs.map((p) => p[k] as number),
          })),
        },
        `${row.name}: probability of each learning rate after each round (mean over seeds).`,
      );
    }
    ctx.report.data("bR1", { scale, roundSteps, binSize, rows });

    // claims of method §B.e B-R1; each is "held", "failed" or "untested" and the verdict names every non-held one
    const fixed = rows.filter((r) => r.name.startsWith("fixed"));
    const claims: {
      id: string;
      result: "held" | "failed" | "untested" | typeof NOT_JUDGED_QUICK;
      text: string;
    }[] = [];
    if (lrrlK !== undefined && fixed.length > 0) {
      const sorted = [...fixed].sort((a, b) => a.final.mean - b.final.mean);
      const med =
        sorted.length % 2 === 1
          ? (sorted[sorted.length >> 1] as CartPoleRow).final.mean
          : ((sorted[(sorted.length >> 1) - 1] as CartPoleRow).final.mean +
              (sorted[sorted.length >> 1] as CartPoleRow).final.mean) /
            2;
      const best = sorted[sorted.length - 1] as CartPoleRow;
      const ok = lrrlK.final.mean >= med && lrrlK.final.mean >= best.final.mean - best.final.se;
      const weak = fixed.length < ARMS.length;
      claims.push({
        id: "(i)",
        // with fewer than all fixed rates the median and the best are not method's, so the check is not made
        result: weak ? "untested" : ok ? "held" : "failed",
        text:
          `(i) LRRL(K) final ${fmt(lrrlK.final)} vs median fixed ${med.toFixed(1)} and best fixed (${best.name}) ${fmt(best.final)}: ` +
          `${lrrlK.final.mean >= med ? "≥ median" : "< median"}, ${lrrlK.final.mean >= best.final.mean - best.final.se ? "within" : "not within"} one s.e. of the best → ` +
          `${weak ? `NOT TESTED (only ${fixed.length} of the ${ARMS.length} fixed rates ran)` : ok ? "HOLDS" : "DOES NOT HOLD"}.`,
      });
    } else {
      claims.push({
        id: "(i)",
        result: "untested",
        text: "(i) not tested (LRRL(K) or the fixed rates did not run).",
      });
    }
    const uniK = byName.get("uniform(K)");
    const uniDiv = byName.get("uniform(K ∪ {3e-2})");
    if (lrrlK !== undefined && lrrlDiv !== undefined && uniK !== undefined && uniDiv !== undefined) {
      const dL = lrrlK.final.mean - lrrlDiv.final.mean;
      const dU = uniK.final.mean - uniDiv.final.mean;
      const ok = dL < dU;
      claims.push({
        id: "(ii)",
        result: ok ? "held" : "failed",
        text:
          `(ii) adding the divergent arm changes LRRL's final return by ${(-dL).toFixed(1)} and the uniform choice's by ` +
          `${(-dU).toFixed(1)} → ${ok ? "HOLDS" : "DOES NOT HOLD: LRRL lost more from the divergent arm than a uniformly random arm choice did"} ` +
          "(the claim: LRRL degrades less than the uniform choice).",
      });
    } else {
      claims.push({
        id: "(ii)",
        result: "untested",
        text: "(ii) NOT TESTED in this run (needs LRRL and the uniform-choice runs with and without the divergent arm).",
      });
    }
    if (lrrlDiv !== undefined && lrrlDiv.probs.length > 0) {
      const pEnd = lrrlDiv.probs[lrrlDiv.probs.length - 1] as number[];
      const K = pEnd.length;
      const maxDev = Math.max(...lrrlDiv.probs.map((p) => Math.max(...p.map((v) => Math.abs(v - 1 / K)))));
      const pDiv = pEnd[K - 1] as number;
      const ok = maxDev > 0.05 && pDiv < 1 / K;
      claims.push({
        id: "(iii)",
        result: ok ? "held" : "failed",
        text: `(iii) LRRL(K ∪ {3e-2}): largest departure of p from uniform over training ${maxDev.toFixed(3)}; final p(3e-2) = ${pDiv.toFixed(3)} vs 1/K = ${(1 / K).toFixed(3)} → ${ok ? "HOLDS" : "DOES NOT HOLD"}.`,
      });
    } else {
      claims.push({
        id: "(iii)",
        result: "untested",
        text: "(iii) not tested (LRRL(K ∪ {3e-2}) did not run).",
      });
    }
    // quick mode's single seed × 4,000 steps cannot decide comparisons of CartPole returns whose seed-to-seed
    // spread is larger than the differences claimed (method §B.e asks for 5 seeds × 50,000 steps): the
    // measured numbers are shown, the claims are not judged
    if (ctx.quick) {
      for (const c of claims) {
        c.result = NOT_JUDGED_QUICK;
        c.text = `${c.text.replace(/ → [^.]*\.$|\.$/, "")} → not judged (quick).`;
      }
    }
    const nanRows = rows.filter((r) => r.divergedSeeds > 0);
    const r2Failed = bR2.filter((r) => !r.pass).map((r) => r.name);
    ctx.report.section("Claims (method §B.e)").text(
      [
        `B-R2: the pass statement holds on ${r2Pass} of 6 functions (${
          bR2
            .filter((r) => r.pass)
            .map((r) => r.name)
            .join(", ") || "none"
        })${r2Failed.length > 0 ? `; it fails on ${r2Failed.join(", ")}` : ""}.`,
        ...claims.map((c) => `B-R1 ${c.text}`),
        `B-R1 smoke check (method §B.e: no run produces NaN): ${
          nanRows.length === 0
            ? "no configuration ended with non-finite network weights"
            : `non-finite weights in ${nanRows.map((r) => `${r.name} (${r.divergedSeeds} seed(s))`).join(", ")}`
        }.`,
      ].join("\n\n"),
    );
    const ids = (result: string) => claims.filter((c) => c.result === result).map((c) => c.id);
    const held = ids("held");
    const failed = ids("failed");
    const untested = ids("untested");
    const notJudged = ids(NOT_JUDGED_QUICK);
    const atSpec = scale.seeds >= SPEC_SEEDS && scale.totalSteps >= SPEC_STEPS;
    // "reproduced" needs every check made at the protocol's scale (method §B.e) and passed; anything less is said plainly
    // quick mode judges B-R2 only (the shared verdict: reproduced when every judged statement held)
    const status: DemoOutcome["status"] = ctx.quick
      ? summarizeVerdict([
          ...bR2.map((r) => ({ label: `B-R2 ${r.name}`, judgement: judge(r.pass, { quick: true }) })),
          ...claims.map((c) => ({ label: `B-R1 ${c.id}`, judgement: NOT_JUDGED_QUICK })),
        ]).status
      : r2Pass === 6 && held.length === claims.length && atSpec
        ? "reproduced"
        : r2Pass > 0 || held.length > 0
          ? "partially reproduced"
          : "not reproduced";
    const claimSummary = [
      ...(held.length > 0 || notJudged.length === 0 ? [`held ${held.join(" ") || "none"}`] : []),
      ...(failed.length > 0 ? [`FAILED ${failed.join(" ")}`] : []),
      ...(untested.length > 0 ? [`not tested ${untested.join(" ")}`] : []),
      ...(notJudged.length > 0 ? [`not judged (quick) ${notJudged.join(" ")}`] : []),
    ].join("; ");
    return {
      status,
      headline:
        `B-R2: LRRL ≤ median fixed step size, finite, with a divergent largest arm on ${r2Pass}/6 functions` +
        `${r2Failed.length > 0 ? ` (fails on ${r2Failed.join(", ")})` : ""}. ` +
        `B-R1 at ${scale.seeds} seed(s) × ${scale.totalSteps} steps (protocol: ${SPEC_SEEDS} × ${SPEC_STEPS}` +
        `${scale.overrides.length > 0 ? `; ${scale.overrides.join(", ")}` : ""}): claims ${claimSummary}; ` +
        `LRRL(K) final return ${lrrlK === undefined ? "n/a" : fmt(lrrlK.final)}.`,
    };
  },
};
