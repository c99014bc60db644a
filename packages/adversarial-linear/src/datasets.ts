/**
 * Seeded synthetic data generators of the paper's experiments (docs/method.md §e, a port of the code's
 * `paper/datasets.py` and `paper/5-syntetic-dsets.py` with core-tensor's `Rng`), and the paper's
 * standardisation (docs/method.md §d: X and y standardised with train statistics).
 */

import type { Matrix64 } from "@descent/core-tensor";
import {
  assertAllFinite,
  assertInteger,
  assertKnownOptions,
  assertNonNegative,
  DescentError,
  Rng,
} from "@descent/core-tensor";
import { type MatrixInput, toMatrix } from "./data-input.js";

/** A generated problem: design `X` (n×p), targets `y`, and the true coefficients. */
export interface SyntheticData {
  X: Matrix64;
  y: Float64Array;
  coef: Float64Array;
}

/** Options of the generators. */
export interface GeneratorOptions {
  /** Standard deviation of the additive Gaussian noise. Default 0.1 (docs/method.md §e). */
  noise?: number;
  /** Seed of every draw. Default 0 (our choice). */
  seed?: number;
}

function checkSizes(n: number, p: number): void {
  assertInteger(n, "n", { min: 1 });
  assertInteger(p, "p", { min: 1 });
}

function gaussianDesign(rng: Rng, n: number, p: number): Matrix64 {
  return { rows: n, cols: p, data: rng.normalArray(n * p) };
}

function linearTargets(rng: Rng, X: Matrix64, coef: Float64Array, noise: number): Float64Array {
  const y = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let s = 0;
    for (let j = 0; j < X.cols; j++) s += (X.data[i * X.cols + j] as number) * (coef[j] as number);
    y[i] = s + noise * rng.normal();
  }
  return y;
}

/**
 * `gaussian(n, p)`: `X_ij ~ N(0, 1)`, `β ~ N(0, I/p)`, `y = Xβ + noise·N(0, 1)` (docs/method.md §e).
 *
 * @example const { X, y } = gaussian(1000, 100, { seed: 0 });
 */
export function gaussian(n: number, p: number, options: GeneratorOptions = {}): SyntheticData {
  checkSizes(n, p);
  assertKnownOptions(options, ["noise", "seed"]);
  const { noise = 0.1, seed = 0 } = options;
  assertNonNegative(noise, "noise");
  const rng = new Rng(seed);
  const X = gaussianDesign(rng, n, p);
  const coef = rng.normalArray(p, 0, 1 / Math.sqrt(p));
  return { X, y: linearTargets(rng, X, coef, noise), coef };
}

/** `gaussianClassification(n, p)`: same X and β as {@link gaussian}, `y = sign(Xβ + noise·N(0, 1))` ∈ {−1, +1} (docs/method.md §e). */
export function gaussianClassification(n: number, p: number, options: GeneratorOptions = {}): SyntheticData {
  const d = gaussian(n, p, options);
  return { ...d, y: d.y.map((v) => (v >= 0 ? 1 : -1)) };
}

/**
 * `sparseGaussian(n, p, nonZeros)`: Gaussian design, a coefficient vector with `nonZeros` entries drawn
 * N(0, 1/nonZeros) at random positions (the rest 0), `y = Xβ + noise·N(0, 1)` (docs/method.md §e, Fig. 5; scaling ours).
 */
export function sparseGaussian(
  n: number,
  p: number,
  nonZeros: number,
  options: GeneratorOptions = {},
): SyntheticData {
  checkSizes(n, p);
  assertInteger(nonZeros, "nonZeros", { min: 1, max: p });
  assertKnownOptions(options, ["noise", "seed"]);
  const { noise = 0.1, seed = 0 } = options;
  assertNonNegative(noise, "noise");
  const rng = new Rng(seed);
  const X = gaussianDesign(rng, n, p);
  const coef = new Float64Array(p);
  for (const j of rng.sampleWithoutReplacement(p, nonZeros)) coef[j] = rng.normal(0, 1 / Math.sqrt(nonZeros));
  return { X, y: linearTargets(rng, X, coef, noise), coef };
}

/**
 * `latentFeatures(n, p, nLatent)`: spiked-covariance data (docs/method.md §e, Fig. 5): latent `Z ~ N(0, I_k)`,
 * features `X = Z Wᵀ + N(0, I)` with `W_jl ~ N(0, 1/k)`, target `y = Zθ + noise·N(0, 1)` with
 * `θ ~ N(0, I/k)`. `coef` holds θ (the latent coefficients). Scalings are our choice.
 */
export function latentFeatures(
  n: number,
  p: number,
  nLatent: number,
  options: GeneratorOptions = {},
): SyntheticData {
  checkSizes(n, p);
  assertInteger(nLatent, "nLatent", { min: 1 });
  assertKnownOptions(options, ["noise", "seed"]);
  const { noise = 0.1, seed = 0 } = options;
  assertNonNegative(noise, "noise");
  const rng = new Rng(seed);
  const k = nLatent;
  const Z = rng.normalArray(n * k);
  const W = rng.normalArray(p * k, 0, 1 / Math.sqrt(k));
  const theta = rng.normalArray(k, 0, 1 / Math.sqrt(k));
  const X = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += (Z[i * k + l] as number) * (W[j * k + l] as number);
      X[i * p + j] = s + rng.normal();
    }
    let t = 0;
    for (let l = 0; l < k; l++) t += (Z[i * k + l] as number) * (theta[l] as number);
    y[i] = t + noise * rng.normal();
  }
  return { X: { rows: n, cols: p, data: X }, y, coef: theta };
}

/** Column means and standard deviations (population, ddof 0 as numpy) of a standardisation. */
export interface Standardization {
  mean: Float64Array;
  std: Float64Array;
}

/**
 * Column statistics for standardising (paper's `normalize` in `paper/datasets.py`: mean and population std
 * of the training set). A constant column gets std 1 (our choice, avoids a division by zero).
 */
export function fitStandardization(X: MatrixInput): Standardization {
  const Xm = toMatrix(X);
  const { rows: n, cols: p } = Xm;
  const mean = new Float64Array(p);
  const std = new Float64Array(p);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) mean[j] = (mean[j] as number) + (Xm.data[i * p + j] as number);
  for (let j = 0; j < p; j++) mean[j] = (mean[j] as number) / n;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++)
      std[j] = (std[j] as number) + ((Xm.data[i * p + j] as number) - (mean[j] as number)) ** 2;
  for (let j = 0; j < p; j++) {
    const s = Math.sqrt((std[j] as number) / n);
    std[j] = s > 0 ? s : 1;
  }
  return { mean, std };
}

/** Applies `(X − mean) / std` column-wise, returning a new matrix. */
export function applyStandardization(X: MatrixInput, stats: Standardization): Matrix64 {
  const Xm = toMatrix(X);
  const { rows: n, cols: p } = Xm;
  if (stats.mean.length !== p || stats.std.length !== p) {
    throw new DescentError(`stats must have ${p} entries, received ${stats.mean.length}`, {
      parameter: "stats",
      code: "shape",
    });
  }
  const data = new Float64Array(n * p);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++)
      data[i * p + j] =
        ((Xm.data[i * p + j] as number) - (stats.mean[j] as number)) / (stats.std[j] as number);
  return { rows: n, cols: p, data };
}

/** Standardises a vector `(y − mean)/std` (population std), returning the values and the statistics. */
export function standardizeVector(y: ArrayLike<number>): { values: Float64Array; mean: number; std: number } {
  const n = y.length;
  if (n === 0) throw new DescentError("y must not be empty", { parameter: "y", code: "empty" });
  assertAllFinite(y, "y");
  let m = 0;
  for (let i = 0; i < n; i++) m += y[i] as number;
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += ((y[i] as number) - m) ** 2;
  const s = Math.sqrt(v / n) || 1;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = ((y[i] as number) - m) / s;
  return { values, mean: m, std: s };
}
