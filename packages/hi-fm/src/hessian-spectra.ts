/**
 * Regularised Hessian spectra `H̃ = Q Λ Qᵀ` at training points (docs/method.md, "Spectral clipping"):
 * symmetry check, restriction to the centre-of-mass-free subspace for particles (the translation zero
 * modes are dropped, never clipped), eigendecomposition in float64 and clipping of the eigenvalues to
 * `[floor, cap]`. Clipping commutes with orthogonal changes of basis, so it keeps equivariance.
 */

import {
  assertAllFinite,
  assertArrayLike,
  assertInteger,
  assertKnownOptions,
  assertLength,
  assertOneOf,
  assertPositive,
  DescentError,
  eigh,
} from "@descent/core-tensor";
import { assertEnergy, assertSpectra } from "./argument-types.js";
import { assertTrainingData } from "./conditional-path.js";
import { assertEnergyValue, type Energy } from "./energy.js";
import { assertLayout, comFreeBasis, type ParticleLayout } from "./particles.js";
import { type QuenchOptions, quench, resolveQuenchOptions } from "./quench.js";

/** An orthonormal eigenbasis and positive eigenvalues of a regularised Hessian. */
export interface HessianSpectrum {
  /** Ambient dimension `d`. */
  readonly dim: number;
  /** The `m` clipped eigenvalues (`m = d`, or `(n−1)s` for particles), ascending before clipping. */
  readonly values: Float64Array;
  /** `d × m` column-major: column `j` (`vectors[j·d … j·d + d)`) is the eigenvector of `values[j]`. */
  readonly vectors: Float64Array;
}

/** Options of {@link hessianSpectrum} and {@link hessianSpectra}. */
export interface SpectralOptions {
  /** Lower clip `λ_lo` (> 0). The paper clips the spectrum; the value is ours (E1: 1). */
  floor: number;
  /** Upper clip `λ_hi` (> floor). Default `Infinity`. */
  cap?: number;
  /**
   * `'clip'` (default, our choice): `λ ← min(cap, max(floor, λ))`; `'abs'`: `λ ← min(cap, max(floor, |λ|))`.
   */
  mode?: "clip" | "abs";
  /** Particle layout: restrict to the centre-of-mass-free subspace, dropping the translation modes. */
  layout?: ParticleLayout;
  /**
   * Relative asymmetry `max|H − Hᵀ| / max|H|` above which a Hessian is rejected. Default `1e-8`
   * (our choice); below it the Hessian is symmetrised.
   */
  symmetryTolerance?: number;
  /**
   * Where the Hessian of a training point `x_1` is evaluated. `'data'` (default): at `x_1` itself, the
   * paper's linearisation around the data point. `'quench'` (our option): at the local minimum that
   * {@link quench} reaches from `x_1`, which is positive semi-definite up to symmetry zero modes; the
   * conditional path still ends at `x_1`. Used by {@link hessianSpectra} only (it needs the energy).
   */
  hessianAt?: "data" | "quench";
  /** Options of the local minimisation when `hessianAt` is `'quench'` (see {@link QuenchOptions}). */
  quench?: QuenchOptions;
}

type ResolvedSpectralOptions = Required<Omit<SpectralOptions, "layout" | "quench">> & {
  layout?: ParticleLayout;
  quench: Required<QuenchOptions>;
};

function validate(options: SpectralOptions): ResolvedSpectralOptions {
  if (options === undefined) assertKnownOptions(null, []);
  assertKnownOptions(options, ["floor", "cap", "mode", "layout", "symmetryTolerance", "hessianAt", "quench"]);
  const {
    floor,
    cap = Infinity,
    mode = "clip",
    symmetryTolerance = 1e-8,
    layout,
    hessianAt = "data",
    quench: quenchOptions,
  } = options;
  assertPositive(floor, "floor");
  if (!(cap > floor)) {
    throw new DescentError(`cap (λ_hi = ${cap}) must be greater than floor (λ_lo = ${floor})`, {
      parameter: "cap",
      code: "range",
    });
  }
  assertOneOf(mode, "mode", ["clip", "abs"]);
  assertPositive(symmetryTolerance, "symmetryTolerance");
  if (layout !== undefined) assertLayout(layout, "layout");
  assertOneOf(hessianAt, "hessianAt", ["data", "quench"]);
  const quenchResolved = resolveQuenchOptions(quenchOptions, "quench");
  return {
    floor,
    cap,
    mode,
    symmetryTolerance,
    hessianAt,
    quench: quenchResolved,
    ...(layout === undefined ? {} : { layout }),
  };
}

/** The regularised spectrum of one symmetric `d × d` row-major matrix `h`. */
export function hessianSpectrum(h: Float64Array, dim: number, options: SpectralOptions): HessianSpectrum {
  const opts = validate(options);
  assertInteger(dim, "dim", { min: 1 });
  assertArrayLike(h, "h");
  assertLength(h, "h", dim * dim);
  assertAllFinite(h, "h");
  if (opts.hessianAt !== "data") {
    throw new DescentError(
      "hessianAt: 'quench' needs the energy: use hessianSpectra(energy, data, options)",
      {
        parameter: "hessianAt",
        code: "range",
      },
    );
  }
  return spectrumOf(h, dim, opts, opts.layout === undefined ? undefined : comFreeBasis(opts.layout));
}

function spectrumOf(
  h: Float64Array,
  d: number,
  opts: ResolvedSpectralOptions,
  basis: Float64Array | undefined,
): HessianSpectrum {
  if (h.length !== d * d) {
    throw new DescentError(`hessian must have length ${d * d}, received ${h.length}`, {
      parameter: "hessian",
      code: "shape",
    });
  }
  if (opts.layout !== undefined && opts.layout.nParticles * opts.layout.spaceDim !== d)
    assertLayout(opts.layout, "layout", d);
  let scale = 0;
  let asym = 0;
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      const v = h[i * d + j] as number;
      if (!Number.isFinite(v)) {
        throw new DescentError(`hessian must be finite, found ${v} at (${i}, ${j})`, {
          parameter: "hessian",
          code: "finite",
        });
      }
      scale = Math.max(scale, Math.abs(v));
      asym = Math.max(asym, Math.abs(v - (h[j * d + i] as number)));
    }
  if (asym > opts.symmetryTolerance * Math.max(scale, Number.MIN_VALUE)) {
    throw new DescentError(
      `hessian must be symmetric: max |H − Hᵀ| = ${asym.toExponential(3)} exceeds ${opts.symmetryTolerance} · max |H|`,
      { parameter: "hessian", code: "not-symmetric" },
    );
  }
  const sym = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) sym[i * d + j] = 0.5 * ((h[i * d + j] as number) + (h[j * d + i] as number));
  const m = basis === undefined ? d : basis.length / d;
  let sub = sym;
  if (basis !== undefined) {
    // Bᵀ H B with B column-major d × m
    const hb = new Float64Array(d * m);
    for (let c = 0; c < m; c++)
      for (let i = 0; i < d; i++) {
        let v = 0;
        for (let k = 0; k < d; k++) v += (sym[i * d + k] as number) * (basis[c * d + k] as number);
        hb[c * d + i] = v;
      }
    sub = new Float64Array(m * m);
    for (let a = 0; a < m; a++)
      for (let c = 0; c < m; c++) {
        let v = 0;
        for (let k = 0; k < d; k++) v += (basis[a * d + k] as number) * (hb[c * d + k] as number);
        sub[a * m + c] = v;
      }
    for (let a = 0; a < m; a++)
      for (let c = 0; c < a; c++) {
        const v = 0.5 * ((sub[a * m + c] as number) + (sub[c * m + a] as number));
        sub[a * m + c] = v;
        sub[c * m + a] = v;
      }
  }
  const { values, vectors } = eigh({ rows: m, cols: m, data: sub });
  const clipped = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const raw = values[j] as number;
    const v = opts.mode === "abs" ? Math.abs(raw) : raw;
    clipped[j] = Math.min(opts.cap, Math.max(opts.floor, v));
  }
  const q = new Float64Array(d * m);
  for (let j = 0; j < m; j++) {
    if (basis === undefined) {
      for (let i = 0; i < d; i++) q[j * d + i] = vectors.data[i * m + j] as number;
    } else {
      for (let c = 0; c < m; c++) {
        const w = vectors.data[c * m + j] as number;
        if (w === 0) continue;
        for (let i = 0; i < d; i++)
          q[j * d + i] = (q[j * d + i] as number) + w * (basis[c * d + i] as number);
      }
    }
  }
  return { dim: d, values: clipped, vectors: q };
}

/**
 * The regularised Hessian spectrum of `energy` at every point of `data` (precomputed once before
 * training; `O(N d³)`). NaN energies or Hessian entries are rejected with an error naming `energy`.
 * With `hessianAt: 'quench'` each Hessian is taken at the local minimum reached from the data point.
 */
export function hessianSpectra(
  energy: Energy,
  data: readonly Float64Array[],
  options: SpectralOptions,
): HessianSpectrum[] {
  const opts = validate(options);
  assertEnergy(energy);
  assertTrainingData(data);
  if (opts.layout !== undefined) assertLayout(opts.layout, "layout", energy.dim);
  const basis = opts.layout === undefined ? undefined : comFreeBasis(opts.layout);
  const d = energy.dim;
  const h = new Float64Array(d * d);
  return data.map((x1) => {
    assertEnergyValue(energy.value(x1), "energy");
    const x = opts.hessianAt === "quench" ? quench(energy, x1, opts.quench).x : x1;
    energy.hessian(x, h);
    for (let k = 0; k < h.length; k++) {
      if (Number.isNaN(h[k])) {
        throw new DescentError("energy returned a NaN Hessian entry", {
          parameter: "energy",
          code: "finite",
        });
      }
    }
    return spectrumOf(h, d, opts, basis);
  });
}

/** `ḡ = exp(mean of ln λ_j over all points and modes)`, the volume-matching scale of docs/method.md. */
export function geometricMeanEigenvalue(spectra: readonly HessianSpectrum[]): number {
  assertSpectra(spectra);
  if (spectra.length === 0) {
    throw new DescentError("spectra must not be empty", { parameter: "spectra", code: "empty" });
  }
  let s = 0;
  let c = 0;
  for (const sp of spectra)
    for (let j = 0; j < sp.values.length; j++) {
      s += Math.log(sp.values[j] as number);
      c++;
    }
  return Math.exp(s / c);
}

/**
 * The isotropic spectrum `H̃ = value · I` (on the centre-of-mass-free subspace for particles) for
 * `count` points: the iso-OU ablation, which keeps HI-FM's path form and removes its anisotropy.
 */
export function isotropicSpectra(
  dim: number,
  count: number,
  value: number,
  layout?: ParticleLayout,
): HessianSpectrum[] {
  assertInteger(dim, "dim", { min: 1 });
  assertInteger(count, "count", { min: 0 });
  assertPositive(value, "value");
  let vectors: Float64Array;
  if (layout !== undefined) {
    assertLayout(layout, "layout", dim);
    vectors = comFreeBasis(layout);
  } else {
    vectors = new Float64Array(dim * dim);
    for (let i = 0; i < dim; i++) vectors[i * dim + i] = 1;
  }
  const m = vectors.length / dim;
  const one: HessianSpectrum = { dim, values: new Float64Array(m).fill(value), vectors };
  return Array.from({ length: count }, () => one);
}
