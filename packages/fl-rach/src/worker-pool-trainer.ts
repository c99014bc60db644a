/**
 * User-local training on `worker_threads` (issue 5, "beyond the paper"): one replica of the tfjs MLP per
 * worker, the channel, policies and server on the main thread. The simulator starts the N local updates of a
 * frame together, so they run in parallel across the workers. A local update depends only on
 * `(global, user, frame, seed)`, and every replica runs the same tfjs ops on the same backend, so a run gives
 * bit-identical results with any number of workers (checked in the tests).
 *
 * Node only, so public through `@descent/fl-rach/node`, never the main entry: browser bundles of the main
 * entry then never reach `node:worker_threads`, `node:fs`, `node:url` or `node:module`.
 *
 * @example
 * ```ts
 * import { workerPoolMlpTrainer } from "@descent/fl-rach/node";
 * const trainer = await workerPoolMlpTrainer({ layers: [784, 32, 10], data, partition, workers: 4 });
 * try {
 *   await runRachFl({ ...config, trainer, initialWeights: trainer.init(1) });
 * } finally {
 *   await trainer.close();
 * }
 * ```
 */
import { assertInteger, assertOneOf, DescentError } from "@descent/core-tensor";
import { type MlpTrainer, type MlpTrainerOptions, tfjsMlpTrainer } from "./mlp-trainer.js";
import type { MlpWorkerData, MlpWorkerRequest } from "./mlp-worker.js";
import type { RandomSource } from "./random-source.js";

/** Options of {@link workerPoolMlpTrainer}. */
export interface WorkerPoolTrainerOptions extends MlpTrainerOptions {
  /** Number of worker threads (model replicas). No default: choose it from the machine's cores. */
  workers: number;
  /** tfjs backend of the workers. Default `'wasm'` (as `initBackend`). */
  backend?: "wasm" | "cpu";
}

/** An MLP trainer whose local updates run on worker threads; call `close()` when done. */
export interface WorkerPoolTrainer extends Omit<MlpTrainer, "localUpdate"> {
  localUpdate(
    global: Float32Array | Float64Array,
    user: number,
    frame: number,
    rng: RandomSource,
  ): Promise<Float32Array>;
  /** Terminates the workers. */
  close(): Promise<void>;
}

interface Pending {
  resolve(delta: Float32Array): void;
  reject(error: Error): void;
}

/** Starts `workers` threads, each with a replica of {@link tfjsMlpTrainer}(options). */
export async function workerPoolMlpTrainer(options: WorkerPoolTrainerOptions): Promise<WorkerPoolTrainer> {
  const { workers: count, backend = "wasm", ...trainerOptions } = options;
  assertInteger(count, "workers", { min: 1, max: 256 });
  assertOneOf(backend, "backend", ["wasm", "cpu"]);
  // validates the options and serves init/evaluate on the main thread
  const local = tfjsMlpTrainer(trainerOptions);
  const { Worker } = await import("node:worker_threads");
  const { existsSync } = await import("node:fs");
  const { fileURLToPath, pathToFileURL } = await import("node:url");
  // built package: dist/mlp-worker.js. From sources (tests, `--import tsx`): src/mlp-worker.ts, loaded by a
  // bootstrap that registers tsx inside the worker (`--import` in a worker's execArgv is not honoured by Node 20)
  const built = new URL("./mlp-worker.js", import.meta.url);
  let spawn: (workerData: MlpWorkerData) => InstanceType<typeof Worker>;
  if (existsSync(fileURLToPath(built))) {
    spawn = (workerData) => new Worker(built, { workerData });
  } else {
    const { createRequire } = await import("node:module");
    const tsxApi = createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/index\.cjs$/, "index.mjs");
    const source = new URL("./mlp-worker.ts", import.meta.url);
    const bootstrap =
      `import(${JSON.stringify(pathToFileURL(tsxApi).href)})` +
      `.then((m) => { m.register(); return import(${JSON.stringify(source.href)}); });`;
    spawn = (workerData) =>
      new Worker(bootstrap, { eval: true, workerData, execArgv: ["--conditions=source"] });
  }

  // the training set is shared, not copied, between the workers
  const share = <T extends Float32Array | Int32Array | Uint8Array>(
    a: T,
    make: (b: SharedArrayBuffer) => T,
  ): T => {
    const out = make(new SharedArrayBuffer(a.byteLength));
    out.set(a as never);
    return out;
  };
  const x = share(trainerOptions.data.x, (b) => new Float32Array(b));
  const y =
    trainerOptions.data.y instanceof Int32Array
      ? share(trainerOptions.data.y, (b) => new Int32Array(b))
      : share(trainerOptions.data.y, (b) => new Uint8Array(b));
  const data: MlpWorkerData = {
    options: {
      ...trainerOptions,
      data: { x, y, inputDim: trainerOptions.data.inputDim },
      partition: trainerOptions.partition.map((rows) => rows.slice()),
    },
    backend,
  };

  const pending = new Map<number, Pending>();
  const idle: InstanceType<typeof Worker>[] = [];
  const queue: MlpWorkerRequest[] = [];
  let nextId = 0;
  let closed = false;
  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.shift() as InstanceType<typeof Worker>;
      const request = queue.shift() as MlpWorkerRequest;
      worker.postMessage(request, [request.global.buffer as ArrayBuffer]);
    }
  };

  const threads = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<InstanceType<typeof Worker>>((resolve, reject) => {
          const worker = spawn(data);
          worker.once("error", reject);
          worker.on(
            "message",
            (message: { ready?: boolean; id?: number; delta?: Float32Array; error?: string }) => {
              if (message.ready) {
                worker.off("error", reject);
                worker.on("error", (error) => {
                  for (const p of pending.values()) p.reject(error);
                  pending.clear();
                });
                resolve(worker);
              } else if (message.id !== undefined) {
                const p = pending.get(message.id);
                pending.delete(message.id);
                idle.push(worker);
                dispatch();
                if (message.error !== undefined || message.delta === undefined) {
                  p?.reject(
                    new DescentError(`worker local update failed: ${message.error}`, { code: "worker" }),
                  );
                } else {
                  p?.resolve(message.delta);
                }
              }
            },
          );
        }),
    ),
  );
  idle.push(...threads);

  return {
    dimension: local.dimension,
    users: local.users,
    layers: local.layers,
    init: (seed) => local.init(seed),
    evaluate: (w, test) => local.evaluate(w, test),
    localUpdate(global, user, frame, rng) {
      if (closed) {
        return Promise.reject(
          new DescentError("the worker pool is closed", { parameter: "trainer", code: "closed" }),
        );
      }
      if (
        !(global instanceof Float32Array || global instanceof Float64Array) ||
        global.length !== local.dimension
      ) {
        return Promise.reject(
          new DescentError(`global must be a float array of length ${local.dimension}`, {
            parameter: "global",
            code: "shape",
          }),
        );
      }
      if (!Number.isInteger(user) || user < 0 || user >= local.users) {
        return Promise.reject(
          new DescentError(`user must lie in [0, ${local.users}), received ${user}`, {
            parameter: "user",
            code: "range",
          }),
        );
      }
      const id = nextId++;
      return new Promise<Float32Array>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // a copy per request: the buffer is transferred to the worker
        queue.push({ id, global: Float32Array.from(global), user, frame, seed: rng.seed });
        dispatch();
      });
    },
    async close() {
      closed = true;
      await Promise.all(threads.map((w) => w.terminate()));
    },
  };
}
