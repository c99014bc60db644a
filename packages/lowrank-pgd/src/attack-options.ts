/**
 * Options and results shared by every attack of the package.
 */
import type { tf } from "@descent/core-tensor";

/** The input box the images live in; every adversarial image is clipped into it (docs/method.md §b). */
export interface BoxOptions {
  /** Lower bound of a pixel. Default 0 (images in [0, 1], docs/method.md §b). */
  clipMin?: number;
  /** Upper bound of a pixel. Default 1 (docs/method.md §b). */
  clipMax?: number;
}

/** Options every attack accepts besides its budget. */
export interface AttackControlOptions extends BoxOptions {
  /**
   * Targeted attack: `y` holds the target classes and the attack descends their cross-entropy
   * (torchattacks' convention). Default `false`: untargeted, `y` are the true labels (docs/method.md §b).
   */
  targeted?: boolean;
  /** Called after every attack step with `(step, steps)`. */
  onProgress?: (step: number, steps: number) => void;
  /** Aborts between steps; the call then throws a `DescentError` with code `"aborted"`. */
  signal?: AbortSignal;
}

/** What an attack returns; the caller owns (and disposes) `adv`. */
export interface AttackResult {
  /** Adversarial images, clipped into the box, same shape as the input. */
  adv: tf.Tensor4D;
  /** Wall time of the call in ms, with the result read back before the clock stopped (docs/method.md §h.8). */
  timeMs: number;
  /** Floats of attack state per image: `C·H·W` for PGD, `C·r·(H+W)` for LoRa-PGD (docs/method.md §c.3). */
  stateFloatsPerImage: number;
}

/** A LoRa-PGD result: also the final factors (caller disposes them). */
export interface LoraAttackResult extends AttackResult {
  /** Left factors `[B·C, H, r]` (sample-major: row `b·C + c` is channel c of sample b). */
  u: tf.Tensor3D;
  /** Right factors `[B·C, r, W]`. */
  v: tf.Tensor3D;
}
