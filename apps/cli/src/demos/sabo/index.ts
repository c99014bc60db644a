/**
 * The sabo demo: the reduced-scale reproduction of method §e of SABO (Ye et al., ICLR 2025) — e.1 synthetic
 * convergence against INGO, CMA-ES, sep-CMA-ES, MMES and BES; e.2 the headline flat-versus-sharp experiment with
 * its what-must-hold statements; e.3 the black-box prompt-tuning miniature.
 */
import type { Demo } from "../../demo.js";
import { judge, NOT_JUDGED_QUICK, summarizeVerdict } from "../../report/verdict.js";
import { mean } from "../../seed-statistics.js";
import { fullFlatSharp, quickFlatSharp, reportFlatSharp, runFlatSharp } from "./flat-versus-sharp.js";
import { fullPrompt, quickPrompt, reportPrompt, runPrompt } from "./prompt-tuning.js";
import {
  fullConvergence,
  quickConvergence,
  reportConvergence,
  runConvergence,
} from "./synthetic-convergence.js";

export const saboDemo: Demo = {
  name: "sabo",
  packageName: "@descent/sabo",
  method: "packages/sabo/docs/method.md",
  terms: {
    SABO: "Sharpness-Aware Black-box Optimization, the paper's method (method §c)",
    INGO: "Implicit Natural Gradient Optimizer, the black-box method SABO builds on; SABO with ρ = 0 (method §c.6)",
    "CMA-ES, sep-CMA-ES, MMES, BES": "the other black-box baselines (method §c.6)",
    BBT: "Black-Box Tuning: prompt tuning through a random projection queried as a black box (method §d, §e.3)",
    ρ: "the KL radius of SABO's neighbourhood (method §b; it scales with √d, §h.1)",
    "N, β": "queries per batch and step size",
    "F_train, F_test":
      "the objective at the final mean, and the same objective with every coordinate shifted (method §e.2)",
    fracFlat: "fraction of coordinates of the final mean in the flat well (μ_j > 0, method §e.2)",
  },
  title: "SABO: Sharpness-Aware Black-Box Optimization (Ye et al., ICLR 2025)",
  description:
    "Claim tested: minimising the worst Gaussian-smoothed value in a KL ball (SABO) steers black-box search to flat minima " +
    "that generalise better than those of its base method INGO, at similar convergence per iteration. e.2 measures the " +
    "flat-well preference and the train/test trade-off on a two-well landscape under a shift (the headline); e.1 compares " +
    "convergence with INGO, CMA-ES, sep-CMA-ES, MMES and BES; e.3 runs the prompt-tuning API on a convex few-shot miniature.",
  async run(ctx) {
    const flat = ctx.quick ? quickFlatSharp : fullFlatSharp;
    const conv = ctx.quick ? quickConvergence : fullConvergence;
    const prompt = ctx.quick ? quickPrompt : fullPrompt;
    ctx.log(`sabo demo (${ctx.quick ? "quick" : "full"}): e.2, e.1, e.3`);
    const e2 = await runFlatSharp(ctx, flat);
    await reportFlatSharp(ctx, flat, e2);
    const e1 = await runConvergence(ctx, conv);
    await reportConvergence(ctx, conv, e1);
    const e3 = await runPrompt(ctx, prompt);
    reportPrompt(ctx, prompt, e3);
    const held = e2.statements.filter((s) => s.holds).length;
    const total = e2.statements.length;
    const get = (label: string) => e2.methods.find((m) => m.label === label)?.metrics;
    const ingo = get("INGO N=20");
    const r10 = get("SABO ρ=10");
    const numbers =
      ingo && r10
        ? `fracFlat ${mean(ingo.fracFlat).toFixed(3)} (INGO) → ${mean(r10.fracFlat).toFixed(3)} (ρ = 10), ` +
          `F_test ${mean(ingo.test).toFixed(3)} → ${mean(r10.test).toFixed(3)}, F_train ${mean(ingo.train).toFixed(3)} → ${mean(r10.train).toFixed(3)}`
        : "";
    // Both the headline (e.2) and the e.1 acceptance check enter the verdict; e.3 is an integration demo
    // (method §e.3), not evidence. A failed check is named in the headline, never summarised as reproduced.
    const failedE2 = e2.statements.filter((s) => !s.holds).map((s) => s.text);
    // quick mode stops e.1 mid-convergence, where small rate differences are large factors: the check
    // cannot be decided at that size, so it is reported as not judged (whatever it measured) and left out
    const e1Judgement = judge(e1.withinOrder, { quick: ctx.quick, judgedInQuick: false });
    const e1Note =
      e1Judgement === NOT_JUDGED_QUICK
        ? `e.1: not judged (quick) — d = ${conv.dim}, ${conv.budget / conv.populationSize} iterations stop mid-convergence ` +
          (e1.withinOrder
            ? "(SABO per iteration within 10× of INGO on every function)"
            : `(SABO more than 10× from INGO on ${e1.outsideOrder.join(", ")})`) +
          "; the full run is the protocol's test"
        : e1.withinOrder
          ? "e.1: SABO per iteration within 10× of INGO on every function"
          : `e.1 check FAILED — SABO per iteration more than 10× from INGO on ${e1.outsideOrder.join(", ")}`;
    const verdict = summarizeVerdict([
      ...e2.statements.map((s) => ({ label: s.text, judgement: judge(s.holds, { quick: ctx.quick }) })),
      { label: "e.1", judgement: e1Judgement },
    ]);
    const status = verdict.status;
    return {
      status,
      headline:
        `e.2 (${flat.seeds} seeds, d = ${flat.dim}): ${held}/${total} what-must-hold statements hold` +
        (failedE2.length > 0 ? ` (failed: ${failedE2.join("; ")})` : "") +
        ` — ${numbers}; ${e1Note}.`,
    };
  },
};
