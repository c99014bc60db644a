/**
 * DQN updates per second (docs/method.md §A.5 table, issue 6 "Speed"): the package's `ts` path (hand-written
 * backprop on Float32Array, `DqnAgent.update`) against the obvious tfjs layers path (tf.sequential
 * dense ReLU MLP, target forward + `optimizer.minimize` of the Huber loss) on the wasm backend, and the
 * package's `tfjs` backend (`DqnAgent` with `backend: 'tfjs'`: core-tensor's `dense` layer, explicit-transpose gradient), for a
 * CartPole-shaped net 4-w-w-2, batch 64, at widths 64 and 256.
 */
import { initBackend, Rng, tf } from "@descent/core-tensor";
import { DqnAgent } from "../src/index.js";

const OBS = 4;
const ACTIONS = 2;
const BATCH = 64;

function fillAgent(width: number, backend: "ts" | "tfjs" = "ts"): DqnAgent {
  const agent = new DqnAgent(OBS, ACTIONS, {
    hiddenSizes: [width, width],
    batchSize: BATCH,
    minReplay: 1e9,
    seed: 1,
    backend,
  });
  for (let i = 0; i < 1000; i++) {
    const o = Float64Array.from({ length: OBS }, (_, k) => Math.sin(i * 0.37 + k));
    agent.replay.add(o, i % 2, 1, o, i % 50 === 0);
  }
  return agent;
}

function timeAgent(width: number, iters: number, backend: "ts" | "tfjs"): number {
  const agent = fillAgent(width, backend);
  for (let i = 0; i < 5; i++) agent.update();
  const t0 = performance.now();
  for (let i = 0; i < iters; i++) agent.update();
  return iters / ((performance.now() - t0) / 1000);
}

function makeModel(width: number): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [OBS], units: width, activation: "relu" }));
  m.add(tf.layers.dense({ units: width, activation: "relu" }));
  m.add(tf.layers.dense({ units: ACTIONS }));
  return m;
}

function timeTfjs(width: number, iters: number): number {
  const online = makeModel(width);
  const target = makeModel(width);
  const opt = tf.train.adam(1e-3, 0.9, 0.999, 3.125e-4);
  const agent = fillAgent(4); // only its replay is used
  const rng = new Rng(1);
  const step = () => {
    const b = agent.replay.sample(BATCH, rng);
    tf.tidy(() => {
      const obs = tf.tensor2d(b.obs, [BATCH, OBS]);
      const next = tf.tensor2d(b.nextObs, [BATCH, OBS]);
      const mask = tf.oneHot(tf.tensor1d(b.actions, "int32"), ACTIONS);
      const notDone = tf.sub(1, tf.tensor1d(b.terminated, "float32"));
      const y = tf.add(
        tf.tensor1d(b.rewards),
        tf.mul(0.99, tf.mul(notDone, (target.predict(next) as tf.Tensor).max(1))),
      );
      opt.minimize(() => {
        const q = tf.sum(tf.mul(online.apply(obs) as tf.Tensor, mask), 1);
        return tf.losses.huberLoss(y, q) as tf.Scalar;
      });
    });
  };
  for (let i = 0; i < 5; i++) step();
  const t0 = performance.now();
  for (let i = 0; i < iters; i++) step();
  const rate = iters / ((performance.now() - t0) / 1000);
  online.dispose();
  target.dispose();
  opt.dispose();
  return rate;
}

/** Returns rows [width, ts, tfjs with core-tensor dense, tfjs layers (updates/s), ts / layers, dense / layers]. */
export async function benchDqnUpdates(): Promise<(string | number)[][]> {
  await initBackend();
  const rows: (string | number)[][] = [];
  for (const width of [64, 256]) {
    const iters = width === 64 ? 300 : 60;
    const tsRate = timeAgent(width, iters, "ts");
    const explicitRate = timeAgent(width, iters, "tfjs");
    const tfRate = timeTfjs(width, iters);
    rows.push([width, tsRate, explicitRate, tfRate, tsRate / tfRate, explicitRate / tfRate]);
  }
  return rows;
}
