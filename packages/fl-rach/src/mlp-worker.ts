/**
 * Worker-thread side of {@link workerPoolMlpTrainer}: holds one replica of the tfjs MLP trainer and answers
 * local-update requests. Not part of the public API; loaded by file URL.
 */
import { parentPort, workerData } from "node:worker_threads";
import { initBackend } from "@descent/core-tensor";
import { type MlpTrainerOptions, tfjsMlpTrainer } from "./mlp-trainer.js";
import { counterRng, type RandomSource } from "./random-source.js";

/** What the pool sends when it starts a worker. */
export interface MlpWorkerData {
  readonly options: MlpTrainerOptions;
  readonly backend: "wasm" | "cpu";
}

/** One local-update request. */
export interface MlpWorkerRequest {
  readonly id: number;
  readonly global: Float32Array;
  readonly user: number;
  readonly frame: number;
  readonly seed: number;
}

async function serve(): Promise<void> {
  const port = parentPort;
  if (port === null) return;
  const { options, backend } = workerData as MlpWorkerData;
  await initBackend({ backend, fallback: false });
  const trainer = tfjsMlpTrainer(options);
  const sources = new Map<number, RandomSource>();
  port.on("message", (request: MlpWorkerRequest) => {
    try {
      let rng = sources.get(request.seed);
      if (rng === undefined) {
        rng = counterRng(request.seed);
        sources.set(request.seed, rng);
      }
      const delta = trainer.localUpdate(request.global, request.user, request.frame, rng);
      port.postMessage({ id: request.id, delta }, [delta.buffer as ArrayBuffer]);
    } catch (error) {
      port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  port.postMessage({ ready: true });
}

void serve();
