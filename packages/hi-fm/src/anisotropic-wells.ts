/**
 * Mixtures of anisotropic Gaussian wells: `V(y) = −ln Σ_k w_k N(y; c_k, Σ_k)` at β = 1, so the
 * Boltzmann density is exactly the mixture and the true test NLL is known (docs/method.md, "Energies").
 * Inside well k the Hessian is close to its precision `P_k`; between wells it may be indefinite.
 */
import {
  assertAllFinite,
  assertArrayLike,
  assertInteger,
  assertKnownOptions,
  assertPositive,
  DescentError,
  eigh,
  type Rng,
  randomOrthogonal,
  toRng,
} from "@descent/core-tensor";
import { assertConfiguration, type Energy, type ExactDensity } from "./energy.js";

/** One well: weight, centre and covariance. */
export interface GaussianWell {
  readonly weight: number;
  readonly center: ArrayLike<number>;
  /** Covariance, row-major `d × d`, symmetric positive definite. */
  readonly covariance: ArrayLike<number>;
}

/** A Gaussian mixture used as an energy, with exact density and sampler. */
export interface GaussianWellsEnergy extends Energy, ExactDensity {
  /** The wells as given (weights normalised). */
  readonly wells: readonly GaussianWell[];
}

const LOG_2PI = Math.log(2 * Math.PI);

interface WellData {
  logWeight: number;
  center: Float64Array;
  precision: Float64Array;
  /** Row-major `L` with `Σ = L Lᵀ`, for sampling. */
  sqrtCov: Float64Array;
  logNorm: number;
}

/** The energy `−ln Σ_k w_k N(y; c_k, Σ_k)` with analytic gradient and Hessian. */
export function gaussianWells(wells: readonly GaussianWell[]): GaussianWellsEnergy {
  if (!Array.isArray(wells) || wells.length === 0) {
    throw new DescentError("wells must be a non-empty array", { parameter: "wells", code: "empty" });
  }
  wells.forEach((w, k) => {
    if (w === null || typeof w !== "object") {
      throw new DescentError(`wells[${k}] must be { weight, center, covariance }`, {
        parameter: "wells",
        code: "type",
      });
    }
    assertKnownOptions(w, ["weight", "center", "covariance"], `wells[${k}]`);
    assertArrayLike(w.center, `wells[${k}].center`);
    assertArrayLike(w.covariance, `wells[${k}].covariance`);
    assertAllFinite(w.center, `wells[${k}].center`);
    assertAllFinite(w.covariance, `wells[${k}].covariance`);
  });
  const d = (wells[0] as GaussianWell).center.length;
  if (d === 0)
    throw new DescentError("wells[0].center must not be empty", { parameter: "wells", code: "empty" });
  let wsum = 0;
  for (const w of wells) {
    assertPositive(w.weight, "wells[].weight");
    wsum += w.weight;
  }
  const data: WellData[] = wells.map((w, k) => {
    if (w.center.length !== d || w.covariance.length !== d * d) {
      throw new DescentError(`wells[${k}] must have a centre of length ${d} and a ${d}×${d} covariance`, {
        parameter: "wells",
        code: "shape",
      });
    }
    const cov = Float64Array.from(w.covariance);
    const { values, vectors } = eigh({ rows: d, cols: d, data: cov });
    let logDet = 0;
    const precision = new Float64Array(d * d);
    const sqrtCov = new Float64Array(d * d);
    for (let j = 0; j < d; j++) {
      const lam = values[j] as number;
      if (!(lam > 0)) {
        throw new DescentError(`wells[${k}].covariance must be positive definite`, {
          parameter: "wells",
          code: "not-positive-definite",
        });
      }
      logDet += Math.log(lam);
      for (let a = 0; a < d; a++) {
        const va = vectors.data[a * d + j] as number;
        sqrtCov[a * d + j] = va * Math.sqrt(lam);
        for (let b = 0; b < d; b++)
          precision[a * d + b] =
            (precision[a * d + b] as number) + (va * (vectors.data[b * d + j] as number)) / lam;
      }
    }
    return {
      logWeight: Math.log(w.weight / wsum),
      center: Float64Array.from(w.center),
      precision,
      sqrtCov,
      logNorm: -0.5 * (d * LOG_2PI + logDet),
    };
  });
  const K = data.length;
  const logComp = new Float64Array(K);
  const g = new Float64Array(K * d);
  const diff = new Float64Array(d);

  // log w_k N(y; c_k, Σ_k) and g_k = P_k (y − c_k) for every well; returns log Σ_k.
  function components(y: Float64Array): number {
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      const w = data[k] as WellData;
      for (let a = 0; a < d; a++) diff[a] = (y[a] as number) - (w.center[a] as number);
      let quad = 0;
      for (let a = 0; a < d; a++) {
        let ga = 0;
        for (let b = 0; b < d; b++) ga += (w.precision[a * d + b] as number) * (diff[b] as number);
        g[k * d + a] = ga;
        quad += ga * (diff[a] as number);
      }
      const lc = w.logWeight + w.logNorm - 0.5 * quad;
      logComp[k] = lc;
      if (lc > max) max = lc;
    }
    let s = 0;
    for (let k = 0; k < K; k++) s += Math.exp((logComp[k] as number) - max);
    const lse = max + Math.log(s);
    for (let k = 0; k < K; k++) logComp[k] = Math.exp((logComp[k] as number) - lse); // now responsibilities
    return lse;
  }

  const energy: GaussianWellsEnergy = {
    dim: d,
    wells: wells.map((w) => ({ ...w, weight: w.weight / wsum })),
    value(x) {
      assertConfiguration(x, "x", d);
      return -components(x);
    },
    logDensity(x) {
      assertConfiguration(x, "x", d);
      return components(x);
    },
    gradient(x, out = new Float64Array(d)) {
      assertConfiguration(x, "x", d);
      components(x);
      out.fill(0);
      for (let k = 0; k < K; k++) {
        const r = logComp[k] as number;
        for (let a = 0; a < d; a++) out[a] = (out[a] as number) + r * (g[k * d + a] as number);
      }
      return out;
    },
    hessian(x, out = new Float64Array(d * d)) {
      assertConfiguration(x, "x", d);
      components(x);
      // ∇²V = Σ_k r_k (P_k − g_k g_kᵀ) + ḡ ḡᵀ with ḡ = Σ_k r_k g_k
      const gbar = new Float64Array(d);
      out.fill(0);
      for (let k = 0; k < K; k++) {
        const r = logComp[k] as number;
        const p = (data[k] as WellData).precision;
        for (let a = 0; a < d; a++) {
          const ga = g[k * d + a] as number;
          gbar[a] = (gbar[a] as number) + r * ga;
          for (let b = 0; b < d; b++)
            out[a * d + b] =
              (out[a * d + b] as number) + r * ((p[a * d + b] as number) - ga * (g[k * d + b] as number));
        }
      }
      for (let a = 0; a < d; a++)
        for (let b = 0; b < d; b++)
          out[a * d + b] = (out[a * d + b] as number) + (gbar[a] as number) * (gbar[b] as number);
      return out;
    },
    sample(n, rng) {
      assertInteger(n, "n", { min: 0 });
      const weights = data.map((w) => Math.exp(w.logWeight));
      const out: Float64Array[] = [];
      const z = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        const w = data[rng.categorical(weights)] as WellData;
        for (let a = 0; a < d; a++) z[a] = rng.normal();
        const y = Float64Array.from(w.center);
        for (let a = 0; a < d; a++)
          for (let b = 0; b < d; b++)
            y[a] = (y[a] as number) + (w.sqrtCov[a * d + b] as number) * (z[b] as number);
        out.push(y);
      }
      return out;
    },
  };
  return energy;
}

/**
 * The four-wells data set of the reproduction (E1): four equal-weight wells at radius 3 and angles 0°,
 * 90°, 180°, 270°; well k has principal standard deviations 1 (long axis at angle 45°·k) and 0.1.
 * Condition number of each well's precision: 100.
 */
export function fourWells2d(): GaussianWellsEnergy {
  const wells: GaussianWell[] = [];
  for (let k = 0; k < 4; k++) {
    const phi = (k * Math.PI) / 2;
    const theta = (k * Math.PI) / 4;
    const c = Math.cos(theta);
    const s = Math.sin(theta);
    const l1 = 1;
    const l2 = 0.01;
    wells.push({
      weight: 1,
      center: [3 * Math.cos(phi), 3 * Math.sin(phi)],
      covariance: [c * c * l1 + s * s * l2, c * s * (l1 - l2), c * s * (l1 - l2), s * s * l1 + c * c * l2],
    });
  }
  return gaussianWells(wells);
}

/** Options of {@link anisotropicWells}. */
export interface AnisotropicWellsOptions {
  /** Dimension `d` (≥ 1). */
  dim: number;
  /** Number of wells. Default `4`. */
  wells?: number;
  /** Seed of the centres, orientations and scales. */
  seed: number;
  /** Smallest principal standard deviation. Default `0.1`. */
  minStd?: number;
  /** Largest principal standard deviation. Default `1`. */
  maxStd?: number;
  /** Standard deviation of the centres around 0. Default `3`. */
  centerStd?: number;
}

/**
 * Seeded random wells in `d` dimensions (E1b): centres `N(0, centerStd² I)`, Haar-random orientations,
 * principal standard deviations log-uniform in `[minStd, maxStd]`, equal weights.
 */
export function anisotropicWells(options: AnisotropicWellsOptions): GaussianWellsEnergy {
  assertKnownOptions(options, ["dim", "wells", "seed", "minStd", "maxStd", "centerStd"]);
  if (options === undefined) assertKnownOptions(null, []);
  const { dim, wells = 4, seed, minStd = 0.1, maxStd = 1, centerStd = 3 } = options;
  assertInteger(dim, "dim", { min: 1 });
  assertInteger(wells, "wells", { min: 1 });
  assertPositive(minStd, "minStd");
  assertPositive(maxStd, "maxStd");
  assertPositive(centerStd, "centerStd");
  if (minStd > maxStd) {
    throw new DescentError(`minStd (${minStd}) must not exceed maxStd (${maxStd})`, {
      parameter: "minStd",
      code: "range",
    });
  }
  const rng: Rng = toRng(seed);
  const list: GaussianWell[] = [];
  for (let k = 0; k < wells; k++) {
    const center = new Float64Array(dim);
    for (let a = 0; a < dim; a++) center[a] = centerStd * rng.normal();
    const q = randomOrthogonal(rng, dim).data;
    const vars = new Float64Array(dim);
    for (let j = 0; j < dim; j++) vars[j] = Math.exp(rng.uniform(Math.log(minStd), Math.log(maxStd))) ** 2;
    const cov = new Float64Array(dim * dim);
    for (let a = 0; a < dim; a++)
      for (let b = 0; b < dim; b++) {
        let v = 0;
        for (let j = 0; j < dim; j++)
          v += (q[a * dim + j] as number) * (vars[j] as number) * (q[b * dim + j] as number);
        cov[a * dim + b] = v;
      }
    list.push({ weight: 1, center, covariance: cov });
  }
  return gaussianWells(list);
}
