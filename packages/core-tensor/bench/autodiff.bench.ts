/**
 * Autodiff benchmarks on the wasm backend, ratios measured in one run:
 * 1. `dense` (customGrad, its own backward) vs tf.matMul + add with tfjs's built-in
 *    backward (transposed-operand matMuls; with the fast wasm matMul kernels installed by `initBackend`
 *    both run the same fast products, so expect about 1×): value and grads
 *    of a dense layer and of a 784-256-10 MLP step.
 * 2. The wasm conv2d filter gradient (descent's Conv2DBackpropFilter kernel) vs the cpu backend's.
 * 3. Hessian-vector product by reverse-over-reverse vs by central differences (two gradients).
 * Also: the first-order cost of the second-order-safe ops against tfjs's own tanh and logSoftmax.
 *
 * Run: `node --conditions=source --import tsx bench/autodiff.bench.ts` (from packages/core-tensor).
 * Times are process CPU time (the machine is shared; single-threaded wasm CPU time ≈ wall time on an
 * idle machine), best of the repetitions.
 */
import {
  dense,
  finiteDifferenceHvp,
  hessianVectorProduct,
  initBackend,
  normalTensor,
  Rng,
  safeLogSoftmax,
  safeTanh,
  tf,
} from "../src/index.js";
import { formatNumber, markdownTable } from "../src/report/index.js";

import { bestCpuMs } from "./timing.js";

/** Exactly `repeats` timed runs after `warmup` runs; the timed functions read back their results. */
function fixedReps(repeats = 7, warmup = 2) {
  return { minReps: repeats, maxReps: repeats, warmup };
}

/** Value and gradients of Σ layer(x, W, b) ⊙ r, read back. */
function layerStep(
  layer: (x: tf.Tensor, W: tf.Tensor, b: tf.Tensor) => tf.Tensor,
  x: tf.Tensor,
  W: tf.Tensor,
  b: tf.Tensor,
  r: tf.Tensor,
  wrtX: boolean,
) {
  return () =>
    tf.tidy(() => {
      const xs = wrtX ? [x, W, b] : [W, b];
      const { value, grads } = tf.valueAndGrads((...args: tf.Tensor[]) =>
        wrtX
          ? tf.sum(tf.mul(layer(args[0]!, args[1]!, args[2]!), r))
          : tf.sum(tf.mul(layer(x, args[0]!, args[1]!), r)),
      )(xs);
      value.dataSync();
      for (const g of grads) g.dataSync();
    });
}

/** A batch of 64 normal 784-pixel inputs, one-hot labels 0..9 cycling, and 784-256-10 MLP weights. */
function mlpBatch(rng: Rng): { X: tf.Tensor; labels: tf.Tensor; params: tf.Tensor[] } {
  const X = normalTensor(rng, [64, 784], 0, 1);
  const labels = tf
    .oneHot(
      tf.tensor1d(
        Array.from({ length: 64 }, (_, i) => i % 10),
        "int32",
      ),
      10,
    )
    .asType("float32");
  const params = [
    normalTensor(rng, [784, 256], 0, 0.05),
    tf.zeros([256]),
    normalTensor(rng, [256, 10], 0, 0.05),
    tf.zeros([10]),
  ];
  return { X, labels, params };
}

/** A table row: label, both timings and their ratio. */
function ratioRow(label: string, before: number, after: number): string[] {
  return [label, formatNumber(before, 3), formatNumber(after, 3), `${formatNumber(before / after, 3)}×`];
}

const builtinLayer = (x: tf.Tensor, W: tf.Tensor, b: tf.Tensor) =>
  tf.add(tf.matMul(x as tf.Tensor2D, W as tf.Tensor2D), b);

async function main(): Promise<void> {
  await initBackend();
  const rng = new Rng(1);
  const rows: (string | number)[][] = [];

  // 1. dense vs built-in matMul backward
  for (const [batch, nIn, nOut] of [
    [64, 784, 256],
    [256, 784, 256],
    [512, 512, 512],
  ] as const) {
    const x = normalTensor(rng, [batch, nIn], 0, 1);
    const W = normalTensor(rng, [nIn, nOut], 0, 0.05);
    const b = normalTensor(rng, [nOut], 0, 0.05);
    const r = normalTensor(rng, [batch, nOut], 0, 1);
    for (const wrtX of [false, true]) {
      const builtin = bestCpuMs(layerStep(builtinLayer, x, W, b, r, wrtX), fixedReps());
      const ours = bestCpuMs(layerStep(dense, x, W, b, r, wrtX), fixedReps());
      rows.push(
        ratioRow(
          `dense layer [${batch}×${nIn}]·[${nIn}×${nOut}], grads w.r.t. ${wrtX ? "x, W, b" : "W, b"}`,
          builtin,
          ours,
        ),
      );
    }
    tf.dispose([x, W, b, r]);
  }

  // a 784-256-10 MLP training step (lowrank-pgd's docs/method.md §e.2), batch 64, softmax cross-entropy
  {
    const { X, labels, params } = mlpBatch(rng);
    const step = (layer: typeof builtinLayer) => () =>
      tf.tidy(() => {
        const { value, grads } = tf.valueAndGrads(
          (...[W1, b1, W2, b2]: tf.Tensor[]) =>
            tf.losses.softmaxCrossEntropy(labels, layer(tf.relu(layer(X, W1!, b1!)), W2!, b2!)) as tf.Scalar,
        )(params);
        value.dataSync();
        for (const g of grads) g.dataSync();
      });
    const builtin = bestCpuMs(step(builtinLayer), fixedReps());
    const ours = bestCpuMs(step(dense), fixedReps());
    rows.push(ratioRow("MLP 784-256-10 training step, batch 64", builtin, ours));
    tf.dispose([X, labels, ...params]);
  }

  // first-order cost of the second-order-safe ops: a 784-256-10 tanh MLP step with tfjs's tanh and
  // logSoftmax vs safeTanh and safeLogSoftmax (dense layers in both)
  {
    const { X, labels, params } = mlpBatch(rng);
    const step = (act: (z: tf.Tensor) => tf.Tensor, logSoftmax: (z: tf.Tensor) => tf.Tensor) => () =>
      tf.tidy(() => {
        const { value, grads } = tf.valueAndGrads(
          (...[W1, b1, W2, b2]: tf.Tensor[]) =>
            tf.neg(
              tf.mean(tf.sum(tf.mul(labels, logSoftmax(dense(act(dense(X, W1!, b1!)), W2!, b2!))), -1)),
            ) as tf.Scalar,
        )(params);
        value.dataSync();
        for (const g of grads) g.dataSync();
      });
    const builtin = bestCpuMs(
      step(tf.tanh, (z) => tf.logSoftmax(z)),
      fixedReps(),
    );
    const safe = bestCpuMs(
      step(safeTanh, (z) => safeLogSoftmax(z)),
      fixedReps(),
    );
    rows.push(
      ratioRow(
        "tanh MLP step, batch 64: tf.tanh + tf.logSoftmax → safeTanh + safeLogSoftmax (first order only)",
        builtin,
        safe,
      ),
    );
    tf.dispose([X, labels, ...params]);
  }

  // 2. conv2d filter gradient: wasm gap kernel vs the cpu backend's built-in kernel
  {
    const xData = Float32Array.from(rng.normalArray(16 * 14 * 14 * 16));
    const wData = Float32Array.from(rng.normalArray(3 * 3 * 16 * 32));
    const filterGrad = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(xData, [16, 14, 14, 16]);
        const w = tf.tensor4d(wData, [3, 3, 16, 32]);
        tf.grad((f: tf.Tensor) => tf.sum(tf.conv2d(x, f as tf.Tensor4D, 1, "same")))(w).dataSync();
      });
    await initBackend({ backend: "cpu" });
    // the cpu kernel is ~1000× slower: one timed run is enough
    const cpu = bestCpuMs(filterGrad, fixedReps(1, 0));
    await initBackend();
    const wasm = bestCpuMs(filterGrad, fixedReps(5, 1));
    rows.push(
      ratioRow(
        "conv2d [16,14,14,16]*[3,3,16,32] same: filter gradient (cpu built-in → wasm gap kernel)",
        cpu,
        wasm,
      ),
    );
  }

  // 3. HVP: reverse-over-reverse vs central differences of the gradient, on a tanh MLP (~52k params)
  {
    const X = normalTensor(rng, [64, 196], 0, 1);
    const params = [normalTensor(rng, [196, 256], 0, 0.05), normalTensor(rng, [256, 10], 0, 0.05)];
    const v = params.map((p) => normalTensor(rng, p.shape, 0, 1));
    const loss = (...[W1, W2]: tf.Tensor[]) => tf.mean(tf.square(dense(safeTanh(dense(X, W1!)), W2!)));
    const fd = bestCpuMs(
      () =>
        tf.tidy(() => {
          for (const t of finiteDifferenceHvp(loss, params, v)) t.dataSync();
        }),
      fixedReps(),
    );
    const rr = bestCpuMs(
      () =>
        tf.tidy(() => {
          for (const t of hessianVectorProduct(loss, params, v)) t.dataSync();
        }),
      fixedReps(),
    );
    rows.push(
      ratioRow("HVP on a 196-256-10 tanh MLP, batch 64 (finite differences → reverse-over-reverse)", fd, rr),
    );
    tf.dispose([X, ...params, ...v]);
  }

  console.log(`\n## core-tensor autodiff (wasm backend, CPU ms, best of runs)\n`);
  console.log(markdownTable(["case", "baseline ms", "descent ms", "speed-up"], rows));
}

await main();
