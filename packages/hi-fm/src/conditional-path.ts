/**
 * Conditional probability paths `p_t(x | x_1)` of flow matching (docs/method.md, "Conditional flow
 * matching"): each path is a Gaussian whose flow map `ψ_t(x_0 | x_1)` pushes the prior to it and whose
 * time derivative is the regression target. This file holds the interface and the isotropic baselines:
 * Lipman et al.'s path (ICLR 2023, eqs. 20–21) and the independent-coupling path of I-CFM (Tong et al.,
 * TMLR 2024, eqs. 14–15); the Hessian-informed path lives in `hessian-informed-path.ts`.
 */
import { assertKnownOptions, assertNonNegative, assertPositive, DescentError } from "@descent/core-tensor";
import { assertLayout, comFreeDim, type ParticleLayout } from "./particles.js";

/** A family of Gaussian conditional paths, one per training point. */
export interface ConditionalPath {
  /** Short name for reports, e.g. `"lipman"`, `"hi-fm"`. */
  readonly name: string;
  /** Ambient dimension `d`. */
  readonly dim: number;
  /** Number of training points `N`. */
  readonly size: number;
  /** The particle layout when the path lives on the centre-of-mass-free subspace. */
  readonly layout: ParticleLayout | undefined;
  /**
   * Standard deviation of the extra noise `σ ε` added to `x_t` (I-CFM); 0 for deterministic flow maps.
   * When positive, {@link ConditionalPath.flowInto} reads its `noise` argument.
   */
  readonly noiseScale: number;
  /** The training point `x_1^(i)`. */
  point(i: number): Float64Array;
  /**
   * Writes `x_t = ψ_t(x_0 | x_1^(i))` (+ `σ ε` with `noise = ε` for I-CFM) and the regression target
   * (its time derivative) in float64.
   */
  flowInto(
    i: number,
    x0: ArrayLike<number>,
    t: number,
    xt: Float64Array,
    target: Float64Array,
    noise?: ArrayLike<number>,
  ): void;
  /** The conditional field `u_t(x | x_1^(i))` (x-form), the expectation of the target given `x_t = x`. */
  field(i: number, x: ArrayLike<number>, t: number, out?: Float64Array): Float64Array;
  /** `∇·u_t(x | x_1^(i))` (independent of x for these Gaussian paths). */
  divergence(i: number, t: number): number;
  /** `∇ log p_t(x | x_1^(i))`. */
  score(i: number, x: ArrayLike<number>, t: number, out?: Float64Array): Float64Array;
  /** `log p_t(x | x_1^(i))` over the free dimensions (`(n−1)s` for particles). */
  logDensity(i: number, x: ArrayLike<number>, t: number): number;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** Throws unless `data` is a non-empty list of equal-length finite Float64Arrays; returns the dimension. */
export function assertTrainingData(data: readonly Float64Array[], parameter = "data"): number {
  if (!Array.isArray(data) || data.length === 0) {
    throw new DescentError(`${parameter} must be a non-empty array of Float64Array`, {
      parameter,
      code: "empty",
    });
  }
  const d = (data[0] as Float64Array).length;
  data.forEach((x, i) => {
    if (!(x instanceof Float64Array) || x.length !== d) {
      throw new DescentError(`${parameter}[${i}] must be a Float64Array of length ${d}`, {
        parameter,
        code: "shape",
      });
    }
    for (let k = 0; k < d; k++) {
      if (!Number.isFinite(x[k])) {
        throw new DescentError(`${parameter}[${i}] must be finite, found ${x[k]} at index ${k}`, {
          parameter,
          code: "finite",
        });
      }
    }
  });
  return d;
}

/** Throws unless `i` indexes a training point and `t ∈ [0, 1]`. */
export function assertPathArgs(i: number, t: number, size: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= size) {
    throw new DescentError(`i must be an integer in [0, ${size - 1}], received ${i}`, {
      parameter: "i",
      code: "range",
    });
  }
  if (!(t >= 0 && t <= 1)) {
    throw new DescentError(`t must lie in [0, 1], received ${t}`, { parameter: "t", code: "range" });
  }
}

/**
 * An isotropic Gaussian path `N(α(t) x_1, v(t) I)` with the flow map `α x_1 + √v x_0`, described by
 * `α, α̇, v, v̇` at `t`; `targetOf` overrides the regression target (I-CFM regresses on `x_1 − x_0`).
 */
interface IsotropicSchedule {
  name: string;
  noiseScale: number;
  coefficients(t: number): { alpha: number; dAlpha: number; v: number; dv: number };
  flow(
    x1: Float64Array,
    x0: ArrayLike<number>,
    t: number,
    xt: Float64Array,
    target: Float64Array,
    noise?: ArrayLike<number>,
  ): void;
}

function isotropicPath(
  data: readonly Float64Array[],
  layout: ParticleLayout | undefined,
  sched: IsotropicSchedule,
): ConditionalPath {
  const d = assertTrainingData(data);
  if (layout !== undefined) assertLayout(layout, "layout", d);
  const free = layout === undefined ? d : comFreeDim(layout);
  const size = data.length;
  const pt = (i: number) => data[i] as Float64Array;
  return {
    name: sched.name,
    dim: d,
    size,
    layout,
    noiseScale: sched.noiseScale,
    point: (i) => pt(i),
    flowInto(i, x0, t, xt, target, noise) {
      assertPathArgs(i, t, size);
      sched.flow(pt(i), x0, t, xt, target, noise);
    },
    field(i, x, t, out = new Float64Array(d)) {
      assertPathArgs(i, t, size);
      const { alpha, dAlpha, v, dv } = sched.coefficients(t);
      const x1 = pt(i);
      const g = dv / (2 * v);
      for (let k = 0; k < d; k++)
        out[k] = dAlpha * (x1[k] as number) + g * ((x[k] as number) - alpha * (x1[k] as number));
      return out;
    },
    divergence(i, t) {
      assertPathArgs(i, t, size);
      const { v, dv } = sched.coefficients(t);
      return (free * dv) / (2 * v);
    },
    score(i, x, t, out = new Float64Array(d)) {
      assertPathArgs(i, t, size);
      const { alpha, v } = sched.coefficients(t);
      const x1 = pt(i);
      for (let k = 0; k < d; k++) out[k] = -((x[k] as number) - alpha * (x1[k] as number)) / v;
      return out;
    },
    logDensity(i, x, t) {
      assertPathArgs(i, t, size);
      const { alpha, v } = sched.coefficients(t);
      const x1 = pt(i);
      let q = 0;
      for (let k = 0; k < d; k++) q += ((x[k] as number) - alpha * (x1[k] as number)) ** 2;
      return (-0.5 * q) / v - 0.5 * free * (LOG_2PI + Math.log(v));
    },
  };
}

/** Options of {@link lipmanPath}. */
export interface LipmanPathOptions {
  /** Endpoint standard deviation `σ_min` (> 0): the path ends in `N(x_1, σ_min² I)`. */
  sigmaMin: number;
  /** Particle layout (densities over the CoM-free subspace). */
  layout?: ParticleLayout;
}

/**
 * Lipman et al.'s conditional "OT" path: `ψ_t(x_0) = (1 − (1−σ_min) t) x_0 + t x_1`, target
 * `x_1 − (1−σ_min) x_0` (isotropic CFM, method (a) of the reproduction).
 */
export function lipmanPath(data: readonly Float64Array[], options: LipmanPathOptions): ConditionalPath {
  if (options === undefined) assertKnownOptions(null, []);
  assertKnownOptions(options, ["sigmaMin", "layout"]);
  const { sigmaMin, layout } = options;
  assertPositive(sigmaMin, "sigmaMin");
  const c = 1 - sigmaMin;
  return isotropicPath(data, layout, {
    name: "lipman",
    noiseScale: 0,
    coefficients(t) {
      const s = 1 - c * t;
      return { alpha: t, dAlpha: 1, v: s * s, dv: -2 * c * s };
    },
    flow(x1, x0, t, xt, target) {
      const s = 1 - c * t;
      for (let k = 0; k < x1.length; k++) {
        xt[k] = s * (x0[k] as number) + t * (x1[k] as number);
        target[k] = (x1[k] as number) - c * (x0[k] as number);
      }
    },
  });
}

/** Options of {@link independentPath}. */
export interface IndependentPathOptions {
  /** Noise level σ (≥ 0) added along the straight line. Default `0`. */
  sigma?: number;
  /** Particle layout (densities over the CoM-free subspace). */
  layout?: ParticleLayout;
}

/**
 * I-CFM (Tong et al. 2024): `x_t = t x_1 + (1−t) x_0 + σ ε`, target `x_1 − x_0`. Given `x_1` alone
 * the path is `N(t x_1, ((1−t)² + σ²) I)`, and the x-form field is the conditional expectation of the
 * target. With a minibatch-OT coupling in the batch builder this becomes OT-CFM.
 */
export function independentPath(
  data: readonly Float64Array[],
  options: IndependentPathOptions = {},
): ConditionalPath {
  assertKnownOptions(options, ["sigma", "layout"]);
  const { sigma = 0, layout } = options;
  assertNonNegative(sigma, "sigma");
  return isotropicPath(data, layout, {
    name: "i-cfm",
    noiseScale: sigma,
    coefficients(t) {
      return { alpha: t, dAlpha: 1, v: (1 - t) ** 2 + sigma * sigma, dv: -2 * (1 - t) };
    },
    flow(x1, x0, t, xt, target, noise) {
      if (sigma > 0 && (noise === undefined || noise.length !== x1.length)) {
        throw new DescentError(`noise of length ${x1.length} is required when sigma > 0`, {
          parameter: "noise",
          code: "shape",
        });
      }
      for (let k = 0; k < x1.length; k++) {
        const e = sigma > 0 ? sigma * ((noise as ArrayLike<number>)[k] as number) : 0;
        xt[k] = t * (x1[k] as number) + (1 - t) * (x0[k] as number) + e;
        target[k] = (x1[k] as number) - (x0[k] as number);
      }
    },
  });
}
