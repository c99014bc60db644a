/**
 * LoRa-PGD's FGSM initialisation (docs/method.md §c.3, [code] init `'fgsm'`, the "Warm-up" and "Transfer" rows of
 * the paper's tables): one normalised-gradient ℓ2 step of length eps gives δ⁰; every channel's thin SVD
 * `δ⁰ = Ũ S Ṽᵀ` is split as `U = Ũ_r·diag(√S_r)`, `V = diag(√S_r)·Ṽ_rᵀ`, so `U·V` is the rank-r truncation.
 */
import { tf } from "@descent/core-tensor";
import type { BoxOptions } from "./attack-options.js";
import { channelMatrices64, channelSvd } from "./channel-svd.js";
import type { Classifier } from "./classifier.js";
import { checkBox, checkImages, checkOptionsObject, checkRank } from "./internal/checks.js";
import { pgd } from "./pgd.js";

/** Options of {@link fgsmFactors}. */
export interface FgsmFactorsOptions extends BoxOptions {
  /** ℓ2 budget of the single step (the attack's eps). */
  eps: number;
  /** Rank r of the factors. */
  rank: number;
  /** Targeted step (descend the target's loss). Default false. */
  targeted?: boolean;
  /** Default 1e-10 ([code]). */
  epsForDivision?: number;
}

/** Every key of {@link FgsmFactorsOptions}. */
const FGSM_FACTORS_KEYS = Object.keys({
  eps: true,
  rank: true,
  targeted: true,
  epsForDivision: true,
  clipMin: true,
  clipMax: true,
} satisfies Record<keyof FgsmFactorsOptions, true>);

/**
 * Factors `u [B·C, H, r]`, `v [B·C, r, W]` whose product is the rank-r truncated SVD of
 * `δ⁰ = PGD-ℓ2(model, x, y; eps, alpha = eps, steps = 1, no random start) − x` (docs/method.md §c.3 steps 1–3).
 * With `model` the attacked model this is the warm-up initialisation; with another (non-robust) model,
 * the transfer initialisation. For r > min(H, W) the extra columns are zero.
 */
export function fgsmFactors(
  model: Classifier,
  x: tf.Tensor4D,
  y: tf.Tensor1D,
  options: FgsmFactorsOptions,
): { u: tf.Tensor3D; v: tf.Tensor3D } {
  checkOptionsObject(options, FGSM_FACTORS_KEYS, "options", true);
  const box = checkBox(options);
  checkImages(x, box);
  const [batch, h, w, c] = x.shape;
  checkRank(options.rank, h, w);
  const r = options.rank;
  const step = pgd(model, x, y, {
    norm: "l2",
    eps: options.eps,
    steps: 1,
    alpha: options.eps > 0 ? options.eps : 1,
    randomStart: false,
    clipMin: box.lo,
    clipMax: box.hi,
    targeted: options.targeted ?? false,
    ...(options.epsForDivision === undefined ? {} : { epsForDivision: options.epsForDivision }),
  });
  const delta0 = tf.sub(step.adv, x) as tf.Tensor4D;
  step.adv.dispose();
  const matrices = channelMatrices64(delta0);
  delta0.dispose();
  const uData = new Float32Array(batch * c * h * r);
  const vData = new Float32Array(batch * c * r * w);
  matrices.forEach((m, idx) => {
    const { U, S, V } = channelSvd(m, h, w);
    const k = Math.min(r, S.length);
    for (let t = 0; t < k; t++) {
      const root = Math.sqrt(S[t] as number);
      for (let i = 0; i < h; i++) uData[idx * h * r + i * r + t] = (U.data[i * U.cols + t] as number) * root;
      for (let j = 0; j < w; j++) vData[idx * r * w + t * w + j] = (V.data[j * V.cols + t] as number) * root;
    }
  });
  return { u: tf.tensor3d(uData, [batch * c, h, r]), v: tf.tensor3d(vData, [batch * c, r, w]) };
}
