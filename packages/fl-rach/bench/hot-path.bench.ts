/**
 * Hot path of a RACH-FL frame (docs/method.md §h.12), each against the obvious implementation, in one run:
 * 1. top-K by O(d) quickselect vs a full sort of |a| (d = 25 450, K = 1 273);
 * 2. one local update of the 784-32-10 MLP (E = 2, B = 32) with the hand-written backward pass vs the same
 *    update through `tf.grads` (autodiff) on the wasm backend;
 * 3. `matMul(transpose(h), dz)` vs `matMul(h, dz, true, false)` for the weight gradient;
 * 4. one whole simulated frame (N = 10 local updates, access, slots, aggregation, memory) vs the same frame
 *    with a dense full-batch test evaluation, to show where the time goes.
 *
 * Times are process CPU time (best proxy for idle wall time on a shared machine).
 * Run: `pnpm --filter @descent/fl-rach bench`.
 */
import { initBackend, Rng, tf } from "@descent/core-tensor";
import {
  aogPolicy,
  counterRng,
  iidPartition,
  RngStream,
  runRachFl,
  selectTopK,
  tfjsMlpTrainer,
} from "../src/index.js";

/** Process CPU time in ms: the machine is shared, and CPU time of single-threaded code is its idle wall time. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function time(label: string, reps: number, fn: () => void): number {
  fn(); // warm-up
  const t0 = cpuMs();
  for (let r = 0; r < reps; r++) fn();
  const ms = (cpuMs() - t0) / reps;
  console.log(`  ${label.padEnd(58)} ${ms.toFixed(3)} ms`);
  return ms;
}

function sortTopK(a: Float32Array, k: number): Uint32Array {
  const order = Array.from(a, (_, i) => i).sort(
    (i, j) => Math.abs(a[j] as number) - Math.abs(a[i] as number) || i - j,
  );
  return Uint32Array.from(order.slice(0, k)).sort();
}

async function main(): Promise<void> {
  const backend = await initBackend();
  console.log(`fl-rach hot path (backend ${backend})\n`);
  const rng = new Rng(1);
  const rows: [string, number][] = [];

  // 1. top-K
  const d = 25_450;
  const k = Math.ceil(0.05 * d);
  const a = Float32Array.from(rng.normalArray(d));
  const quick = time("top-K quickselect (d = 25 450, K = 1 273)", 50, () => selectTopK(a, k));
  const sorted = time("top-K full sort", 10, () => sortTopK(a, k));
  if (Array.from(selectTopK(a, k).indices).join() !== Array.from(sortTopK(a, k)).join()) {
    throw new Error("top-K implementations disagree");
  }
  rows.push(["top-K: full sort / quickselect", sorted / quick]);

  // 2. local update: hand-written backward vs tf.grads
  const n = 2000;
  const x = Float32Array.from({ length: n * 784 }, () => rng.float());
  const y = Int32Array.from({ length: n }, () => rng.int(0, 10));
  const data = { x, y, inputDim: 784 };
  const partition = iidPartition({ samples: n, users: 10, seed: 1 });
  const trainer = tfjsMlpTrainer({ layers: [784, 32, 10], data, partition });
  const w0 = trainer.init(1);
  const crng = counterRng(1);
  let frame = 0;
  const hand = time("local update, hand-written backward (E = 2, B = 32)", 60, () => {
    trainer.localUpdate(w0, frame % 10, frame++, crng);
  });
  const autodiffUpdate = (user: number, f: number): Float32Array => {
    const B = 32;
    const rowsU = partition[user] as number[];
    const xs = new Float32Array(2 * B * 784);
    const ys = new Float32Array(2 * B * 10);
    for (let s = 0; s < 2 * B; s++) {
      const row = rowsU[Math.floor(crng.uniform(RngStream.Sampling, f, user, s) * rowsU.length)] as number;
      xs.set(x.subarray(row * 784, (row + 1) * 784), s * 784);
      ys[s * 10 + (y[row] as number)] = 1;
    }
    const out = tf.tidy(() => {
      let W1 = tf.tensor2d(w0.subarray(0, 25_088), [784, 32]);
      let b1 = tf.tensor1d(w0.subarray(25_088, 25_120));
      let W2 = tf.tensor2d(w0.subarray(25_120, 25_440), [32, 10]);
      let b2 = tf.tensor1d(w0.subarray(25_440, 25_450));
      for (let step = 0; step < 2; step++) {
        const xb = tf.tensor2d(xs.subarray(step * B * 784, (step + 1) * B * 784), [B, 784]);
        const yb = tf.tensor2d(ys.subarray(step * B * 10, (step + 1) * B * 10), [B, 10]);
        const loss = (p1: tf.Tensor, q1: tf.Tensor, p2: tf.Tensor, q2: tf.Tensor) =>
          tf.losses.softmaxCrossEntropy(
            yb,
            tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(xb, p1), q1)), p2), q2),
          );
        const [g1, g2, g3, g4] = tf.grads(loss)([W1, b1, W2, b2]) as tf.Tensor[];
        W1 = tf.sub(W1, tf.mul(g1 as tf.Tensor, 0.05));
        b1 = tf.sub(b1, tf.mul(g2 as tf.Tensor, 0.05));
        W2 = tf.sub(W2, tf.mul(g3 as tf.Tensor, 0.05));
        b2 = tf.sub(b2, tf.mul(g4 as tf.Tensor, 0.05));
      }
      return tf.concat([W1.reshape([-1]), b1, W2.reshape([-1]), b2]);
    });
    const flat = out.dataSync() as Float32Array;
    out.dispose();
    return Float32Array.from(flat, (v, i) => v - (w0[i] as number));
  };
  // same update, two code paths: they must agree before their times are compared
  const viaHand = trainer.localUpdate(w0, 3, 7, crng);
  const viaGrads = autodiffUpdate(3, 7);
  let maxDiff = 0;
  for (let i = 0; i < viaHand.length; i++)
    maxDiff = Math.max(maxDiff, Math.abs((viaHand[i] as number) - (viaGrads[i] as number)));
  console.log(`  (max |Δ_hand − Δ_grads| = ${maxDiff.toExponential(2)})`);
  const grads = time("local update, tf.grads autodiff", 60, () => {
    autodiffUpdate(frame % 10, frame++);
  });
  rows.push(["local update: tf.grads / hand-written backward", grads / hand]);

  // 3. transpose flag vs explicit transpose
  const h = tf.randomNormal([32, 784], 0, 1, "float32", 1);
  const dz = tf.randomNormal([32, 32], 0, 1, "float32", 2);
  const explicitT = time("dW = matMul(transpose(h), dz)", 200, () => {
    tf.tidy(() => tf.matMul(tf.transpose(h), dz).dataSync());
  });
  const flagT = time("dW = matMul(h, dz, transposeA = true)", 200, () => {
    tf.tidy(() => tf.matMul(h, dz, true, false).dataSync());
  });
  h.dispose();
  dz.dispose();
  rows.push(["weight gradient: transpose flag / explicit transpose", flagT / explicitT]);

  // 4. a whole frame
  const test = { x: x.subarray(0, 1000 * 784), y: y.subarray(0, 1000), inputDim: 784 };
  const frameMs = async (withEval: boolean): Promise<number> => {
    const t0 = cpuMs();
    await runRachFl({
      users: 10,
      slotsPerFrame: 5,
      frames: 10,
      seed: 1,
      trainer,
      initialWeights: w0,
      policy: aogPolicy({ threshold: 0 }),
      ...(withEval ? { evaluate: (w: Float32Array | Float64Array) => trainer.evaluate(w, test) } : {}),
    });
    return (cpuMs() - t0) / 10;
  };
  await frameMs(false);
  const bare = await frameMs(false);
  const evaluated = await frameMs(true);
  console.log(`  ${"frame (N = 10, S = 5), no evaluation".padEnd(58)} ${bare.toFixed(3)} ms`);
  console.log(`  ${"frame with a 1 000-image test evaluation".padEnd(58)} ${evaluated.toFixed(3)} ms`);
  rows.push(["frame: with evaluation / without", evaluated / bare]);

  console.log("\nratios measured in this run:");
  for (const [label, ratio] of rows) console.log(`  ${label.padEnd(58)} ${ratio.toFixed(2)}x`);
}

await main();
