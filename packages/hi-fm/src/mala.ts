/**
 * Metropolis-adjusted Langevin (Roberts & Tweedie 1996) in float64, the package's generator of training
 * data for a target `∝ exp(−β V)`. For particles the noise is projected to the centre-of-mass-free
 * subspace, and proposals with a pair distance below `minPairDistance` are rejected outright (they
 * would be rejected anyway, and skipping them avoids `Infinity − Infinity`).
 */
import {
  assertInteger,
  assertKnownOptions,
  assertOptionalFunction,
  assertOptionalSignal,
  assertPositive,
  DescentError,
  type Rng,
  toRng,
} from "@descent/core-tensor";
import { assertEnergy } from "./argument-types.js";
import { assertEnergyValue, type Energy } from "./energy.js";
import { assertLayout, type ParticleLayout, removeCenterOfMassInPlace } from "./particles.js";

/** Options of {@link mala}. */
export interface MalaOptions {
  /** Inverse temperature β (> 0). */
  beta: number;
  /** Step size h (> 0). */
  stepSize: number;
  /** Independent chains. Default `32`. */
  chains?: number;
  /** Steps discarded per chain. Default `10000`. */
  burnIn?: number;
  /** Steps between kept samples. Default `500`. */
  thin?: number;
  /** Total samples kept (spread over the chains, round-robin). */
  samples: number;
  /** Starting point of chain `c`. */
  init: (chain: number, rng: Rng) => Float64Array;
  /** Particle layout: CoM-free noise and state. */
  layout?: ParticleLayout;
  /** Reject proposals whose smallest pair distance is below this (particles only). Default `0.5` (r_m = 1). */
  minPairDistance?: number;
  /** Seed. */
  seed: number;
  /** Called after each kept sample. */
  onProgress?: (p: { kept: number; total: number }) => void;
  signal?: AbortSignal;
}

/** The kept samples, the acceptance rate over all steps and the mean energy of the samples. */
export interface MalaResult {
  samples: Float64Array[];
  acceptance: number;
  meanEnergy: number;
}

/** Runs MALA chains on `energy` and returns the thinned samples. */
export function mala(energy: Energy, options: MalaOptions): MalaResult {
  assertEnergy(energy);
  if (options === undefined) assertKnownOptions(null, []);
  assertKnownOptions(options, [
    "beta",
    "stepSize",
    "chains",
    "burnIn",
    "thin",
    "samples",
    "init",
    "layout",
    "minPairDistance",
    "seed",
    "onProgress",
    "signal",
  ]);
  assertOptionalFunction(options.onProgress, "onProgress");
  if (typeof options.init !== "function") {
    throw new DescentError("init must be a function (chain, rng) => Float64Array", {
      parameter: "init",
      code: "type",
    });
  }
  assertOptionalSignal(options.signal);
  const {
    beta,
    stepSize: h,
    chains = 32,
    burnIn = 10000,
    thin = 500,
    samples,
    init,
    layout,
    minPairDistance = 0.5,
  } = options;
  assertPositive(beta, "beta");
  assertPositive(h, "stepSize");
  assertInteger(chains, "chains", { min: 1 });
  assertInteger(burnIn, "burnIn", { min: 0 });
  assertInteger(thin, "thin", { min: 1 });
  assertInteger(samples, "samples", { min: 0 });
  if (layout !== undefined) assertLayout(layout, "layout", energy.dim);
  const rng = toRng(options.seed);
  const d = energy.dim;
  const s = layout?.spaceDim ?? 0;
  const n = layout?.nParticles ?? 0;
  const tooClose = (x: Float64Array): boolean => {
    if (layout === undefined) return false;
    const r2min = minPairDistance * minPairDistance;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        let r2 = 0;
        for (let a = 0; a < s; a++) r2 += ((x[i * s + a] as number) - (x[j * s + a] as number)) ** 2;
        if (r2 < r2min) return true;
      }
    return false;
  };
  const state = Array.from({ length: chains }, (_, c) => {
    const x = Float64Array.from(init(c, rng));
    if (x.length !== d) {
      throw new DescentError(`init must return configurations of length ${d}, received ${x.length}`, {
        parameter: "init",
        code: "shape",
      });
    }
    if (layout !== undefined) removeCenterOfMassInPlace(x, layout);
    const v = assertEnergyValue(energy.value(x), "energy");
    return { x, v, g: energy.gradient(x) };
  });
  const y = new Float64Array(d);
  const gy = new Float64Array(d);
  const xi = new Float64Array(d);
  let accepted = 0;
  let proposed = 0;
  const step = (c: number): void => {
    const st = state[c] as (typeof state)[number];
    rng.fillNormal(xi);
    if (layout !== undefined) removeCenterOfMassInPlace(xi, layout);
    const sq = Math.sqrt(2 * h);
    for (let k = 0; k < d; k++)
      y[k] = (st.x[k] as number) - h * beta * (st.g[k] as number) + sq * (xi[k] as number);
    proposed++;
    if (tooClose(y)) return;
    const vy = energy.value(y);
    if (Number.isNaN(vy)) assertEnergyValue(vy, "energy");
    if (!Number.isFinite(vy)) return;
    energy.gradient(y, gy);
    let fwd = 0;
    let bwd = 0;
    for (let k = 0; k < d; k++) {
      fwd += ((y[k] as number) - (st.x[k] as number) + h * beta * (st.g[k] as number)) ** 2;
      bwd += ((st.x[k] as number) - (y[k] as number) + h * beta * (gy[k] as number)) ** 2;
    }
    const logAlpha = -beta * (vy - st.v) - bwd / (4 * h) + fwd / (4 * h);
    if (Math.log(rng.float()) < logAlpha) {
      st.x.set(y);
      st.g.set(gy);
      st.v = vy;
      accepted++;
    }
  };
  for (let it = 0; it < burnIn; it++) {
    if (options.signal?.aborted) throw new DescentError("mala aborted", { code: "aborted" });
    for (let c = 0; c < chains; c++) step(c);
  }
  const out: Float64Array[] = [];
  let esum = 0;
  while (out.length < samples) {
    if (options.signal?.aborted) throw new DescentError("mala aborted", { code: "aborted" });
    for (let it = 0; it < thin; it++) for (let c = 0; c < chains; c++) step(c);
    for (let c = 0; c < chains && out.length < samples; c++) {
      const st = state[c] as (typeof state)[number];
      out.push(Float64Array.from(st.x));
      esum += st.v;
      options.onProgress?.({ kept: out.length, total: samples });
    }
  }
  return {
    samples: out,
    acceptance: proposed === 0 ? 0 : accepted / proposed,
    meanEnergy: out.length === 0 ? Number.NaN : esum / out.length,
  };
}
