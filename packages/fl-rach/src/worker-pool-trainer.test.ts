import { initBackend, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { aogPolicy } from "./aog-policy.js";
import { type LabelledData, tfjsMlpTrainer } from "./mlp-trainer.js";
import { shardPartition } from "./partition.js";
import { counterRng } from "./random-source.js";
import { runRachFl } from "./simulator.js";
import { gaussianBlobs } from "./testing/gaussian-blobs.js";
import { workerPoolMlpTrainer } from "./worker-pool-trainer.js";

/** The blobs of these tests: { dim: 6, separation: 2, labels: "uint8" }. */
const blobs = (n: number, seed: number): LabelledData =>
  gaussianBlobs(n, seed, { dim: 6, separation: 2, labels: "uint8" });

describe("workerPoolMlpTrainer", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("two worker threads give the same run as the single-threaded trainer, bit for bit", async () => {
    const data = blobs(240, 1);
    const options = {
      layers: [6, 8, 3],
      data,
      partition: shardPartition({ labels: data.y, users: 4, seed: 2 }),
      learningRate: 0.1,
    };
    const single = tfjsMlpTrainer(options);
    const pool = await workerPoolMlpTrainer({ ...options, workers: 2 });
    try {
      const config = {
        users: 4,
        slotsPerFrame: 3,
        frames: 5,
        seed: 3,
        initialWeights: single.init(4),
        policy: aogPolicy({ threshold: 0 }),
      };
      const before = tf.memory().numTensors;
      const a = await runRachFl({ ...config, trainer: single });
      const b = await runRachFl({ ...config, trainer: pool });
      expect(Array.from(b.finalWeights)).toEqual(Array.from(a.finalWeights));
      expect(b.framesLog.map((f) => f.received)).toEqual(a.framesLog.map((f) => f.received));
      expect(tf.memory().numTensors).toBe(before);
      await expect(pool.localUpdate(new Float32Array(3), 0, 0, counterRng(1))).rejects.toThrow(/global/);
      await expect(pool.localUpdate(single.init(1), 9, 0, counterRng(1))).rejects.toThrow(/user/);
    } finally {
      await pool.close();
    }
    await expect(pool.localUpdate(single.init(1), 0, 0, counterRng(1))).rejects.toThrow(/closed/);
  });

  it("rejects a bad worker count and bad trainer options before starting threads", async () => {
    const data = blobs(30, 2);
    const ok = { layers: [6, 3], data, partition: [[0, 1, 2]] };
    await expect(workerPoolMlpTrainer({ ...ok, workers: 0 })).rejects.toThrow(/workers/);
    await expect(workerPoolMlpTrainer({ ...ok, workers: 1, backend: "gpu" as "cpu" })).rejects.toThrow(
      /backend/,
    );
    await expect(workerPoolMlpTrainer({ ...ok, workers: 1, learningRate: -1 })).rejects.toThrow(
      /learningRate/,
    );
  });
});
