/**
 * The Ensemble-k baseline of SAVO (Jain et al. 2025; docs/savo.md, "baselines"): k independent TD3
 * actors, each trained by plain deterministic policy gradient on Q1 (no conditioning, no surrogates),
 * the executed action being the Q-argmax of their proposals and the TD target using the same maximiser.
 * It is {@link SavoAgent} with `conditioning: 'none'` and `surrogates: false`, so that the comparison
 * isolates exactly what SAVO adds.
 */
import { assertKnownOptions } from "@descent/core-tensor";
import type { EmbeddedDiscreteActionSpec } from "./embedded-actions.js";
import { SAVO_OPTION_KEYS, SavoAgent, type SavoOptions } from "./savo.js";

/** The SAVO options that {@link createEnsembleTd3} sets itself. */
const FIXED_KEYS = [
  "conditioning",
  "surrogates",
  "surrogateSampling",
  "surrogateLearningRate",
  "summaryWidth",
  "successorPenalty",
] as const satisfies readonly Exclude<keyof SavoOptions, keyof EnsembleTd3Options>[];

/** Every key of {@link EnsembleTd3Options}. */
const ENSEMBLE_KEYS = SAVO_OPTION_KEYS.filter((k) => !(FIXED_KEYS as readonly string[]).includes(k));

/** Options of {@link createEnsembleTd3}: SAVO's, without the conditioning and surrogate switches. */
export type EnsembleTd3Options = Omit<
  SavoOptions,
  | "conditioning"
  | "surrogates"
  | "surrogateSampling"
  | "surrogateLearningRate"
  | "summaryWidth"
  | "successorPenalty"
>;

/** k independent DPG actors + Q-argmax (k = `numActors`, default 3). */
export function createEnsembleTd3<A extends Float64Array | number = Float64Array>(
  obsDim: number,
  action: ArrayLike<number> | EmbeddedDiscreteActionSpec,
  opts: EnsembleTd3Options = {},
): SavoAgent<A> {
  assertKnownOptions(opts, ENSEMBLE_KEYS);
  return new SavoAgent<A>(obsDim, action, {
    ...opts,
    conditioning: "none",
    surrogates: false,
    // independent actors: none of them is a successor, so none is penalised
    successorPenalty: 0,
  });
}
