/**
 * The wasm matMul fast path (`registerWasmFastKernels`) against tfjs's own wasm kernels, in one run:
 * 1. GFLOP/s of plain, NT (`transposeB`), TN (`transposeA`) and TT products, and their ratio to the plain
 *    product, with tfjs's kernels ("before") and the fast kernels ("after"); the plain product is also
 *    timed with a new right operand each call, which XNNPACK must pack anew (as in training);
 * 2. a batch of matrices (`[8, 128, 128]·[8, 128, 128]`) and a batch against one matrix;
 * 3. one `trainOnBatch` step of a `tf.LayersModel` (Dense 784-256-10, batch 128, SGD), whose backward pass
 *    runs NT and TN products.
 *
 * Times are process CPU time (the machine is shared; single-threaded CPU time ≈ wall time on an idle
 * machine): medians of repeats interleaved between before and after, so that both see the same load.
 * Run: `node --conditions=source --import tsx bench/wasm-matmul.bench.ts` (from packages/core-tensor).
 */
import { initBackend, registerWasmFastKernels, tf, unregisterWasmFastKernels } from "../src/index.js";
import { formatNumber, markdownTable } from "../src/report/index.js";

async function cpuMs(fn: () => unknown): Promise<number> {
  const t0 = process.cpuUsage();
  await fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
}

/** Median CPU ms of `fn` with tfjs's kernels and with the fast ones, repeats interleaved. */
async function beforeAfter(fn: () => unknown, repeats: number): Promise<{ before: number; after: number }> {
  const before: number[] = [];
  const after: number[] = [];
  unregisterWasmFastKernels();
  await fn();
  registerWasmFastKernels();
  await fn();
  for (let r = 0; r < repeats; r++) {
    unregisterWasmFastKernels();
    before.push(await cpuMs(fn));
    registerWasmFastKernels();
    after.push(await cpuMs(fn));
  }
  return { before: median(before), after: median(after) };
}

const quick = process.argv.includes("--quick");
await initBackend();

// 1. single products
const rows: string[][] = [];
for (const [m, k, n] of [
  [128, 512, 512],
  [512, 512, 512],
  [32, 256, 256],
  [128, 784, 256],
] as const) {
  const flops = 2 * m * k * n;
  const A = tf.randomNormal([m, k]);
  const At = tf.randomNormal([k, m]);
  const B = tf.randomNormal([k, n]);
  const Bt = tf.randomNormal([n, k]);
  const product = (a: tf.Tensor, b: tf.Tensor, ta: boolean, tb: boolean) => () => {
    const c = tf.matMul(a, b, ta, tb);
    c.dataSync();
    c.dispose();
  };
  const cases = [
    ["plain", product(A, B, false, false)],
    // XNNPACK caches its packed copy of a right operand it has seen; in training every right operand is
    // new (fresh activations, gradients, updated weights), so this is the fair plain baseline there
    [
      "plain, new B each call",
      () => {
        const fresh = tf.add(B, 0);
        product(A, fresh, false, false)();
        fresh.dispose();
      },
    ],
    ["NT", product(A, Bt, false, true)],
    ["TN", product(At, B, true, false)],
    ["TT", product(At, Bt, true, true)],
  ] as const;
  const times: { before: number; after: number }[] = [];
  for (const [, f] of cases) times.push(await beforeAfter(f, quick ? 3 : 9));
  const plain = times[0] as { before: number; after: number };
  const fresh = times[1] as { before: number; after: number };
  cases.forEach(([label], i) => {
    const t = times[i] as { before: number; after: number };
    rows.push([
      `${m}×${k}×${n} ${label}`,
      formatNumber(flops / t.before / 1e6, 3),
      formatNumber(flops / t.after / 1e6, 3),
      `${formatNumber(plain.before / t.before, 2)}×`,
      `${formatNumber(plain.after / t.after, 2)}×`,
      `${formatNumber(fresh.after / t.after, 2)}×`,
      `${formatNumber(t.before / t.after, 3)}×`,
    ]);
  });
  tf.dispose([A, At, B, Bt]);
}

// 2. batches
for (const [label, sa, sb] of [
  ["batch [8,128,128]·[8,128,128]", [8, 128, 128], [8, 128, 128]],
  ["batch [8,128,128]·[128,128]", [8, 128, 128], [128, 128]],
  ["batch [64,16,16]·[64,16,16]", [64, 16, 16], [64, 16, 16]],
  ["batch [16,32,32]·[16,32,32]", [16, 32, 32], [16, 32, 32]],
] as const) {
  const a = tf.randomNormal([...sa]);
  const b = tf.randomNormal([...sb]);
  const flops = 2 * (sa[0] as number) * (sa[1] as number) * (sa[2] as number) * (sb[sb.length - 1] as number);
  const t = await beforeAfter(
    () => {
      const c = tf.matMul(a, b);
      c.dataSync();
      c.dispose();
    },
    quick ? 3 : 9,
  );
  rows.push([
    label,
    formatNumber(flops / t.before / 1e6, 3),
    formatNumber(flops / t.after / 1e6, 3),
    "—",
    "—",
    "—",
    `${formatNumber(t.before / t.after, 3)}×`,
  ]);
  tf.dispose([a, b]);
}
console.log(
  "\n## wasm matMul: tfjs's kernel (before) vs the fast path (after), GFLOP/s of process CPU time\n",
);
console.log(
  markdownTable(
    [
      "product",
      "GFLOP/s before",
      "GFLOP/s after",
      "÷ plain before",
      "÷ plain after",
      "÷ plain (new B) after",
      "speed-up",
    ],
    rows,
  ),
);

// 3. a LayersModel training step
{
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 256, activation: "relu" }),
      tf.layers.dense({ units: 10, activation: "softmax" }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(0.01), loss: "categoricalCrossentropy" });
  const x = tf.randomNormal([128, 784]);
  const y = tf
    .oneHot(
      tf.tensor1d(
        Array.from({ length: 128 }, (_, i) => i % 10),
        "int32",
      ),
      10,
    )
    .toFloat();
  const t = await beforeAfter(() => model.trainOnBatch(x, y), quick ? 3 : 9);
  console.log("\n## tf.LayersModel Dense 784-256-10, batch 128: one trainOnBatch step (CPU ms, median)\n");
  console.log(
    markdownTable(
      ["step", "before ms", "after ms", "speed-up"],
      [
        [
          "trainOnBatch",
          formatNumber(t.before, 3),
          formatNumber(t.after, 3),
          `${formatNumber(t.before / t.after, 3)}×`,
        ],
      ],
    ),
  );
  tf.dispose([x, y]);
  model.dispose();
}
