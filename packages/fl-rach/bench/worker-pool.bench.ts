/**
 * User-local training on worker threads (issue 5, "beyond the paper"): wall time of RACH-FL frames
 * (N = 10 users, MLP 784-32-10, E = 2, B = 32, no evaluation) with the single-threaded trainer and with
 * worker pools of 1, 2 and `availableParallelism()` threads, in one run. Results are checked to be
 * bit-identical before the times are compared. Wall time is the honest measure here (parallelism), so run
 * it on an otherwise idle machine.
 *
 * Run: `pnpm --filter @descent/fl-rach bench`.
 */
import { availableParallelism } from "node:os";
import { initBackend, Rng } from "@descent/core-tensor";
import {
  iidPartition,
  type LocalTrainer,
  runRachFl,
  tfjsMlpTrainer,
  vanillaAlohaPolicy,
} from "../src/index.js";
import { workerPoolMlpTrainer } from "../src/node.js";

async function main(): Promise<void> {
  await initBackend();
  const rng = new Rng(2);
  const n = 4000;
  const users = 10;
  const x = Float32Array.from({ length: n * 784 }, () => rng.float());
  const y = Int32Array.from({ length: n }, () => rng.int(0, 10));
  const options = {
    layers: [784, 32, 10],
    data: { x, y, inputDim: 784 },
    partition: iidPartition({ samples: n, users, seed: 1 }),
  };
  const single = tfjsMlpTrainer(options);
  const w0 = single.init(1);
  const frames = 20;
  const run = async (trainer: LocalTrainer) => {
    const t0 = performance.now();
    const r = await runRachFl({
      users,
      slotsPerFrame: 5,
      frames,
      seed: 1,
      trainer,
      initialWeights: w0,
      policy: vanillaAlohaPolicy(),
    });
    return { ms: (performance.now() - t0) / frames, w: r.finalWeights };
  };
  await run(single); // warm-up
  const base = await run(single);
  console.log(`fl-rach worker pool (N = ${users}, wall ms per frame, ${availableParallelism()} cores)\n`);
  console.log(`  ${"single thread".padEnd(24)} ${base.ms.toFixed(1)} ms`);
  const counts = [...new Set([1, 2, availableParallelism()])];
  const rows: [string, number][] = [];
  for (const workers of counts) {
    const pool = await workerPoolMlpTrainer({ ...options, workers });
    try {
      await run(pool); // warm-up
      const r = await run(pool);
      if (!r.w.every((v, i) => v === base.w[i])) throw new Error(`pool of ${workers} changed the result`);
      console.log(`  ${`${workers} worker(s)`.padEnd(24)} ${r.ms.toFixed(1)} ms`);
      rows.push([`speed-up with ${workers} worker(s)`, base.ms / r.ms]);
    } finally {
      await pool.close();
    }
  }
  console.log("\nratios measured in this run (single thread / pool):");
  for (const [label, ratio] of rows) console.log(`  ${label.padEnd(32)} ${ratio.toFixed(2)}x`);
}

await main();
