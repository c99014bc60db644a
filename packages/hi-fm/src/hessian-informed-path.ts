/**
 * The Hessian-informed conditional path of HI-FM (docs/method.md, "The HI-FM path"). Around each
 * training point `x_1` the energy is linearised to the Ornstein–Uhlenbeck process
 * `dy = −H̃ (y − x_1) ds + √(2D) dW`, which decouples along the eigenvectors `q_j` of `H̃`. With a
 * per-mode contraction factor `a_j(t)` (1 at t = 0, 0 at t = 1):
 *
 * - variance `S_j = a_j² + (D/λ_j)(1 − a_j²)`,
 * - flow map `ψ_t(x_0) = Σ_j q_j [(1 − a_j) q_jᵀx_1 + √S_j q_jᵀx_0]`,
 * - target `Σ_j q_j [−ȧ_j q_jᵀx_1 + Ṡ_j/(2√S_j) q_jᵀx_0]`, `Ṡ_j = 2 a_j ȧ_j (1 − D/λ_j)`,
 *
 * ending in `N(x_1, D H̃⁻¹)`. The paper states the linearisation and a time transformation; the
 * particular clocks below and the end temperature are our derivation (options with defaults).
 */
import { assertKnownOptions, assertNonNegative, assertPositive, DescentError } from "@descent/core-tensor";
import { assertSpectra } from "./argument-types.js";
import { assertPathArgs, assertTrainingData, type ConditionalPath } from "./conditional-path.js";
import { geometricMeanEigenvalue, type HessianSpectrum } from "./hessian-spectra.js";
import { assertLayout, type ParticleLayout } from "./particles.js";

/**
 * The time transformation from flow time `t ∈ [0,1]` to OU time.
 * - `'per-mode'` (default, our choice): every mode runs its own OU time `s_j = −ln(1−t)/λ_j`, so
 *   `a_j = 1 − t` and the mean moves on the straight line `t x_1`.
 * - `'shared'`: one OU time `s = −ln(1−t)/κ`, `a_j = (1−t)^{λ_j/κ}`: the literal linearised flow `e^{−H̃s}`.
 */
export type Clock = { kind: "per-mode" } | { kind: "shared"; kappa: number };

/** Options of {@link hessianInformedPath}. */
export interface HessianInformedPathOptions {
  /**
   * End temperature `D` (≥ 0): the path ends in `N(x_1, D H̃⁻¹)`. Use {@link volumeMatchedEndTemperature}
   * to match the endpoint volume of an isotropic baseline with standard deviation σ (our default protocol).
   */
  endTemperature: number;
  /** Clock. Default `{ kind: 'per-mode' }`. */
  clock?: Clock;
  /** Particle layout when the spectra live on the centre-of-mass-free subspace. */
  layout?: ParticleLayout;
  /** Report name. Default `'hi-fm'`, or `'hi-fm-shared'` for the shared clock. */
  name?: string;
}

/** `D = σ² ḡ`: the end temperature giving HI-FM's endpoint kernels the geometric-mean variance σ². */
export function volumeMatchedEndTemperature(sigma: number, spectra: readonly HessianSpectrum[]): number {
  assertPositive(sigma, "sigma");
  assertSpectra(spectra);
  return sigma * sigma * geometricMeanEigenvalue(spectra);
}

const LOG_2PI = Math.log(2 * Math.PI);

/** The Hessian-informed conditional path for training points `data` with regularised spectra `spectra`. */
export function hessianInformedPath(
  data: readonly Float64Array[],
  spectra: readonly HessianSpectrum[],
  options: HessianInformedPathOptions,
): ConditionalPath {
  const d = assertTrainingData(data);
  assertSpectra(spectra);
  if (options === undefined) assertKnownOptions(null, []);
  assertKnownOptions(options, ["endTemperature", "clock", "layout", "name"]);
  const { endTemperature: D, clock = { kind: "per-mode" }, layout } = options;
  assertNonNegative(D, "endTemperature");
  if (layout !== undefined) assertLayout(layout, "layout", d);
  if (clock?.kind === "shared") assertPositive(clock.kappa, "clock.kappa");
  else if (clock?.kind !== "per-mode") {
    throw new DescentError(`clock.kind must be 'per-mode' or 'shared'`, { parameter: "clock", code: "enum" });
  }
  if (!Array.isArray(spectra) || spectra.length !== data.length) {
    throw new DescentError(
      `spectra must have one entry per training point (${data.length}), received ${spectra?.length}`,
      {
        parameter: "spectra",
        code: "shape",
      },
    );
  }
  const m = (spectra[0] as HessianSpectrum).values.length;
  for (const sp of spectra) {
    if (sp.dim !== d || sp.values.length !== m || sp.vectors.length !== d * m) {
      throw new DescentError(`every spectrum must have dim ${d} and ${m} modes`, {
        parameter: "spectra",
        code: "shape",
      });
    }
    for (let j = 0; j < m; j++) {
      if (!((sp.values[j] as number) > 0)) {
        throw new DescentError("spectra must have positive eigenvalues (clip them first)", {
          parameter: "spectra",
          code: "range",
        });
      }
    }
  }
  if (layout !== undefined && m !== (layout.nParticles - 1) * layout.spaceDim) {
    throw new DescentError(
      `spectra must have (n−1)s = ${(layout.nParticles - 1) * layout.spaceDim} modes for this layout, received ${m}`,
      {
        parameter: "spectra",
        code: "shape",
      },
    );
  }
  // z_1 = Qᵀ x_1 once per point
  const z1 = data.map((x, i) => project(spectra[i] as HessianSpectrum, x, d, m));
  const size = data.length;
  const kappa = clock.kind === "shared" ? clock.kappa : 0;
  const a = new Float64Array(m);
  const da = new Float64Array(m);
  const S = new Float64Array(m);
  const dS = new Float64Array(m);
  const eps = new Float64Array(m);

  function coefficients(i: number, t: number): void {
    const lam = (spectra[i] as HessianSpectrum).values;
    const l1 = Math.log1p(-t);
    for (let j = 0; j < m; j++) {
      const l = lam[j] as number;
      let aj: number;
      let daj: number;
      if (clock.kind === "per-mode") {
        aj = 1 - t;
        daj = -1;
      } else {
        // (1−t)^{λ/κ} through exp/log1p: no loss of precision near t = 0
        const p = l / kappa;
        aj = t >= 1 ? 0 : Math.exp(p * l1);
        daj = t >= 1 ? (p === 1 ? -1 : 0) : -p * Math.exp((p - 1) * l1);
      }
      const r = D / l;
      a[j] = aj;
      da[j] = daj;
      S[j] = aj * aj + r * (1 - aj * aj);
      dS[j] = 2 * aj * daj * (1 - r);
    }
  }

  function residual(i: number, x: ArrayLike<number>): Float64Array {
    // e_j = q_jᵀ x − (1 − a_j) z_{1,j}
    const r = project(spectra[i] as HessianSpectrum, x, d, m);
    const z = z1[i] as Float64Array;
    for (let j = 0; j < m; j++) r[j] = (r[j] as number) - (1 - (a[j] as number)) * (z[j] as number);
    return r;
  }

  return {
    name: options.name ?? (clock.kind === "shared" ? "hi-fm-shared" : "hi-fm"),
    dim: d,
    size,
    layout,
    noiseScale: 0,
    point: (i) => data[i] as Float64Array,
    flowInto(i, x0, t, xt, target) {
      assertPathArgs(i, t, size);
      coefficients(i, t);
      const sp = spectra[i] as HessianSpectrum;
      const q = sp.vectors;
      const z = z1[i] as Float64Array;
      for (let j = 0; j < m; j++) {
        let e = 0;
        for (let k = 0; k < d; k++) e += (q[j * d + k] as number) * (x0[k] as number);
        eps[j] = e;
      }
      xt.fill(0);
      target.fill(0);
      for (let j = 0; j < m; j++) {
        const sq = Math.sqrt(S[j] as number);
        const cx = (1 - (a[j] as number)) * (z[j] as number) + sq * (eps[j] as number);
        const ct =
          -(da[j] as number) * (z[j] as number) + ((dS[j] as number) / (2 * sq)) * (eps[j] as number);
        for (let k = 0; k < d; k++) {
          const qk = q[j * d + k] as number;
          xt[k] = (xt[k] as number) + cx * qk;
          target[k] = (target[k] as number) + ct * qk;
        }
      }
    },
    field(i, x, t, out = new Float64Array(d)) {
      assertPathArgs(i, t, size);
      coefficients(i, t);
      const e = residual(i, x);
      const q = (spectra[i] as HessianSpectrum).vectors;
      const z = z1[i] as Float64Array;
      out.fill(0);
      for (let j = 0; j < m; j++) {
        const c =
          -(da[j] as number) * (z[j] as number) +
          ((dS[j] as number) / (2 * (S[j] as number))) * (e[j] as number);
        for (let k = 0; k < d; k++) out[k] = (out[k] as number) + c * (q[j * d + k] as number);
      }
      return out;
    },
    divergence(i, t) {
      assertPathArgs(i, t, size);
      coefficients(i, t);
      let s = 0;
      for (let j = 0; j < m; j++) s += (dS[j] as number) / (2 * (S[j] as number));
      return s;
    },
    score(i, x, t, out = new Float64Array(d)) {
      assertPathArgs(i, t, size);
      coefficients(i, t);
      const e = residual(i, x);
      const q = (spectra[i] as HessianSpectrum).vectors;
      out.fill(0);
      for (let j = 0; j < m; j++) {
        const c = -(e[j] as number) / (S[j] as number);
        for (let k = 0; k < d; k++) out[k] = (out[k] as number) + c * (q[j * d + k] as number);
      }
      return out;
    },
    logDensity(i, x, t) {
      assertPathArgs(i, t, size);
      coefficients(i, t);
      const e = residual(i, x);
      let s = 0;
      for (let j = 0; j < m; j++)
        s += -0.5 * ((e[j] as number) ** 2 / (S[j] as number) + LOG_2PI + Math.log(S[j] as number));
      return s;
    },
  };
}

function project(sp: HessianSpectrum, x: ArrayLike<number>, d: number, m: number): Float64Array {
  const out = new Float64Array(m);
  const q = sp.vectors;
  for (let j = 0; j < m; j++) {
    let v = 0;
    for (let k = 0; k < d; k++) v += (q[j * d + k] as number) * (x[k] as number);
    out[j] = v;
  }
  return out;
}
