/**
 * LoRa-PGD at matched nuclear norm ([code] "LoRa_PGD Nuclear", docs/method.md §c.3): the paper's normalised
 * comparison. A rank-r perturbation of Frobenius norm eps has nuclear norm at most √r·eps, a full-rank one
 * up to √min(H,W)·eps, so at equal ℓ2 budget the low-rank attack is "smaller"; rescaling its budget to
 * `eps' = eps·ν_ref/ν_LoRa` equalises the mean nuclear norm of the clipped perturbations.
 */
import { assertInteger, assertPositive, DescentError, tf } from "@descent/core-tensor";
import type { LoraAttackResult } from "./attack-options.js";
import type { Classifier } from "./classifier.js";
import { checkBox, checkImages, checkOptionsObject } from "./internal/checks.js";
import { LORA_PGD_KEYS, type LoraPgdOptions, loraPgd } from "./lora-pgd.js";
import { perturbationNorms } from "./perturbation-norms.js";
import { pgd } from "./pgd.js";

/** Options of {@link matchNuclearNorm}. */
export interface NuclearMatchOptions extends LoraPgdOptions {
  /**
   * Target mean nuclear norm ν_ref of the clipped perturbations. Default: measured on PGD-ℓ2 at the same
   * eps with the paper's setting (10 steps, alpha 1.8·eps/10, no random start; docs/method.md §c.3 step 1).
   */
  referenceNuclear?: number;
}

/** The matched attack, its budget and the nuclear norms that set it. */
export interface NuclearMatchResult extends LoraAttackResult {
  /** The rescaled ℓ2 budget `eps' = eps·ν_ref/ν_LoRa`. */
  eps: number;
  /** ν_ref: the target mean nuclear norm. */
  referenceNuclear: number;
  /** ν_LoRa: mean nuclear norm of LoRa-PGD at the original eps. */
  firstNuclear: number;
  /** Mean nuclear norm of the returned (matched) attack; ≈ ν_ref up to clipping and the fresh init. */
  matchedNuclear: number;
}

/**
 * Runs LoRa-PGD at the budget whose mean nuclear norm matches `referenceNuclear` (docs/method.md §c.3 steps 1–3).
 * The rerun uses a fresh random init (seed + 1, our choice of how "fresh" is seeded). `timeMs` covers all
 * runs. Only the random initialisation is supported, as in [code].
 */
export function matchNuclearNorm(
  model: Classifier,
  x: tf.Tensor4D,
  y: tf.Tensor1D,
  options: NuclearMatchOptions,
): NuclearMatchResult {
  const t0 = performance.now();
  checkOptionsObject(options, [...LORA_PGD_KEYS, "referenceNuclear"], "options", true);
  checkImages(x, checkBox(options));
  const init = options.init ?? { kind: "random" as const };
  if (init.kind !== "random") {
    throw new DescentError(`init.kind must be "random" for nuclear-norm matching, received "${init.kind}"`, {
      parameter: "init.kind",
      code: "enum",
    });
  }
  const seed = init.seed ?? 0;
  assertInteger(seed, "init.seed");
  let reference = options.referenceNuclear;
  if (reference === undefined) {
    const { referenceNuclear: _drop, init: _init, rank: _rank, ...rest } = options;
    const ref = pgd(model, x, y, { ...rest, norm: "l2" });
    reference = perturbationNorms(x, ref.adv).meanNuclear;
    ref.adv.dispose();
  } else {
    assertPositive(reference, "referenceNuclear");
  }
  // the union of options was checked above; loraPgd gets its own keys only
  const { referenceNuclear: _reference, ...loraOptions } = options;
  const first = loraPgd(model, x, y, { ...loraOptions, init: { kind: "random", seed } });
  const firstNuclear = perturbationNorms(x, first.adv).meanNuclear;
  tf.dispose([first.adv, first.u, first.v]);
  const scaledEps = firstNuclear > 0 ? (options.eps * reference) / firstNuclear : options.eps;
  const matched = loraPgd(model, x, y, {
    ...loraOptions,
    eps: scaledEps,
    init: { kind: "random", seed: seed + 1 },
  });
  const matchedNuclear = perturbationNorms(x, matched.adv).meanNuclear;
  return {
    ...matched,
    timeMs: performance.now() - t0,
    eps: scaledEps,
    referenceNuclear: reference,
    firstNuclear,
    matchedNuclear,
  };
}
