/**
 * A linear two-class problem with closed-form optimal attacks (docs/method.md §f.3), the package's exact test bed:
 * logits `(0, ⟨G, x⟩ + b)` on single-channel H×W images, label 0. The cross-entropy of label 0 is
 * `softplus(⟨G, x⟩ + b)`, increasing in the gain `⟨G, δ⟩`, so the best attacks are known: ℓ2
 * `eps·‖G‖_F`, ℓ∞ `eps·‖G‖₁`, rank-r `eps·sqrt(σ₁² + … + σ_r²)` (Eckart–Young).
 */
import {
  assertAllFinite,
  assertArrayLike,
  assertFiniteNumber,
  assertInteger,
  assertLength,
  assertNonNegative,
  Rng,
  randomOrthogonal,
  tf,
} from "@descent/core-tensor";
import { singularValues } from "./channel-svd.js";
import type { LogitsFn } from "./classifier.js";
import { checkOptionsObject } from "./internal/checks.js";

/** Options of {@link createLinearProblem}. */
export interface LinearProblemOptions {
  /** The weight matrix G, row-major H×W. */
  weights: Float64Array;
  height: number;
  width: number;
  /**
   * `⟨G, x⟩ + b` at the reference image, i.e. how far the label-0 sample sits on the wrong side. Default 10
   * (docs/method.md §f.3: margin −10 seen from label 0, so the loss is in its linear regime and never saturates).
   */
  margin?: number;
  /** Pixel value of the reference image `x ≡ reference`. Default 0.5 (docs/method.md §f.3). */
  reference?: number;
}

/** The problem: its model, reference batch and closed-form optima. */
export interface LinearProblem {
  /** Logits `[B, 2]` = `(0, ⟨G, x_b⟩ + b)`. */
  logits: LogitsFn;
  /** `batch` copies of the reference image `[batch, H, W, 1]` (caller disposes). */
  images(batch: number): tf.Tensor4D;
  /** Per-sample gain `⟨G, adv_b − x_b⟩`. */
  gain(x: tf.Tensor4D, adv: tf.Tensor4D): Float64Array;
  /** Best ℓ2 gain `eps·‖G‖_F`. */
  optimalGainL2(eps: number): number;
  /** Best ℓ∞ gain `eps·‖G‖₁` (δ = eps·sign G; needs the box not to bind). */
  optimalGainLinf(eps: number): number;
  /** Best gain of a rank-r perturbation of ℓ2 norm eps: `eps·sqrt(Σ_{i≤r} σ_i²)`. */
  optimalGainRank(eps: number, rank: number): number;
  /** Frees the weight tensor. */
  dispose(): void;
}

/**
 * Builds the linear problem of docs/method.md §f.3 from a weight matrix G.
 *
 * @example
 * ```ts
 * const p = createLinearProblem({ weights: spectralMatrix([5, 3.5, 2.45], 28, 28, 1), height: 28, width: 28 });
 * ```
 */
export function createLinearProblem(options: LinearProblemOptions): LinearProblem {
  checkOptionsObject(options, ["weights", "height", "width", "margin", "reference"], "options", true);
  const { weights, height, width } = options;
  assertInteger(height, "height", { min: 1 });
  assertInteger(width, "width", { min: 1 });
  assertArrayLike(weights, "weights");
  assertLength(weights, "weights", height * width);
  assertAllFinite(weights, "weights");
  const margin = options.margin ?? 10;
  assertFiniteNumber(margin, "margin");
  const reference = options.reference ?? 0.5;
  assertFiniteNumber(reference, "reference");
  let total = 0;
  let l1 = 0;
  let fro = 0;
  for (const g of weights) {
    total += g;
    l1 += Math.abs(g);
    fro += g * g;
  }
  const bias = margin - reference * total;
  let sv: Float64Array | undefined; // computed on first use
  const g = tf.tensor2d(Float32Array.from(weights), [height * width, 1]);
  const logits: LogitsFn = (x) =>
    tf.tidy(() => {
      const z = tf.add(tf.matMul(tf.reshape(x, [x.shape[0], -1]), g), bias);
      return tf.concat([tf.zerosLike(z), z], 1) as tf.Tensor2D;
    });
  return {
    logits,
    images: (batch) => tf.fill([batch, height, width, 1], reference) as tf.Tensor4D,
    gain(x, adv) {
      const d = tf.tidy(() => tf.matMul(tf.reshape(tf.sub(adv, x), [x.shape[0], -1]), g));
      const out = Float64Array.from(d.dataSync());
      d.dispose();
      return out;
    },
    optimalGainL2: (eps) => eps * Math.sqrt(fro),
    optimalGainLinf: (eps) => eps * l1,
    optimalGainRank(eps, rank) {
      assertInteger(rank, "rank", { min: 1 });
      sv ??= singularValues(weights, height, width);
      let s = 0;
      for (let i = 0; i < Math.min(rank, sv.length); i++) s += (sv[i] as number) ** 2;
      return eps * Math.sqrt(s);
    },
    dispose: () => g.dispose(),
  };
}

/**
 * A row-major m×n matrix `Q₁ diag(σ) Q₂ᵀ` with the given singular values and seeded random orthonormal
 * factors (Haar, core-tensor `randomOrthogonal`), e.g. `σ_i = 5·0.7^{i−1}` as in docs/method.md §f.3.
 */
export function spectralMatrix(sigma: readonly number[], m: number, n: number, seed: number): Float64Array {
  assertInteger(m, "m", { min: 1 });
  assertInteger(n, "n", { min: 1 });
  assertInteger(seed, "seed");
  assertArrayLike(sigma, "sigma");
  if (sigma.length > Math.min(m, n)) assertLength(sigma, "sigma", Math.min(m, n));
  sigma.forEach((s, i) => {
    assertNonNegative(s, `sigma[${i}]`);
  });
  const rng = new Rng(seed);
  const left = randomOrthogonal(rng, m);
  const right = randomOrthogonal(rng, n);
  const out = new Float64Array(m * n);
  sigma.forEach((s, t) => {
    for (let i = 0; i < m; i++) {
      const a = s * (left.data[i * left.cols + t] as number);
      for (let j = 0; j < n; j++)
        out[i * n + j] = (out[i * n + j] as number) + a * (right.data[j * right.cols + t] as number);
    }
  });
  return out;
}
