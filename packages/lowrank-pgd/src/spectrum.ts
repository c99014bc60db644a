/**
 * Spectral analyses of perturbations (docs/method.md §c.4): the spectrum of δ itself (c.4-3, a project addition:
 * mean singular values, top-k energy fractions, nuclear/Frobenius ratio) and the paper's relative change
 * of the image spectrum (c.4-1) with the masking rule for rank-deficient images (docs/method.md §h.4).
 */
import {
  assertArrayLike,
  assertInRange,
  assertInteger,
  assertKnownOptions,
  assertNonEmpty,
  tf,
} from "@descent/core-tensor";
import { channelMatrices64, singularValues } from "./channel-svd.js";
import { checkImages } from "./internal/checks.js";
import { checkSameShape } from "./perturbation-norms.js";

/** Statistics of the singular values of the channel matrices of `δ = adv − x` (docs/method.md §c.4-3). */
export interface SpectrumStats {
  /** Mean channel nuclear norm over all (sample, channel) pairs. */
  meanNuclear: number;
  /** Mean channel Frobenius norm. */
  meanFrobenius: number;
  /** Mean over channel matrices of `σ_i(δ)`, i = 1..min(H, W), descending. */
  meanSingularValues: Float64Array;
  /** k → mean of `E_k = Σ_{i≤k} σ_i² / Σ_i σ_i²` over the non-zero channel matrices. */
  energyTopK: Record<number, number>;
  /** Mean of `‖δ‖_* / ‖δ‖_F` over the non-zero channel matrices (1 for rank 1, √min(H,W) at most). */
  nuclearToFrobenius: number;
  /** Largest numerical rank (σ_i > rankTol·σ_1) over the channel matrices. */
  numericalRankMax: number;
  /** Mean numerical rank over the non-zero channel matrices. */
  numericalRankMean: number;
  /** Channel matrices analysed, and how many of them were non-zero. */
  matrices: number;
  nonZeroMatrices: number;
}

/** Options of {@link perturbationSpectrum}. */
export interface SpectrumOptions {
  /** The k of the energy fractions. Default [1, 3, 5, 10] (docs/method.md §c.4-3). */
  ks?: number[];
  /** Relative threshold of the numerical rank. Default 1e-5 (our choice: float32 rounding of `adv − x` is ~1e-7 per entry). */
  rankTol?: number;
}

/**
 * Singular-value statistics of the clipped perturbation `adv − x`, over every sample and channel.
 *
 * @example
 * ```ts
 * const s = perturbationSpectrum(adv, x); // s.energyTopK[5] ≈ 0.86 for PGD-ℓ2 on an MNIST MLP (docs/method.md §e.4)
 * ```
 */
export function perturbationSpectrum(
  adv: tf.Tensor4D,
  x: tf.Tensor4D,
  options: SpectrumOptions = {},
): SpectrumStats {
  assertKnownOptions(options, ["ks", "rankTol"]);
  checkImages(x, { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY });
  checkSameShape(x, adv);
  const ks = options.ks ?? [1, 3, 5, 10];
  assertArrayLike(ks, "ks");
  assertNonEmpty(ks, "ks");
  ks.forEach((k, i) => {
    assertInteger(k, `ks[${i}]`, { min: 1 });
  });
  const rankTol = options.rankTol ?? 1e-5;
  assertInRange(rankTol, "rankTol", { min: 0, max: 1 });
  const [, h, w] = x.shape;
  const n = Math.min(h, w);
  const delta = tf.sub(adv, x) as tf.Tensor4D;
  const matrices = channelMatrices64(delta);
  delta.dispose();
  const meanSv = new Float64Array(n);
  const energy = new Float64Array(ks.length);
  let nuclear = 0;
  let frobenius = 0;
  let ratio = 0;
  let rankMax = 0;
  let rankSum = 0;
  let nonZero = 0;
  for (const m of matrices) {
    const s = singularValues(m, h, w);
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const v = s[i] as number;
      meanSv[i] = (meanSv[i] as number) + v;
      sum += v;
      sq += v * v;
    }
    nuclear += sum;
    frobenius += Math.sqrt(sq);
    if (sq === 0) continue;
    nonZero++;
    ratio += sum / Math.sqrt(sq);
    const s1 = s[0] as number;
    let rank = 0;
    for (let i = 0; i < n; i++) if ((s[i] as number) > rankTol * s1) rank++;
    rankMax = Math.max(rankMax, rank);
    rankSum += rank;
    ks.forEach((k, j) => {
      let top = 0;
      for (let i = 0; i < Math.min(k, n); i++) top += (s[i] as number) ** 2;
      energy[j] = (energy[j] as number) + top / sq;
    });
  }
  const count = matrices.length;
  const energyTopK: Record<number, number> = {};
  ks.forEach((k, j) => {
    energyTopK[k] = nonZero === 0 ? 0 : (energy[j] as number) / nonZero;
  });
  return {
    meanNuclear: nuclear / count,
    meanFrobenius: frobenius / count,
    meanSingularValues: meanSv.map((v) => v / count),
    energyTopK,
    nuclearToFrobenius: nonZero === 0 ? 0 : ratio / nonZero,
    numericalRankMax: rankMax,
    numericalRankMean: nonZero === 0 ? 0 : rankSum / nonZero,
    matrices: count,
    nonZeroMatrices: nonZero,
  };
}

/** The paper's relative spectrum change (docs/method.md §c.4-1) with the per-index counts of docs/method.md §h.4. */
export interface RelativeSpectrumChange {
  /** Mean `|σ_i(adv) − σ_i(x)| / σ_i(x)` per index, normalised to sum 1 (the paper's histogram). */
  distribution: Float64Array;
  /** The same means before normalisation. */
  meanRelativeChange: Float64Array;
  /** How many channel matrices contributed to each index (those with σ_i(x) > floor·σ_1(x)). */
  counts: Int32Array;
}

/**
 * Relative change of the singular values of every image channel under an attack (docs/method.md §c.4-1). Indices
 * where the clean image is numerically rank-deficient (`σ_i(x) ≤ floor·σ_1(x)`) are excluded, since the
 * ratio is infinite there (MNIST digits have exact zero singular values; docs/method.md §h.4).
 */
export function relativeSpectrumChange(
  x: tf.Tensor4D,
  adv: tf.Tensor4D,
  options: { floor?: number } = {},
): RelativeSpectrumChange {
  assertKnownOptions(options, ["floor"]);
  checkImages(x, { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY });
  checkSameShape(x, adv);
  const floor = options.floor ?? 1e-6;
  assertInRange(floor, "floor", { min: 0, max: 1, exclusiveMin: true });
  const [, h, w] = x.shape;
  const n = Math.min(h, w);
  const clean = channelMatrices64(x);
  const attacked = channelMatrices64(adv);
  const sums = new Float64Array(n);
  const counts = new Int32Array(n);
  clean.forEach((m, idx) => {
    const s0 = singularValues(m, h, w);
    const s1 = singularValues(attacked[idx] as Float64Array, h, w);
    const top = s0[0] as number;
    for (let i = 0; i < n; i++) {
      const base = s0[i] as number;
      if (!(base > floor * top)) continue;
      sums[i] = (sums[i] as number) + Math.abs((s1[i] as number) - base) / base;
      counts[i] = (counts[i] as number) + 1;
    }
  });
  const meanRelativeChange = sums.map((s, i) => ((counts[i] as number) > 0 ? s / (counts[i] as number) : 0));
  let total = 0;
  for (const v of meanRelativeChange) total += v;
  const distribution = meanRelativeChange.map((v) => (total > 0 ? v / total : 0));
  return { distribution, meanRelativeChange, counts };
}
