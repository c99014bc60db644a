/**
 * The Wolpertinger baseline for large discrete action sets embedded in ℝ^d (Dulac-Arnold et al. 2015,
 * "Deep Reinforcement Learning in Large Discrete Action Spaces"; one of SAVO's baselines on the
 * recommender tasks, docs/savo.md, "baselines"): one TD3 actor outputs a proto-action â, the k items
 * nearest to â are the candidates, and the executed item is the candidate with the largest Q1; the TD
 * target applies the same rule with the target actor and min(Q1', Q2'). The actor ascends Q1 at â.
 * With k = 1 it is "TD3 + 1-NN". It is {@link SavoAgent} with one actor, no surrogates and
 * `neighbours` = max(1, round(knnFraction · N)), so that it shares every other detail with SAVO.
 */
import { assertInRange, assertKnownOptions } from "@descent/core-tensor";
import { assertEmbeddedActionSpec, type EmbeddedDiscreteActionSpec } from "./embedded-actions.js";
import { SAVO_OPTION_KEYS, SavoAgent, type SavoOptions } from "./savo.js";

/** The SAVO options that {@link createWolpertinger} sets itself. */
const FIXED_KEYS = [
  "numActors",
  "conditioning",
  "surrogates",
  "surrogateSampling",
  "surrogateLearningRate",
  "summaryWidth",
  "successorPenalty",
  "neighbours",
] as const satisfies readonly Exclude<keyof SavoOptions, keyof WolpertingerOptions>[];

/** Every key of {@link WolpertingerOptions}. */
const WOLPERTINGER_KEYS = [
  ...SAVO_OPTION_KEYS.filter((k) => !(FIXED_KEYS as readonly string[]).includes(k)),
  "knnFraction",
];

/** Options of {@link createWolpertinger}: TD3's, plus the candidate fraction. */
export interface WolpertingerOptions
  extends Omit<
    SavoOptions,
    | "numActors"
    | "conditioning"
    | "surrogates"
    | "surrogateSampling"
    | "surrogateLearningRate"
    | "summaryWidth"
    | "successorPenalty"
    | "neighbours"
  > {
  /** Fraction of the N items taken as candidates = 0.05 (the paper's comparisons use 1 % and 5 %). */
  knnFraction?: number;
}

/** Number of candidate items for a fraction of N: max(1, round(fraction · N)). */
export function wolpertingerNeighbours(items: number, knnFraction: number): number {
  return Math.max(1, Math.min(items, Math.round(knnFraction * items)));
}

/** Wolpertinger (k-NN over item embeddings + Q-argmax), k = max(1, round(knnFraction · N)). */
export function createWolpertinger(
  obsDim: number,
  items: EmbeddedDiscreteActionSpec,
  opts: WolpertingerOptions = {},
): SavoAgent<number> {
  assertKnownOptions(opts, WOLPERTINGER_KEYS);
  assertEmbeddedActionSpec(items, "items");
  const { knnFraction = 0.05, ...rest } = opts;
  assertInRange(knnFraction, "knnFraction", { min: 0, max: 1, exclusiveMin: true });
  return new SavoAgent<number>(obsDim, items, {
    ...rest,
    numActors: 1,
    surrogates: false,
    conditioning: "none",
    successorPenalty: 0,
    neighbours: wolpertingerNeighbours(items.n, knnFraction),
  });
}
