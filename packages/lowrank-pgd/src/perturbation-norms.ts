/**
 * Sizes of the perturbation actually applied, `δ = adv − x` (after clipping, as the paper's code
 * measures them; docs/method.md §b): per-sample ℓ2 and ℓ∞ norms and the nuclear norm of every channel matrix.
 */
import { DescentError, tf } from "@descent/core-tensor";
import { channelMatrices64, singularValues } from "./channel-svd.js";
import { checkImages } from "./internal/checks.js";

/** Per-sample norms of `adv − x` and their means. */
export interface PerturbationNorms {
  /** `‖δ_b‖₂` over all channels and pixels, per sample. */
  l2: Float64Array;
  /** `max |δ_b|` per sample. */
  linf: Float64Array;
  /** Mean over the sample's channels of the channel nuclear norm `Σ σ_i(δ_{b,c})`. */
  nuclear: Float64Array;
  meanL2: number;
  meanLinf: number;
  /** Mean nuclear norm over all (sample, channel) pairs ([code]: `norm(·, 'nuc', dim=(2,3)).mean()`). */
  meanNuclear: number;
}

/** Checks that `adv` is a live, finite tensor of `x`'s shape. */
export function checkSameShape(x: tf.Tensor4D, adv: unknown, parameter = "adv"): asserts adv is tf.Tensor4D {
  if (!(adv instanceof tf.Tensor) || adv.isDisposed || adv.shape.join() !== x.shape.join()) {
    const got = adv instanceof tf.Tensor ? `[${adv.shape.join(", ")}]` : typeof adv;
    throw new DescentError(`${parameter} must have the shape of x [${x.shape.join(", ")}], received ${got}`, {
      parameter,
      code: "shape",
    });
  }
  checkImages(adv, { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY }, parameter);
}

function mean(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return a.length === 0 ? 0 : s / a.length;
}

/**
 * ℓ2, ℓ∞ and nuclear norms of `adv − x`, per sample (float64 SVD per channel matrix).
 *
 * @example
 * ```ts
 * const { meanL2, meanNuclear } = perturbationNorms(x, adv);
 * ```
 */
export function perturbationNorms(x: tf.Tensor4D, adv: tf.Tensor4D): PerturbationNorms {
  checkImages(x, { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY });
  checkSameShape(x, adv);
  const [b, h, w, c] = x.shape;
  const delta = tf.sub(adv, x) as tf.Tensor4D;
  const data = delta.dataSync();
  const per = h * w * c;
  const l2 = new Float64Array(b);
  const linf = new Float64Array(b);
  for (let s = 0; s < b; s++) {
    let sq = 0;
    let mx = 0;
    for (let i = s * per; i < (s + 1) * per; i++) {
      const v = data[i] as number;
      sq += v * v;
      if (Math.abs(v) > mx) mx = Math.abs(v);
    }
    l2[s] = Math.sqrt(sq);
    linf[s] = mx;
  }
  const nuclear = new Float64Array(b);
  channelMatrices64(delta).forEach((m, idx) => {
    let sum = 0;
    for (const sv of singularValues(m, h, w)) sum += sv;
    const s = Math.floor(idx / c);
    nuclear[s] = (nuclear[s] as number) + sum / c;
  });
  delta.dispose();
  return { l2, linf, nuclear, meanL2: mean(l2), meanLinf: mean(linf), meanNuclear: mean(nuclear) };
}
