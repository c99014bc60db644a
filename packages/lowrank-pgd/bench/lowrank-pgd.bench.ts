/**
 * Hot path of @descent/lowrank-pgd: one attack of 10 steps on a batch of MNIST-sized images against the
 * reproduction's MLP (784-256-10), on the wasm backend, all measured in this run (docs/method.md §c.3, e.3, e.4-6):
 * LoRa-PGD at ranks 1…28 and PGD-ℓ2 + rank-r SVD projection against plain PGD-ℓ2 (time and attack-state
 * memory), plus the transposed-operand matMul that docs/method.md warns about (h.6) against the plain product.
 *
 * Run: `pnpm --filter @descent/lowrank-pgd bench` (or `pnpm bench lowrank-pgd`).
 */
import { initBackend, tf } from "@descent/core-tensor";
import { createMlp, loraPgd, pgd } from "../src/index.js";
import { sparseImages } from "../src/testing/sparse-images.js";

const BATCH = 100;
const REPEATS = 5;

/**
 * Median process CPU time (ms) of `run` over REPEATS runs after one warm-up. CPU time, not wall time:
 * tfjs-wasm runs single-threaded in this process, so CPU time is the work itself and does not move with
 * the load of a shared machine (wall-time ratios between attacks flipped from run to run).
 */
function median(run: () => unknown): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const c0 = process.cpuUsage();
    run();
    const d = process.cpuUsage(c0);
    times.push((d.user + d.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

function pad(s: string | number, n: number): string {
  return String(s).padStart(n);
}

async function main(): Promise<void> {
  const backend = await initBackend();
  const net = createMlp({ seed: 1 });
  const x = sparseImages(BATCH, 2);
  const y = tf.tensor1d(
    Int32Array.from({ length: BATCH }, (_, i) => i % 10),
    "int32",
  );
  const eps = 1.5;
  const pgdMs = median(() => {
    const r = pgd(net.logits, x, y, { norm: "l2", eps });
    r.adv.dispose();
    return r.timeMs;
  });
  console.log(
    `lowrank-pgd bench: backend ${backend}, batch ${BATCH} × 28×28×1, MLP 784-256-10, 10 steps, eps ${eps}, median CPU time of ${REPEATS}`,
  );
  console.log(
    `${"attack".padEnd(28)}${pad("rank", 6)}${pad("CPU ms", 10)}${pad("× PGD", 8)}${pad("state/img", 11)}${pad("× PGD", 8)}`,
  );
  console.log(
    `${"PGD-ℓ2".padEnd(28)}${pad("–", 6)}${pad(pgdMs.toFixed(1), 10)}${pad("1.00", 8)}${pad(784, 11)}${pad("1.000", 8)}`,
  );
  for (const rank of [1, 3, 6, 14, 28]) {
    let state = 0;
    const ms = median(() => {
      const r = loraPgd(net.logits, x, y, { rank, eps });
      state = r.stateFloatsPerImage;
      tf.dispose([r.adv, r.u, r.v]);
      return r.timeMs;
    });
    console.log(
      `${"LoRa-PGD".padEnd(28)}${pad(rank, 6)}${pad(ms.toFixed(1), 10)}${pad((ms / pgdMs).toFixed(2), 8)}${pad(state, 11)}${pad((state / 784).toFixed(3), 8)}`,
    );
  }
  for (const rank of [1, 3, 14]) {
    const ms = median(() => {
      const r = pgd(net.logits, x, y, { norm: "l2", eps, projectRank: rank });
      r.adv.dispose();
      return r.timeMs;
    });
    console.log(
      `${"PGD-ℓ2 + rank-r projection".padEnd(28)}${pad(rank, 6)}${pad(ms.toFixed(1), 10)}${pad((ms / pgdMs).toFixed(2), 8)}${pad(784, 11)}${pad("1.000", 8)}`,
    );
  }
  // the same MLP through tf.matMul (whose gradient uses transposed operands) instead of core-tensor's dense
  const [w0, w1, b0, b1] = net.variables as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
  const builtin = (xb: tf.Tensor4D) =>
    tf.tidy(() => {
      const h = tf.relu(
        tf.add(tf.matMul(tf.reshape(xb, [xb.shape[0], -1]) as tf.Tensor2D, w0 as tf.Tensor2D), b0),
      );
      return tf.add(tf.matMul(h as tf.Tensor2D, w1 as tf.Tensor2D), b1) as tf.Tensor2D;
    });
  const builtinMs = median(() => {
    const r = pgd(builtin, x, y, { norm: "l2", eps });
    r.adv.dispose();
    return r.timeMs;
  });
  console.log(
    `PGD-ℓ2 on the MLP with tf.matMul layers: ${builtinMs.toFixed(1)} ms vs ${pgdMs.toFixed(1)} ms with core-tensor dense (ratio ${(builtinMs / pgdMs).toFixed(2)})`,
  );
  // docs/method.md §h.6: a transposed operand is much slower on wasm than the plain product (dense-layer backward)
  const a = tf.randomNormal([256, 784], 0, 1, "float32", 3);
  const w = tf.randomNormal([256, 784], 0, 1, "float32", 4);
  const wT = tf.transpose(w);
  const timeOf = (f: () => tf.Tensor) =>
    median(() => {
      for (let i = 0; i < 10; i++) {
        const c = f();
        c.dataSync();
        c.dispose();
      }
    }) / 10;
  const plain = timeOf(() => tf.matMul(a, wT));
  const transposed = timeOf(() => tf.matMul(a, w, false, true));
  console.log(
    `matMul 256×784·784×256: plain ${plain.toFixed(2)} ms, transposeB ${transposed.toFixed(2)} ms, ratio ${(transposed / plain).toFixed(2)}`,
  );
  tf.dispose([a, w, wT, x, y]);
  net.dispose();
}

await main();
