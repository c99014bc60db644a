/**
 * A float64 linear least-squares {@link LocalTrainer}: user u minimises ½ mean (w·x − y)² over its rows by
 * E steps of gradient descent (full batch by default) or mini-batch SGD. It is the reference trainer of the
 * oracles of docs/method.md (§f.11), cheap enough to test the channel, policies and memory without tfjs.
 *
 * @example
 * ```ts
 * const trainer = leastSquaresTrainer({ features, targets, inputDim: 3, partition, learningRate: 0.1 });
 * const delta = trainer.localUpdate(new Float64Array(3), 0, 0, counterRng(1));
 * ```
 */
import {
  assertAllFinite,
  assertInteger,
  assertKnownOptions,
  assertLength,
  assertPositive,
  DescentError,
} from "@descent/core-tensor";
import type { LocalTrainer } from "./local-trainer.js";
import { checkPartition } from "./partition.js";
import { type RandomSource, RngStream } from "./random-source.js";

/** Options of {@link leastSquaresTrainer}. */
export interface LeastSquaresTrainerOptions {
  /** Row-major n × inputDim design matrix. */
  features: Float64Array;
  /** n targets. */
  targets: Float64Array;
  inputDim: number;
  /** partition[u] = the row indices of user u. */
  partition: readonly (readonly number[])[];
  /** Local step size η. Default 0.1 (docs/method.md §f.11). */
  learningRate?: number;
  /** Local steps E per frame. Default 1 (docs/method.md §f.11). */
  localSteps?: number;
  /** Rows per step: `'full'` (default, docs/method.md §f.11) or B rows drawn with replacement via `U(Sampling, …)`. */
  batchSize?: number | "full";
}

/** Full-batch GD / mini-batch SGD on per-user least squares, in float64. */
export function leastSquaresTrainer(options: LeastSquaresTrainerOptions): LocalTrainer {
  assertKnownOptions(options ?? null, [
    "features",
    "targets",
    "inputDim",
    "partition",
    "learningRate",
    "localSteps",
    "batchSize",
  ]);
  const {
    features,
    targets,
    inputDim,
    partition,
    learningRate = 0.1,
    localSteps = 1,
    batchSize = "full",
  } = options;
  assertInteger(inputDim, "inputDim", { min: 1 });
  if (!(features instanceof Float64Array)) {
    throw new DescentError("features must be a Float64Array", { parameter: "features", code: "type" });
  }
  if (!(targets instanceof Float64Array)) {
    throw new DescentError("targets must be a Float64Array", { parameter: "targets", code: "type" });
  }
  const n = targets.length;
  assertLength(features, "features", n * inputDim);
  assertAllFinite(features, "features");
  assertAllFinite(targets, "targets");
  checkPartition(partition, n);
  assertPositive(learningRate, "learningRate");
  assertInteger(localSteps, "localSteps", { min: 1 });
  if (batchSize !== "full") assertInteger(batchSize, "batchSize", { min: 1 });
  const p = inputDim;
  return {
    dimension: p,
    users: partition.length,
    localUpdate(global, user, frame, rng: RandomSource) {
      const rows = partition[user] as readonly number[];
      const w = Float64Array.from(global);
      const grad = new Float64Array(p);
      for (let step = 0; step < localSteps; step++) {
        grad.fill(0);
        const count = batchSize === "full" ? rows.length : batchSize;
        for (let b = 0; b < count; b++) {
          const row =
            batchSize === "full"
              ? (rows[b] as number)
              : (rows[
                  Math.floor(rng.uniform(RngStream.Sampling, frame, user, step * batchSize + b) * rows.length)
                ] as number);
          let r = -(targets[row] as number);
          for (let j = 0; j < p; j++) r += (w[j] as number) * (features[row * p + j] as number);
          for (let j = 0; j < p; j++) grad[j] = (grad[j] as number) + r * (features[row * p + j] as number);
        }
        for (let j = 0; j < p; j++) w[j] = (w[j] as number) - (learningRate * (grad[j] as number)) / count;
      }
      for (let j = 0; j < p; j++) w[j] = (w[j] as number) - (global[j] as number);
      return w;
    },
  };
}
