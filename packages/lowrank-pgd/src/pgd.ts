/**
 * Projected gradient descent attacks: PGD-ℓ2 (docs/method.md §c.2, torchattacks `PGDL2`, the paper's reference
 * attack) and PGD-ℓ∞ (docs/method.md §c.1, torchattacks `PGD`, Madry et al. 2018), with the optional rank-r SVD
 * truncation at the last step that the paper uses as a timing baseline (docs/method.md §c.3, [code] `PGDL2_proj_r`).
 */
import {
  assertInteger,
  assertOneOf,
  assertPositive,
  DescentError,
  disposeAbandonedGradientTape,
  normalTensor,
  Rng,
  tf,
  uniformTensor,
} from "@descent/core-tensor";
import type { AttackControlOptions, AttackResult } from "./attack-options.js";
import { truncateChannelsToRank } from "./channel-svd.js";
import { attackObjective, type Classifier, toLogitsFn } from "./classifier.js";
import {
  ATTACK_CONTROL_KEYS,
  checkBox,
  checkEps,
  checkImages,
  checkModelOutput,
  checkOptionsObject,
  checkSteps,
  throwIfAborted,
} from "./internal/checks.js";
import { normalizePerSample, perSampleNorm, projectL2Ball } from "./internal/per-sample.js";

/** How PGD draws its starting point. */
export type PgdRandomStart = false | "radial" | "ball" | "uniform";

/** Options of {@link pgd}. */
export interface PgdOptions extends AttackControlOptions {
  /** The threat model: `"l2"` (docs/method.md §c.2, the paper's attack) or `"linf"` (docs/method.md §c.1). */
  norm: "l2" | "linf";
  /** Budget: per-sample ℓ2 radius or ℓ∞ half-width, in pixel units of the box. */
  eps: number;
  /** Iterations. Default 10 (paper, [code] `main.py`; also torchattacks). */
  steps?: number;
  /**
   * Step size. Default for `"l2"`: `1.8·eps/steps` (paper setting, [code] `main.py`; torchattacks'
   * library default is 0.2); for `"linf"`: 2/255 (torchattacks).
   */
  alpha?: number;
  /**
   * Starting point. `false`: `x` itself (default for `"l2"`, as the paper runs it). `"radial"`:
   * torchattacks' ℓ2 start (Gaussian direction, radius uniform in [0, eps]; not uniform in the ball,
   * torchattacks issue #161). `"ball"`: uniform in the ℓ2 ball (foolbox). `"uniform"`: uniform in the ℓ∞
   * cube (default for `"linf"`, torchattacks). Our choice of names (docs/method.md §c.2).
   */
  randomStart?: PgdRandomStart;
  /**
   * Timing baseline ([code] `PGDL2_proj_r`, docs/method.md §c.3): at the last iteration, after the projection and
   * before the clip, replace every channel of δ by its rank-r truncated SVD. Default: none. ℓ2 only.
   */
  projectRank?: number;
  /** Seed of the random start. Default 0 (our choice). */
  seed?: number;
  /** Stabiliser added to every gradient-norm denominator. Default 1e-10 (torchattacks / [code]). */
  epsForDivision?: number;
}

/** Fully resolved PGD settings (defaults filled in). */
interface PgdSettings {
  norm: "l2" | "linf";
  eps: number;
  steps: number;
  alpha: number;
  randomStart: PgdRandomStart;
  projectRank: number | undefined;
  seed: number;
  epsDiv: number;
  targeted: boolean;
}

function resolvePgdOptions(o: PgdOptions, height: number, width: number): PgdSettings {
  assertOneOf(o.norm, "norm", ["l2", "linf"] as const);
  checkEps(o.eps);
  const steps = o.steps ?? 10;
  checkSteps(steps);
  const alpha = o.alpha ?? (o.norm === "l2" ? (1.8 * o.eps) / Math.max(steps, 1) : 2 / 255);
  if (o.alpha !== undefined) assertPositive(alpha, "alpha");
  const randomStart = o.randomStart ?? (o.norm === "l2" ? false : "uniform");
  // ℓ2 starts live in the ball, the ℓ∞ start in the cube (docs/method.md §c.1, c.2)
  const allowed: readonly PgdRandomStart[] = o.norm === "l2" ? [false, "radial", "ball"] : [false, "uniform"];
  if (!allowed.includes(randomStart)) {
    throw new DescentError(
      `randomStart must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")} for norm "${o.norm}", received ${JSON.stringify(randomStart)}`,
      { parameter: "randomStart", code: "enum" },
    );
  }
  if (o.projectRank !== undefined) {
    assertInteger(o.projectRank, "projectRank", { min: 1, max: Math.max(height, width) });
    if (o.norm !== "l2") {
      throw new DescentError(
        `projectRank needs norm "l2" (the [code] PGDL2_proj_r baseline), received "${o.norm}"`,
        {
          parameter: "norm",
          code: "enum",
        },
      );
    }
  }
  const seed = o.seed ?? 0;
  assertInteger(seed, "seed");
  const epsDiv = o.epsForDivision ?? 1e-10;
  assertPositive(epsDiv, "epsForDivision");
  return {
    norm: o.norm,
    eps: o.eps,
    steps,
    alpha,
    randomStart,
    projectRank: o.projectRank,
    seed,
    epsDiv,
    targeted: o.targeted ?? false,
  };
}

function randomStartPoint(x: tf.Tensor4D, s: PgdSettings, lo: number, hi: number): tf.Tensor4D {
  return tf.tidy(() => {
    const batch = x.shape[0];
    const rng = new Rng(s.seed);
    if (s.randomStart === "uniform") {
      // torchattacks PGD: x + U(−eps, eps) per pixel, then clip (docs/method.md §c.1 step 1)
      return tf.clipByValue(tf.add(x, uniformTensor(rng, x.shape, -s.eps, s.eps)), lo, hi) as tf.Tensor4D;
    }
    const direction = normalTensor(rng, x.shape);
    const unit = tf.div(direction, tf.reshape(perSampleNorm(direction, batch), [batch, 1, 1, 1]));
    const u = tf.tensor1d(Float32Array.from(rng.uniformArray(batch)), "float32");
    // "radial": radius ρ·eps with ρ ~ U(0,1) (torchattacks PGDL2, docs/method.md §c.2 step 1);
    // "ball": radius eps·ρ^{1/n} makes the point uniform in the n-dimensional ball (foolbox)
    const n = x.size / batch;
    const radius = s.randomStart === "radial" ? tf.mul(u, s.eps) : tf.mul(tf.pow(u, 1 / n), s.eps);
    const delta = tf.mul(unit, tf.reshape(radius, [batch, 1, 1, 1]));
    return tf.clipByValue(tf.add(x, delta), lo, hi) as tf.Tensor4D;
  });
}

/**
 * Runs PGD-ℓ2 or PGD-ℓ∞ against `model` on the batch `(x, y)`.
 *
 * ℓ2 (docs/method.md §c.2): `x' = xᵏ + alpha·g/(‖g‖+ε_div)`, `δ = x' − x` projected onto the ℓ2 ball, then
 * `xᵏ⁺¹ = clip(x + δ)`. ℓ∞ (docs/method.md §c.1): `x' = xᵏ + alpha·sign(g)`, `δ = clamp(x' − x, −eps, eps)`, clip.
 * Returns the last iterate (no best-iterate tracking, no restarts). `eps = 0` returns a copy of `x`.
 *
 * @example
 * ```ts
 * const { adv } = pgd(model, x, y, { norm: "l2", eps: 1.5 }); // 10 steps, alpha 0.27, no random start
 * ```
 */
/** Every key of {@link PgdOptions} (the Record type keeps the list complete). */
const PGD_KEYS = Object.keys({
  norm: true,
  eps: true,
  steps: true,
  alpha: true,
  randomStart: true,
  projectRank: true,
  seed: true,
  epsForDivision: true,
  clipMin: true,
  clipMax: true,
  targeted: true,
  onProgress: true,
  signal: true,
} satisfies Record<keyof PgdOptions, true>);

/** Every key of {@link FgsmOptions}. */
const FGSM_KEYS = [...ATTACK_CONTROL_KEYS, "eps", "norm", "epsForDivision"] satisfies (keyof FgsmOptions)[];

export function pgd(model: Classifier, x: tf.Tensor4D, y: tf.Tensor1D, options: PgdOptions): AttackResult {
  const t0 = performance.now();
  checkOptionsObject(options, PGD_KEYS, "options", true);
  const box = checkBox(options);
  checkImages(x, box);
  const [batch, height, width, channels] = x.shape;
  const s = resolvePgdOptions(options, height, width);
  const f = toLogitsFn(model);
  checkModelOutput(f, x, y);
  const stateFloatsPerImage = channels * height * width;
  if (s.eps === 0) {
    // docs/method.md §f.7: a zero budget leaves the images unchanged
    const adv = tf.clone(x);
    return { adv, timeMs: performance.now() - t0, stateFloatsPerImage };
  }
  const gradient = tf.grad((xa: tf.Tensor) => attackObjective(f(xa as tf.Tensor4D), y, s.targeted));
  let adv = s.randomStart === false ? tf.clone(x) : randomStartPoint(x, s, box.lo, box.hi);
  try {
    for (let k = 0; k < s.steps; k++) {
      throwIfAborted(options.signal);
      const last = k === s.steps - 1;
      const current = adv;
      const next = tf.tidy(() => {
        const g = gradient(current);
        const step =
          s.norm === "l2"
            ? tf.mul(normalizePerSample(g, batch, s.epsDiv), s.alpha)
            : tf.mul(tf.sign(g), s.alpha);
        const moved = tf.add(current, step);
        let delta = tf.sub(moved, x);
        delta = s.norm === "l2" ? projectL2Ball(delta, batch, s.eps) : tf.clipByValue(delta, -s.eps, s.eps);
        if (last && s.projectRank !== undefined) {
          delta = truncateChannelsToRank(delta as tf.Tensor4D, s.projectRank);
        }
        return tf.clipByValue(tf.add(x, delta), box.lo, box.hi) as tf.Tensor4D;
      });
      current.dispose();
      adv = next;
      options.onProgress?.(k + 1, s.steps);
    }
  } catch (error) {
    // a model that throws inside tf.grad leaves the tape's saved tensors behind
    disposeAbandonedGradientTape();
    adv.dispose();
    throw error;
  }
  adv.dataSync(); // docs/method.md §h.8: read the result back before stopping the clock
  return { adv, timeMs: performance.now() - t0, stateFloatsPerImage };
}

/** Options of {@link fgsm}. */
export interface FgsmOptions extends AttackControlOptions {
  /** Budget (ℓ∞ half-width or ℓ2 radius). */
  eps: number;
  /** `"linf"`: `x + eps·sign(g)` (Goodfellow et al. 2015, default); `"l2"`: `x + eps·g/‖g‖`. */
  norm?: "l2" | "linf";
  /** Default 1e-10 (torchattacks). */
  epsForDivision?: number;
}

/**
 * The fast gradient (sign) method: one step of length `eps`, then clipping into the box. It equals PGD
 * with one step, `alpha = eps` and no random start; the ℓ2 form is the δ⁰ of LoRa-PGD's FGSM
 * initialisation (docs/method.md §c.3).
 */
export function fgsm(model: Classifier, x: tf.Tensor4D, y: tf.Tensor1D, options: FgsmOptions): AttackResult {
  checkOptionsObject(options, FGSM_KEYS, "options", true);
  const { eps, norm = "linf", ...rest } = options;
  checkEps(eps);
  return pgd(model, x, y, { ...rest, norm, eps, steps: 1, alpha: eps > 0 ? eps : 1, randomStart: false });
}
