/**
 * E1 of the hi-fm demo: four anisotropic wells in 2-D (docs/method.md of @descent/hi-fm, "Reproduction").
 * For each training-set size N, endpoint width σ and method, the same MLP is trained by flow matching on
 * that method's conditional path and its test NLL is measured with the exact-divergence RK4 likelihood;
 * the network-free endpoint-mixture NLL and the true NLL of the same test set go beside it.
 */
import { initBackend, Rng } from "@descent/core-tensor";
import {
  type ConditionalPath,
  type Energy,
  endpointMixtureLogDensity,
  fourWells2d,
  geometricMeanEigenvalue,
  hessianInformedPath,
  hessianSpectra,
  independentPath,
  isotropicSpectra,
  lipmanPath,
  logProb,
  mlpField,
  sample,
  trainFlowMatching,
  volumeMatchedEndTemperature,
} from "@descent/hi-fm";
import type { DemoContext } from "../../demo.js";
import { mean, std } from "../../seed-statistics.js";

export type WellsMethod = "lipman" | "iso-ou" | "hi-fm" | "hi-fm-shared" | "ot-cfm";

/** One configuration of E1. */
export interface WellsConfig {
  sizes: number[];
  sigmas: number[];
  /** Methods run at every (N, σ). */
  methods: WellsMethod[];
  /** Extra methods run only at `extraAt`. */
  extraMethods: WellsMethod[];
  extraAt: { n: number; sigma: number };
  seeds: number;
  steps: number;
  batchSize: number;
  hidden: number[];
  nTest: number;
  odeSteps: number;
  nSamples: number;
  floor: number;
  cap: number;
}

export const quickWells: WellsConfig = {
  sizes: [256],
  sigmas: [0.2],
  methods: ["lipman", "hi-fm"],
  extraMethods: [],
  extraAt: { n: 256, sigma: 0.2 },
  seeds: 1,
  steps: 250,
  batchSize: 128,
  hidden: [64, 64, 64],
  nTest: 250,
  odeSteps: 40,
  nSamples: 400,
  floor: 1,
  cap: 400,
};

export const fullWells: WellsConfig = {
  sizes: [128, 256, 1024],
  sigmas: [0.05, 0.2],
  methods: ["lipman", "iso-ou", "hi-fm"],
  extraMethods: ["hi-fm-shared", "ot-cfm"],
  extraAt: { n: 256, sigma: 0.2 },
  seeds: 1,
  steps: 3000,
  batchSize: 256,
  hidden: [64, 64, 64],
  nTest: 2000,
  odeSteps: 100,
  nSamples: 2000,
  floor: 1,
  cap: 400,
};

/** The measured numbers of one trained model. */
export interface WellsRun {
  method: WellsMethod;
  n: number;
  sigma: number;
  seed: number;
  nll: number;
  nllSe: number;
  endpointNll: number;
  trueNll: number;
  trainSeconds: number;
  evalSeconds: number;
}

/** A statement of what must hold, evaluated. */
export interface Statement {
  text: string;
  holds: boolean | "not judged";
  detail: string;
}

export interface WellsResult {
  runs: WellsRun[];
  statements: Statement[];
  samples: Map<WellsMethod, Float64Array[]>;
}

export function buildPath(
  method: WellsMethod,
  train: Float64Array[],
  sigma: number,
  cfg: Pick<WellsConfig, "floor" | "cap">,
  wells: Energy = fourWells2d(),
): { path: ConditionalPath; coupling: "independent" | "minibatch-ot" } {
  if (method === "lipman") return { path: lipmanPath(train, { sigmaMin: sigma }), coupling: "independent" };
  if (method === "ot-cfm") return { path: independentPath(train, { sigma }), coupling: "minibatch-ot" };
  const spectra = hessianSpectra(wells, train, { floor: cfg.floor, cap: cfg.cap });
  const D = volumeMatchedEndTemperature(sigma, spectra);
  if (method === "iso-ou") {
    const g = geometricMeanEigenvalue(spectra);
    return {
      path: hessianInformedPath(train, isotropicSpectra(wells.dim, train.length, g), {
        endTemperature: D,
        name: "iso-ou",
      }),
      coupling: "independent",
    };
  }
  const clock =
    method === "hi-fm-shared"
      ? ({ kind: "shared", kappa: cfg.floor } as const)
      : ({ kind: "per-mode" } as const);
  return { path: hessianInformedPath(train, spectra, { endTemperature: D, clock }), coupling: "independent" };
}

/** Runs E1. */
export async function runWells(ctx: DemoContext, cfg: WellsConfig): Promise<WellsResult> {
  await initBackend();
  const wells = fourWells2d();
  const jobs: { method: WellsMethod; n: number; sigma: number; seed: number }[] = [];
  for (let s = 0; s < cfg.seeds; s++)
    for (const n of cfg.sizes)
      for (const sigma of cfg.sigmas) {
        for (const method of cfg.methods) jobs.push({ method, n, sigma, seed: ctx.seed + s });
        if (n === cfg.extraAt.n && sigma === cfg.extraAt.sigma)
          for (const method of cfg.extraMethods) jobs.push({ method, n, sigma, seed: ctx.seed + s });
      }
  ctx.progress.start("E1 four wells", jobs.length);
  const runs: WellsRun[] = [];
  const samples = new Map<WellsMethod, Float64Array[]>();
  for (const job of jobs) {
    const rng = new Rng(job.seed);
    const train = wells.sample(job.n, rng.fork());
    const test = wells.sample(cfg.nTest, new Rng(10_000 + job.seed));
    const { path, coupling } = buildPath(job.method, train, job.sigma, cfg);
    const field = mlpField({ dim: 2, hidden: cfg.hidden, seed: job.seed });
    try {
      const tr = await trainFlowMatching(field, path, {
        steps: cfg.steps,
        batchSize: cfg.batchSize,
        learningRate: 2e-3,
        finalLearningRate: 1e-4,
        coupling,
        seed: job.seed + 1,
        signal: ctx.signal,
      });
      const t0 = performance.now();
      const lp = await logProb(field, test, {
        prior: { kind: "standard", dim: 2 },
        ode: { steps: cfg.odeSteps },
        signal: ctx.signal,
      });
      const evalSeconds = (performance.now() - t0) / 1000;
      const nlls = Array.from(lp, (v) => -v);
      const endpoint = test.map((x) => -endpointMixtureLogDensity(path, x));
      const truth = test.map((x) => -wells.logDensity(x));
      runs.push({
        method: job.method,
        n: job.n,
        sigma: job.sigma,
        seed: job.seed,
        nll: mean(nlls),
        nllSe: std(nlls) / Math.sqrt(nlls.length),
        endpointNll: mean(endpoint),
        trueNll: mean(truth),
        trainSeconds: tr.seconds,
        evalSeconds,
      });
      if (
        job.n === cfg.extraAt.n &&
        job.sigma === cfg.extraAt.sigma &&
        job.seed === ctx.seed &&
        !samples.has(job.method)
      ) {
        samples.set(
          job.method,
          await sample(field, cfg.nSamples, {
            prior: { kind: "standard", dim: 2 },
            ode: { steps: cfg.odeSteps },
            seed: job.seed + 2,
          }),
        );
      }
    } finally {
      field.dispose();
    }
    ctx.progress.tick(1, `${job.method} N=${job.n} σ=${job.sigma}`);
  }
  ctx.progress.stop();
  return { runs, statements: judge(runs, cfg, ctx.quick), samples };
}

function avg(
  runs: WellsRun[],
  method: WellsMethod,
  n: number,
  sigma: number,
  key: "nll" | "endpointNll",
): number | undefined {
  const sel = runs.filter((r) => r.method === method && r.n === n && r.sigma === sigma);
  return sel.length === 0 ? undefined : mean(sel.map((r) => r[key]));
}

function judge(runs: WellsRun[], cfg: WellsConfig, quick: boolean): Statement[] {
  const out: Statement[] = [];
  // (1) trained HI-FM beats isotropic CFM and iso-OU at the same σ, by ≥ 0.1 nats at σ = 0.2
  const parts: string[] = [];
  let ok1 = true;
  for (const n of cfg.sizes)
    for (const sigma of cfg.sigmas) {
      const h = avg(runs, "hi-fm", n, sigma, "nll");
      for (const base of ["lipman", "iso-ou"] as WellsMethod[]) {
        const b = avg(runs, base, n, sigma, "nll");
        if (h === undefined || b === undefined) continue;
        const margin = sigma >= 0.2 ? 0.1 : 0;
        if (!(h < b - margin)) ok1 = false;
        parts.push(`N=${n} σ=${sigma}: hi-fm ${h.toFixed(3)} vs ${base} ${b.toFixed(3)}`);
      }
    }
  out.push({
    text: "(1) trained HI-FM (per-mode) has lower test NLL than isotropic CFM and iso-OU at the same σ (≥ 0.1 nats at σ = 0.2)",
    holds: quick ? "not judged" : ok1,
    detail:
      (quick ? `quick mode trains ${cfg.steps} steps only, too few to judge a trained-model ranking; ` : "") +
      parts.join("; "),
  });
  // (2) endpoint mixture lower for HI-FM at every σ and N
  const parts2: string[] = [];
  let ok2 = true;
  for (const n of cfg.sizes)
    for (const sigma of cfg.sigmas) {
      const h = avg(runs, "hi-fm", n, sigma, "endpointNll");
      for (const base of ["lipman", "iso-ou"] as WellsMethod[]) {
        const b = avg(runs, base, n, sigma, "endpointNll");
        if (h === undefined || b === undefined) continue;
        if (!(h < b)) ok2 = false;
        parts2.push(`N=${n} σ=${sigma}: ${h.toFixed(3)} vs ${base} ${b.toFixed(3)}`);
      }
    }
  out.push({
    text: "(2) the endpoint-mixture NLL is lower for HI-FM at every σ and N",
    holds: ok2,
    detail: parts2.join("; "),
  });
  // (3) no model beats the truth beyond Monte-Carlo noise
  const bad = runs.filter((r) => r.nll < r.trueNll - 3 * r.nllSe);
  out.push({
    text: "(3) every model's NLL ≥ true NLL − 3 standard errors",
    holds: bad.length === 0,
    detail:
      bad.length === 0
        ? "all runs"
        : bad
            .map((r) => `${r.method} N=${r.n} σ=${r.sigma}: ${r.nll.toFixed(3)} < ${r.trueNll.toFixed(3)}`)
            .join("; "),
  });
  return out;
}

/** The conditional trajectories ψ_t(x_0 | x_1) of one training point per well, HI-FM vs Lipman. */
export function conditionalTrajectories(
  sigma: number,
  cfg: WellsConfig,
): { name: string; x: number[]; y: number[] }[] {
  const wells = fourWells2d();
  const centres = wells.wells.map((w) => Float64Array.from(w.center));
  const train = wells.sample(256, new Rng(0));
  const spectra = hessianSpectra(wells, train, { floor: cfg.floor, cap: cfg.cap });
  const D = volumeMatchedEndTemperature(sigma, spectra);
  const cSpectra = hessianSpectra(wells, centres, { floor: cfg.floor, cap: cfg.cap });
  const hifm = hessianInformedPath(centres, cSpectra, { endTemperature: D });
  const iso = lipmanPath(centres, { sigmaMin: sigma });
  const rng = new Rng(5);
  const series: { name: string; x: number[]; y: number[] }[] = [];
  const xt = new Float64Array(2);
  const tg = new Float64Array(2);
  for (const [label, path] of [
    ["HI-FM", hifm],
    ["isotropic", iso],
  ] as const)
    for (let k = 0; k < 4; k++) {
      const x0 = rng.fillNormal(new Float64Array(2));
      const xs: number[] = [];
      const ys: number[] = [];
      for (let s = 0; s <= 40; s++) {
        path.flowInto(k, x0, s / 40, xt, tg);
        xs.push(xt[0] as number);
        ys.push(xt[1] as number);
      }
      series.push({ name: `${label} well ${k + 1}`, x: xs, y: ys });
    }
  return series;
}

/** Points on three level sets of the true density (for drawing contours as a scatter). */
export function trueDensityContours(): { x: number[]; y: number[] } {
  const wells = fourWells2d();
  const x: number[] = [];
  const y: number[] = [];
  const levels = [-2, -4, -6];
  const h = 0.03;
  for (let a = -6; a <= 6; a += h)
    for (let b = -6; b <= 6; b += h) {
      const v = wells.logDensity(Float64Array.from([a, b]));
      if (levels.some((l) => Math.abs(v - l) < 0.04)) {
        x.push(a);
        y.push(b);
      }
    }
  return { x, y };
}
