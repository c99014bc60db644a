/**
 * kahler-grassmannian's demo, the three experiments of kahler-grassmannian's docs/method.md §9: E3, the σ of
 * Donaldson's balanced metrics for k = 1..4 across the Dwork family against reference values; E1, subspace
 * learning at k = 2 (Methods A and B, Baseline C and the subspace baselines); E2, subspace learning at k = 3
 * with m ∈ {12, 20}; each with its statements evaluated. `KG_EXPERIMENTS` (e.g. `e2` or `e1,e3`) runs a
 * subset, one experiment at a time for the long full-size runs.
 */
import type { Demo } from "../../demo.js";
import { type DonaldsonRow, donaldsonTable, REFERENCE_SIGMA } from "./donaldson-table.js";
import { type SubspaceRow, subspaceLearning } from "./subspace-learning.js";
import { type ScalingRow, subspaceScaling } from "./subspace-scaling.js";

interface Statement {
  name: string;
  verdict: "held" | "did not hold" | typeof NOT_JUDGED;
  detail: string;
}

/** The verdict of a statement that the quick mode's sizes cannot decide (not a failure). */
const NOT_JUDGED = "not judged (quick)";

const EXPERIMENTS = ["e1", "e2", "e3"] as const;
type Experiment = (typeof EXPERIMENTS)[number];

/** The experiments named by `KG_EXPERIMENTS` (comma-separated, case-insensitive; default all three). */
export function selectedExperiments(raw: string | undefined): Set<Experiment> {
  if (raw === undefined || raw.trim() === "") return new Set(EXPERIMENTS);
  const out = new Set<Experiment>();
  for (const part of raw.split(",")) {
    const name = part.trim().toLowerCase();
    if (name === "") continue;
    if (!(EXPERIMENTS as readonly string[]).includes(name)) {
      throw new Error(`KG_EXPERIMENTS must list some of ${EXPERIMENTS.join(", ")}, received "${raw}"`);
    }
    out.add(name as Experiment);
  }
  return out;
}

export const kahlerGrassmannianDemo: Demo = {
  name: "kahler-grassmannian",
  method: "packages/kahler-grassmannian/docs/method.md",
  terms: {
    "X_ψ, ψ": "the Dwork quintic threefold Σzᵢ⁵ − 5ψΠzᵢ = 0 in ℙ⁴, and its complex-structure parameter",
    "k, N_k": "the degree of the sections of O(k) and their number, N_k = 5k(k² + 5)/6 (method §4)",
    "H, h-matrix": "the Hermitian matrix of the algebraic Kähler potential K = (1/kπ)·log(s†Hs) (method §5)",
    "balanced metric, T-operator":
      "Donaldson's fixed point H = T(H) of the T-operator, reached by iterating it (method §7)",
    σ: "the accuracy measure: the weighted mean of |1 − η/η̄|, η = det g/|Ω|² the Monge–Ampère ratio (0 exactly for the Ricci-flat metric; method §6), on a validation cloud",
    σ_k: "σ of Donaldson's balanced metric built from the sections of O(k)",
    σ_FS: "σ of the Fubini–Study metric (k = 1, H = I)",
    "m, subspace":
      "the dimension of the learned subspace of the N_k sections (a point of the Grassmannian Gr(m, N_k), method §8)",
    "Method A, Method B, Baseline C":
      "Donaldson on a learned subspace, the subspace and its h-matrix learned jointly, and the full h-matrix learned without a subspace (method §8)",
    "random, spectral subspaces":
      "baselines: a Haar-random subspace and the m leading eigenvectors of the full balanced H (method §8)",
  },
  packageName: "@descent/kahler-grassmannian",
  title: "kahler-grassmannian: balanced metrics (E3) and subspace learning (E1, E2) on the Dwork quintics",
  description:
    "Samples the Dwork quintics X_ψ by random-line intersection, computes Donaldson's balanced h-matrix for " +
    "sections of O(k), k = 1..4, on a training cloud and measures σ (the weighted L¹ Monge–Ampère deviation) on a " +
    "disjoint validation cloud, against reference values (E3); then learns 8-dimensional subspaces of the 15 " +
    "sections of O(2) with Methods A and B and the full h-matrix (Baseline C), against random and spectral " +
    "subspaces (E1, reduced); then learns 12- and 20-dimensional subspaces of the 35 sections of O(3) (E2). " +
    "KG_EXPERIMENTS=e1,e2,e3 selects the experiments (default all).",
  async run(ctx) {
    const quick = ctx.quick;
    const experiments = selectedExperiments(process.env.KG_EXPERIMENTS);
    const statements: Statement[] = [];
    const headline: string[] = [];
    if (experiments.has("e3")) {
      const rows = await runE3(ctx);
      statements.push(...judge(rows, quick));
      const psi0 = rows.filter((r) => r.psi === 0).map((r) => `σ_${r.k} = ${r.sigma.toFixed(3)}`);
      headline.push(`balanced metrics at ψ = 0: ${psi0.join(", ")}`);
    }
    if (experiments.has("e1")) {
      const rows = await runE1(ctx);
      statements.push(...judgeE1(rows, quick));
    }
    if (experiments.has("e2")) {
      const rows = await runE2(ctx);
      statements.push(...judgeE2(rows, quick));
      const at0 = rows.find((r) => r.psi === 0);
      if (at0 !== undefined) {
        headline.push(
          `E2 at ψ = 0, k = 3: ${at0.runs.map((r) => `m = ${r.m}: ${r.random.toFixed(3)} → A ${r.methodA.toFixed(3)}, B ${r.methodB.toFixed(3)}`).join("; ")} (full Donaldson ${at0.donaldson.toFixed(3)})`,
        );
      }
    }
    const skipped = EXPERIMENTS.filter((e) => !experiments.has(e));
    ctx.report.section("Statements").table(
      ["statement", "verdict", "detail"],
      statements.map((s) => [s.name, s.verdict, s.detail]),
    );
    if (skipped.length > 0) {
      ctx.report
        .section("Not run")
        .text(
          `${skipped.map((e) => e.toUpperCase()).join(", ")} not run (KG_EXPERIMENTS=${process.env.KG_EXPERIMENTS}).`,
        );
    }
    ctx.report.data("statements", statements);
    const judged = statements.filter((s) => s.verdict !== NOT_JUDGED);
    const failed = judged.filter((s) => s.verdict === "did not hold");
    return {
      status: failed.length === 0 ? "partially reproduced" : "not reproduced",
      headline:
        `${headline.length > 0 ? `${headline.join("; ")}; ` : ""}${judged.length - failed.length}/${judged.length} judged statements held ` +
        `(${statements.length - judged.length} not judged in quick mode)` +
        (skipped.length > 0 ? `; not run: ${skipped.map((e) => e.toUpperCase()).join(", ")}.` : "."),
    };
  },
};

type Ctx = Parameters<Demo["run"]>[0];

async function runE3(ctx: Ctx): Promise<DonaldsonRow[]> {
  const quick = ctx.quick;
  const psis = quick ? [0, 3] : [0, 0.5, 1.5, 3];
  const ks = quick ? [1, 2, 3] : [1, 2, 3, 4];
  const nTrain = quick ? 10_000 : 100_000;
  const nVal = quick ? 10_000 : 50_000;
  const workers = quick ? 1 : 2;
  ctx.progress.start("E3 balanced metrics", psis.length * ks.length);
  const rows = await donaldsonTable({
    psis,
    ks,
    nTrain,
    nVal,
    workers,
    seed: ctx.seed,
    signal: ctx.signal,
    onRow: (r) => {
      ctx.progress.tick();
      ctx.log(
        `ψ = ${r.psi}, k = ${r.k}: σ = ${r.sigma.toFixed(4)} ± ${r.standardError.toFixed(4)} (${r.seconds.toFixed(1)} s)`,
      );
    },
  });
  ctx.progress.stop();
  ctx.report
    .section("E3: σ of Donaldson's balanced metric")
    .text(
      `n_train = ${nTrain}, n_val = ${nVal} (disjoint clouds, seed ${ctx.seed}), 10 T-iterations from H = I ` +
        `(tolerance 1e-8), ${workers} worker thread(s). Reference: an independent float64 implementation of the ` +
        "same formulas (MC uncertainty ≈ ±0.004; kahler-grassmannian's docs/method.md §9).",
    )
    .table(
      [
        "ψ",
        "k",
        "N_k",
        "σ (balanced)",
        "± s.e.",
        "reference",
        "σ − reference",
        "σ_FS",
        "iterations",
        "seconds",
      ],
      rows.map((r) => [
        r.psi,
        r.k,
        r.N,
        r.sigma,
        r.standardError,
        r.reference ?? "—",
        r.reference === null ? "—" : r.sigma - r.reference,
        r.sigmaFs,
        r.iterations,
        r.seconds,
      ]),
    );
  await ctx.report.linePlot(
    "e3-sigma-vs-k",
    {
      title: "σ of the balanced metric vs k",
      xLabel: "k",
      yLabel: "σ (validation)",
      series: psis.map((psi) => ({
        name: `ψ = ${psi}`,
        x: ks,
        y: ks.map((k) => rows.find((r) => r.psi === psi && r.k === k)?.sigma ?? Number.NaN),
      })),
    },
    "Validation σ of Donaldson's balanced metric against the degree k of the sections, one line per ψ.",
  );
  await ctx.report.linePlot(
    "e3-sigma-vs-psi",
    {
      title: "σ vs ψ",
      xLabel: "ψ",
      yLabel: "σ (validation)",
      series: ks.map((k) => ({
        name: `k = ${k}`,
        x: psis,
        y: psis.map((psi) => rows.find((r) => r.psi === psi && r.k === k)?.sigma ?? Number.NaN),
      })),
    },
    "Validation σ against the modulus ψ, one line per k (k = 1 is the Fubini–Study metric).",
  );
  ctx.report.data("e3", { rows, reference: REFERENCE_SIGMA, nTrain, nVal });
  return rows;
}

async function runE1(ctx: Ctx): Promise<SubspaceRow[]> {
  const quick = ctx.quick;
  const e1 = {
    psis: quick ? [0, 3] : [0, 0.5, 1.5, 3],
    inits: quick ? 2 : 4,
    steps: quick ? 5 : 40,
    nTrain: quick ? 1200 : 10_000,
    nVal: quick ? 1200 : 10_000,
    m: 8,
    validationEvery: quick ? 1 : 5,
  };
  ctx.progress.start("E1 subspace learning", e1.psis.length);
  const e1Rows = subspaceLearning({
    ...e1,
    seed: ctx.seed,
    signal: ctx.signal,
    onRow: (r) => {
      ctx.progress.tick();
      ctx.log(
        `E1 ψ = ${r.psi}: A ${r.inits.map((i) => i.methodA.toFixed(3)).join(", ")}; B ${r.inits.map((i) => i.methodB.toFixed(3)).join(", ")}; C ${r.learnedFullH.toFixed(3)}`,
      );
    },
  });
  ctx.progress.stop();
  ctx.report
    .section("E1 (reduced): learning on subspaces, k = 2, m = 8")
    .text(
      `n_train = ${e1.nTrain}, n_val = ${e1.nVal}, ${e1.inits} Haar-random initial subspaces per ψ, ${e1.steps} steps ` +
        "(Armijo, loss σ̂); Method A unrolls K = 3 T-steps per evaluation.",
    )
    .table(
      [
        "ψ",
        "σ_FS",
        "full Donaldson",
        "spectral truncation",
        "random subspace (min–max)",
        "Method A (min–max)",
        "Method B (min–max)",
        "Baseline C",
      ],
      e1Rows.map((r) => [
        r.psi,
        r.fs,
        r.donaldson,
        r.spectral,
        range(r.inits.map((i) => i.random)),
        range(r.inits.map((i) => i.methodA)),
        range(r.inits.map((i) => i.methodB)),
        r.learnedFullH,
      ]),
    );
  for (const r of e1Rows) {
    await ctx.report.linePlot(
      `e1-sigma-vs-step-psi-${String(r.psi).replace(".", "_")}`,
      {
        title: `Methods A and B, ψ = ${r.psi}: validation σ vs step`,
        xLabel: "step",
        yLabel: "σ (validation)",
        series: r.inits.flatMap((i) => [
          { name: `B, init ${i.seed}`, x: i.curve.map((p) => p.step), y: i.curve.map((p) => p.valSigma) },
          { name: `A, init ${i.seed}`, x: i.curveA.map((p) => p.step), y: i.curveA.map((p) => p.valSigma) },
        ]),
      },
      `Validation σ of Methods A and B against the step at ψ = ${r.psi}, one line per method and initial subspace.`,
    );
  }
  ctx.report.data("e1", { settings: e1, rows: e1Rows });
  return e1Rows;
}

async function runE2(ctx: Ctx): Promise<ScalingRow[]> {
  const quick = ctx.quick;
  const e2 = {
    psis: [0, 3],
    ms: quick ? [12] : [12, 20],
    steps: quick ? 3 : 60,
    nTrain: quick ? 2000 : 20_000,
    nVal: quick ? 2000 : 20_000,
    validationEvery: quick ? 3 : 10,
  };
  ctx.progress.start("E2 subspace learning at k = 3", e2.psis.length * e2.ms.length);
  const rows = subspaceScaling({
    ...e2,
    seed: ctx.seed,
    signal: ctx.signal,
    onRun: (psi, r) => {
      ctx.progress.tick();
      ctx.log(
        `E2 ψ = ${psi}, m = ${r.m}: random ${r.random.toFixed(3)} → A ${r.methodA.toFixed(3)} (${r.secondsA.toFixed(0)} s), B ${r.methodB.toFixed(3)} (${r.secondsB.toFixed(0)} s)`,
      );
    },
  });
  ctx.progress.stop();
  ctx.report
    .section("E2: learning on subspaces at k = 3 (N = 35)")
    .text(
      `m ∈ {${e2.ms.join(", ")}}, n_train = ${e2.nTrain}, n_val = ${e2.nVal}, one Haar-random initial subspace per ` +
        `(ψ, m), ${e2.steps} steps (Armijo, loss σ̂); Method A unrolls K = 3 T-steps. Full Donaldson uses all 35 ` +
        "sections on the same training points (reference σ₃ = 0.194 at ψ = 0 and 0.112 at ψ = 3 with 6·10⁴ " +
        "training points; fewer points bias the balanced σ upward).",
    )
    .table(
      [
        "ψ",
        "m",
        "random subspace",
        "Method A",
        "Method B",
        "full Donaldson (k = 3)",
        "seconds A",
        "seconds B",
      ],
      rows.flatMap((row) =>
        row.runs.map((r) => [
          row.psi,
          r.m,
          r.random,
          r.methodA,
          r.methodB,
          row.donaldson,
          r.secondsA,
          r.secondsB,
        ]),
      ),
    );
  for (const row of rows) {
    await ctx.report.linePlot(
      `e2-sigma-vs-step-psi-${String(row.psi).replace(".", "_")}`,
      {
        title: `E2, k = 3, ψ = ${row.psi}: validation σ vs step`,
        xLabel: "step",
        yLabel: "σ (validation)",
        series: row.runs.flatMap((r) => [
          { name: `A, m = ${r.m}`, x: r.curveA.map((p) => p.step), y: r.curveA.map((p) => p.valSigma) },
          { name: `B, m = ${r.m}`, x: r.curveB.map((p) => p.step), y: r.curveB.map((p) => p.valSigma) },
        ]),
      },
      `Validation σ of Methods A and B at k = 3 against the step at ψ = ${row.psi}, one line per method and m.`,
    );
  }
  ctx.report.data("e2", { settings: e2, rows });
  return rows;
}

function judgeE2(rows: ScalingRow[], quick: boolean): Statement[] {
  const below = rows.every((row) => row.runs.every((r) => r.methodA < r.random && r.methodB < r.random));
  const detail = rows
    .map(
      (row) =>
        `ψ=${row.psi}: ${row.runs.map((r) => `m=${r.m} ${r.random.toFixed(3)}→A ${r.methodA.toFixed(3)}, B ${r.methodB.toFixed(3)}`).join("; ")} (full Donaldson ${row.donaldson.toFixed(3)})`,
    )
    .join(" | ");
  return [
    {
      name: "E2: at k = 3, Methods A and B end below the random-subspace value (every ψ and m)",
      verdict: quick ? NOT_JUDGED : below ? "held" : "did not hold",
      detail: quick
        ? `${detail} (3 steps on 2·10³ points; the statement is about 60 steps on 2·10⁴)`
        : detail,
    },
  ];
}

function range(values: number[]): string {
  return `${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)}`;
}

function judgeE1(rows: SubspaceRow[], quick: boolean): Statement[] {
  const out: Statement[] = [];
  const below = rows.every((r) => r.inits.every((i) => i.methodB < i.random && i.methodA < i.random));
  out.push({
    name: "E1: Methods A and B end below their random-subspace start (every init, every ψ)",
    verdict: below ? "held" : "did not hold",
    detail: rows
      .map(
        (r) =>
          `ψ=${r.psi}: ${r.inits.map((i) => `${i.random.toFixed(3)}→A ${i.methodA.toFixed(3)}, B ${i.methodB.toFixed(3)}`).join("; ")}`,
      )
      .join(" | "),
  });
  const bBeatsA = rows.every((r) => r.inits.every((i) => i.methodB <= i.methodA));
  out.push({
    name: "E1: B ≤ A at equal steps for every init",
    verdict: quick ? NOT_JUDGED : bBeatsA ? "held" : "did not hold",
    detail:
      rows
        .map(
          (r) =>
            `ψ=${r.psi}: ${r.inits.map((i) => `B ${i.methodB.toFixed(3)} vs A ${i.methodA.toFixed(3)}`).join(", ")}`,
        )
        .join("; ") + (quick ? " (after only a few steps; needs ~30 steps)" : ""),
  });
  const c0 = rows.find((r) => r.psi === 0);
  if (quick) {
    out.push({
      name: "E1: Baseline C ends far below full Donaldson at k = 2 (ψ = 0: reference 0.274 → 0.054)",
      verdict: NOT_JUDGED,
      detail: `ψ = 0: Donaldson ${c0?.donaldson.toFixed(3)} → C ${c0?.learnedFullH.toFixed(3)} after a few steps on ~10³ points (the reference used 30 steps on 8·10³)`,
    });
  } else {
    const ok = rows.every((r) => r.learnedFullH < r.donaldson);
    out.push({
      name: "E1: Baseline C ends below full Donaldson at k = 2 (every ψ)",
      verdict: ok ? "held" : "did not hold",
      detail: rows
        .map((r) => `ψ=${r.psi}: ${r.donaldson.toFixed(3)} → ${r.learnedFullH.toFixed(3)}`)
        .join("; "),
    });
  }
  const spread = (r: SubspaceRow) =>
    Math.max(...r.inits.map((i) => i.methodB)) - Math.min(...r.inits.map((i) => i.methodB));
  out.push({
    name: "E1: the spread of final σ across inits grows with ψ (local minima)",
    verdict: quick
      ? NOT_JUDGED
      : spread(rows.at(-1) as SubspaceRow) > spread(rows[0] as SubspaceRow)
        ? "held"
        : "did not hold",
    detail:
      rows.map((r) => `ψ=${r.psi}: spread ${spread(r).toFixed(3)}`).join("; ") +
      (quick ? " (needs ≥ 4 inits and 40 steps)" : ""),
  });
  return out;
}

function judge(rows: DonaldsonRow[], quick: boolean): Statement[] {
  const out: Statement[] = [];
  // the reference comparison needs n_train ≥ 6·10⁴ and n_val ≥ 4·10⁴, which only the full mode has
  const bigEnough = !quick;
  // 1. σ_k decreasing in k at ψ = 0
  const at0 = rows.filter((r) => r.psi === 0).sort((a, b) => a.k - b.k);
  const decreasing = at0.every((r, i) => i === 0 || r.sigma < (at0[i - 1] as DonaldsonRow).sigma);
  out.push({
    name: "balanced σ_k decreases in k at ψ = 0",
    verdict: decreasing ? "held" : "did not hold",
    detail: at0.map((r) => r.sigma.toFixed(4)).join(" > "),
  });
  // 2. k = 1 balanced equals FS to MC precision
  const k1 = rows.filter((r) => r.k === 1);
  // the balanced H at k = 1 differs from I by the training sample's O(1/√n) fluctuation; ±0.01 is the
  // tolerance of the reference comparison
  const k1ok = k1.every((r) => Math.abs(r.sigma - r.sigmaFs) <= 0.01);
  out.push({
    name: "balanced k = 1 equals Fubini–Study (σ within ±0.01)",
    verdict: k1ok ? "held" : "did not hold",
    detail: k1.map((r) => `ψ=${r.psi}: ${r.sigma.toFixed(4)} vs ${r.sigmaFs.toFixed(4)}`).join("; "),
  });
  // 3. FS within ±0.005, balanced within ±0.01 of the reference
  for (const [label, tol, pick] of [
    ["σ_FS within ±0.005 of the reference", 0.005, (r: DonaldsonRow) => r.k === 1],
    ["balanced σ_k (k ≥ 2) within ±0.01 of the reference", 0.01, (r: DonaldsonRow) => r.k >= 2],
  ] as const) {
    const sel = rows.filter((r) => pick(r) && r.reference !== null);
    // k = 1 compares the Fubini–Study σ itself (H = I), k ≥ 2 the balanced σ
    const value = (r: DonaldsonRow) => (r.k === 1 ? r.sigmaFs : r.sigma);
    const worst = sel.reduce((m, r) => Math.max(m, Math.abs(value(r) - (r.reference as number))), 0);
    const detail = `worst |σ − reference| = ${worst.toFixed(4)} over ${sel.length} entries`;
    if (!bigEnough) {
      out.push({
        name: label,
        verdict: NOT_JUDGED,
        detail: `${detail}; needs n_train ≥ 6·10⁴ and n_val ≥ 4·10⁴ (the finite-sample bias of the balanced H and the MC error exceed the tolerance below that)`,
      });
    } else {
      out.push({ name: label, verdict: worst <= tol ? "held" : "did not hold", detail });
    }
  }
  return out;
}
