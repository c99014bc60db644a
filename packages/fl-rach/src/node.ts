/**
 * Node-only entry `@descent/fl-rach/node`: the user-local training of RACH-FL on `worker_threads`
 * ({@link workerPoolMlpTrainer}, one tfjs MLP replica per worker, bit-identical to the single-threaded
 * trainer). Kept out of the main entry so that `@descent/fl-rach` bundles for browsers with a bundler's
 * defaults.
 *
 * @example
 * ```ts
 * import { workerPoolMlpTrainer } from "@descent/fl-rach/node";
 * const trainer = await workerPoolMlpTrainer({ layers: [784, 32, 10], data, partition, workers: 4 });
 * await trainer.close();
 * ```
 */
export {
  type WorkerPoolTrainer,
  type WorkerPoolTrainerOptions,
  workerPoolMlpTrainer,
} from "./worker-pool-trainer.js";
