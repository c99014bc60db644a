/**
 * The page's experiment (hi-fm's docs/method.md, E1 and "Endpoint mixture", network-free): the four
 * anisotropic wells in 2-D, N training points, and two conditional paths ending at them with the same endpoint
 * volume — Lipman's isotropic CFM path (σ_min = σ) and the Hessian-informed path (D = σ²ḡ, spectra clipped to
 * [1, 400]). Instead of a trained network, each flow is the exact marginal field of its path, the field a
 * perfectly trained network would learn; prior samples are carried along it by RK4 from t = 0 to t = 1.
 */
import { Rng } from "@descent/core-tensor";
import {
  type AnalyticField,
  type ConditionalPath,
  endpointMixtureLogDensity,
  fourWells2d,
  hessianInformedPath,
  hessianSpectra,
  lipmanPath,
  marginalField,
  volumeMatchedEndTemperature,
} from "@descent/hi-fm";
import type { DataMessage, FrameMessage, HiFmConfig, Method, NllMessage } from "./config.js";

// the spectral clip of the package's E1 (docs/method.md, reproduction protocol)
const FLOOR = 1;
const CAP = 400;

export interface Setup {
  data: Float64Array[];
  paths: { method: Method; path: ConditionalPath }[];
  test: Float64Array[];
  trueLogDensity: (x: Float64Array) => number;
}

export function buildSetup(config: HiFmConfig): Setup {
  const energy = fourWells2d();
  const rng = new Rng(config.seed);
  const data = energy.sample(config.trainPoints, rng);
  const test = energy.sample(config.testPoints, rng);
  const spectra = hessianSpectra(energy, data, { floor: FLOOR, cap: CAP });
  return {
    data,
    test,
    trueLogDensity: (x) => energy.logDensity(x),
    paths: [
      {
        method: "HI-FM",
        path: hessianInformedPath(data, spectra, {
          endTemperature: volumeMatchedEndTemperature(config.sigma, spectra),
        }),
      },
      { method: "isotropic CFM", path: lipmanPath(data, { sigmaMin: config.sigma }) },
    ],
  };
}

export function dataMessage(setup: Setup): DataMessage {
  return { kind: "data", points: setup.data.map((p) => ({ x: p[0] as number, y: p[1] as number })) };
}

/** One RK4 step of dx/dt = u_t(x) from t to t + h, in place. */
function rk4Step(field: AnalyticField, x: Float64Array, t: number, h: number): void {
  const k1 = field.value(x, t);
  const y = new Float64Array(2);
  const at = (k: Float64Array, s: number) => {
    for (let a = 0; a < 2; a++) y[a] = (x[a] as number) + s * (k[a] as number);
    return y;
  };
  const k2 = field.value(at(k1, h / 2), t + h / 2);
  const k3 = field.value(at(k2, h / 2), t + h / 2);
  const k4 = field.value(at(k3, h), t + h);
  for (let a = 0; a < 2; a++)
    x[a] =
      (x[a] as number) +
      (h / 6) * ((k1[a] as number) + 2 * (k2[a] as number) + 2 * (k3[a] as number) + (k4[a] as number));
}

// the fields are evaluated up to t = 1 − 1e-6, where the HI-FM and CFM kernels have not yet collapsed
const T_MAX = 1 - 1e-6;

/**
 * Carries `particles` prior samples N(0, I) (the same ones for both methods) along each marginal field;
 * yields every frame, t = 0 first.
 */
export function* flowFrames(config: HiFmConfig, setup: Setup): Generator<FrameMessage> {
  for (const { method, path } of setup.paths) {
    const field = marginalField(path);
    const rng = new Rng(config.seed + 1);
    const xs = Array.from({ length: config.particles }, () => Float64Array.of(rng.normal(), rng.normal()));
    const frame = (step: number, t: number): FrameMessage => ({
      kind: "frame",
      method,
      step,
      t,
      xs: xs.map((p) => p[0] as number),
      ys: xs.map((p) => p[1] as number),
    });
    yield frame(0, 0);
    const h = 1 / config.odeSteps;
    for (let s = 0; s < config.odeSteps; s++) {
      const t = s * h;
      const hs = Math.min(h, T_MAX - t);
      for (const x of xs) rk4Step(field, x, t, hs);
      yield frame(s + 1, t + hs);
    }
  }
}

function meanAndError(values: number[]): { mean: number; se: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

/** The endpoint-mixture NLL of each path on the exact test samples, and the true density's NLL. */
export function nllMessages(setup: Setup): NllMessage[] {
  const out: NllMessage[] = setup.paths.map(({ method, path }) => {
    const { mean, se } = meanAndError(setup.test.map((x) => -endpointMixtureLogDensity(path, x)));
    return { kind: "nll", model: method, nll: mean, standardError: se };
  });
  const truth = meanAndError(setup.test.map((x) => -setup.trueLogDensity(x)));
  out.push({ kind: "nll", model: "true density", nll: truth.mean, standardError: truth.se });
  return out;
}
