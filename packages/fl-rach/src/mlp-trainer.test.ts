import { initBackend, tf } from "@descent/core-tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aogPolicy } from "./aog-policy.js";
import { idealPolicy } from "./ideal-policy.js";
import { type LabelledData, tfjsMlpTrainer } from "./mlp-trainer.js";
import { iidPartition } from "./partition.js";
import { counterRng, type RandomSource } from "./random-source.js";
import { runRachFl } from "./simulator.js";
import { gaussianBlobs } from "./testing/gaussian-blobs.js";
import { identityCompressor } from "./top-k.js";

/** The blobs of these tests: { dim: 5, separation: 3, labels: "int32" }. */
const blobs = (n: number, seed: number): LabelledData =>
  gaussianBlobs(n, seed, { dim: 5, separation: 3, labels: "int32" });

/** Mean cross-entropy of one sample in float64 (the finite-difference oracle). */
function lossAt(w: Float64Array, x: ArrayLike<number>, label: number, layers: number[]): number {
  let h = Array.from(x);
  let offset = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    const fi = layers[l] as number;
    const fo = layers[l + 1] as number;
    const z = new Array<number>(fo).fill(0);
    for (let o = 0; o < fo; o++) {
      let s = w[offset + fi * fo + o] as number;
      for (let i = 0; i < fi; i++) s += (h[i] as number) * (w[offset + i * fo + o] as number);
      z[o] = s;
    }
    offset += fi * fo + fo;
    h = l + 2 < layers.length ? z.map((v) => Math.max(0, v)) : z;
  }
  const m = Math.max(...h);
  const lse = m + Math.log(h.reduce((a, v) => a + Math.exp(v - m), 0));
  return lse - (h[label] as number);
}

describe.each(["wasm", "cpu"] as const)("tfjsMlpTrainer on %s", (backend) => {
  beforeAll(async () => {
    await initBackend({ backend, fallback: false });
  });
  afterAll(async () => {
    await initBackend();
  });

  const layers = [5, 6, 3];
  const data = blobs(300, 1);

  it("one local step equals −η × the finite-difference gradient of the sample's loss", () => {
    // user 0 holds one sample, so every mini-batch is that sample repeated
    const trainer = tfjsMlpTrainer({
      layers,
      data,
      partition: [[7]],
      learningRate: 0.1,
      localSteps: 1,
      batchSize: 4,
    });
    const w = Float64Array.from(trainer.init(3), (v, i) => v + 0.01 * Math.sin(i)); // non-zero biases too
    const delta = trainer.localUpdate(Float32Array.from(w), 0, 0, counterRng(1));
    const w32 = Float64Array.from(Float32Array.from(w));
    const x = data.x.subarray(7 * 5, 8 * 5);
    const h = 1e-5;
    let maxErr = 0;
    for (let i = 0; i < trainer.dimension; i++) {
      const plus = w32.slice();
      const minus = w32.slice();
      plus[i] = (plus[i] as number) + h;
      minus[i] = (minus[i] as number) - h;
      const g = (lossAt(plus, x, 1, layers) - lossAt(minus, x, 1, layers)) / (2 * h);
      maxErr = Math.max(maxErr, Math.abs((delta[i] as number) + 0.1 * g));
    }
    expect(maxErr).toBeLessThan(2e-5);
  });

  it("federated training on blobs learns (ideal, 4 users): accuracy rises above 0.9", async () => {
    const trainer = tfjsMlpTrainer({
      layers,
      data,
      partition: iidPartition({ samples: 300, users: 4, seed: 1 }),
      learningRate: 0.1,
      localSteps: 2,
      batchSize: 16,
    });
    const test = blobs(150, 2);
    const r = await runRachFl({
      users: 4,
      slotsPerFrame: 2,
      frames: 25,
      seed: 1,
      trainer,
      initialWeights: trainer.init(1),
      policy: idealPolicy(),
      compressor: identityCompressor(),
      evaluate: (w) => trainer.evaluate(w, test),
    });
    const first = r.curve[0]?.metrics["accuracy"] as number;
    const last = r.curve.at(-1)?.metrics["accuracy"] as number;
    expect(last).toBeGreaterThan(0.9);
    expect(last).toBeGreaterThan(first);
    expect(r.curve.at(-1)?.metrics["loss"]).toBeLessThan(r.curve[0]?.metrics["loss"] as number);
  });

  it("the same seed gives the same weights; runs leak no tensors", async () => {
    const trainer = tfjsMlpTrainer({
      layers,
      data,
      partition: iidPartition({ samples: 300, users: 3, seed: 2 }),
    });
    const test = blobs(60, 3);
    const run = () =>
      runRachFl({
        users: 3,
        slotsPerFrame: 3,
        frames: 4,
        seed: 5,
        trainer,
        initialWeights: trainer.init(2),
        policy: aogPolicy({ threshold: 0 }),
        evaluate: (w) => trainer.evaluate(w, test),
      });
    const first = await run();
    const before = tf.memory().numTensors;
    for (let k = 0; k < 3; k++) {
      const again = await run();
      expect(Array.from(again.finalWeights)).toEqual(Array.from(first.finalWeights));
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("tfjsMlpTrainer: backends and validation", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("wasm and cpu local updates agree to float32 precision", async () => {
    const data = blobs(90, 4);
    const trainer = tfjsMlpTrainer({
      layers: [5, 8, 3],
      data,
      partition: [Array.from({ length: 90 }, (_, i) => i)],
    });
    const w = trainer.init(4);
    const rng: RandomSource = counterRng(2);
    const onWasm = trainer.localUpdate(w, 0, 3, rng) as Float32Array;
    await initBackend({ backend: "cpu" });
    const onCpu = trainer.localUpdate(w, 0, 3, rng) as Float32Array;
    await initBackend();
    let maxErr = 0;
    onWasm.forEach((v, i) => {
      maxErr = Math.max(maxErr, Math.abs(v - (onCpu[i] as number)));
    });
    expect(maxErr).toBeLessThan(1e-5);
  });

  it("d = 25 450 for the protocol's 784-32-10 MLP, He-normal init with zero biases", () => {
    const x = new Float32Array(784 * 2);
    const trainer = tfjsMlpTrainer({
      layers: [784, 32, 10],
      data: { x, y: new Int32Array([0, 1]), inputDim: 784 },
      partition: [[0, 1]],
    });
    expect(trainer.dimension).toBe(25_450);
    const w = trainer.init(1);
    const w1 = w.subarray(0, 784 * 32);
    const std = Math.sqrt(w1.reduce((a, v) => a + v * v, 0) / w1.length);
    expect(Math.abs(std / Math.sqrt(2 / 784) - 1)).toBeLessThan(0.02);
    expect(Array.from(w.subarray(784 * 32, 784 * 32 + 32)).every((v) => v === 0)).toBe(true);
  });

  it("rejects bad inputs, naming the parameter", () => {
    const data = blobs(30, 5);
    const ok = { layers: [5, 4, 3], data, partition: [[0, 1, 2]] };
    expect(() => tfjsMlpTrainer({ ...ok, layers: [5] })).toThrow(/layers/);
    expect(() => tfjsMlpTrainer({ ...ok, layers: [5, 0, 3] })).toThrow(/layers\[1\]/);
    expect(() => tfjsMlpTrainer({ ...ok, layers: [4, 3] })).toThrow(/inputDim/);
    expect(() => tfjsMlpTrainer({ ...ok, layers: [5, 2] })).toThrow(/data.y/);
    expect(() => tfjsMlpTrainer({ ...ok, data: { ...data, x: data.x.subarray(1) } })).toThrow(/data.x/);
    expect(() =>
      tfjsMlpTrainer({ ...ok, data: { ...data, x: new Float32Array(150).fill(Number.NaN) } }),
    ).toThrow(/data.x/);
    expect(() => tfjsMlpTrainer({ ...ok, partition: [[40]] })).toThrow(/partition\[0\]/);
    expect(() => tfjsMlpTrainer({ ...ok, learningRate: 0 })).toThrow(/learningRate/);
    expect(() => tfjsMlpTrainer({ ...ok, localSteps: 0 })).toThrow(/localSteps/);
    expect(() => tfjsMlpTrainer({ ...ok, batchSize: 2.5 })).toThrow(/batchSize/);
    const trainer = tfjsMlpTrainer(ok);
    expect(() => trainer.localUpdate(new Float32Array(3), 0, 0, counterRng(1))).toThrow(/global/);
    expect(() => trainer.localUpdate(trainer.init(1), 5, 0, counterRng(1))).toThrow(/user/);
    expect(() => trainer.evaluate(trainer.init(1), { ...data, inputDim: 4 })).toThrow(/test.inputDim/);
  });
});
