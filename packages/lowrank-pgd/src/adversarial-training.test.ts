import { initBackend, Rng, tf } from "@descent/core-tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adversarialTrain, adversarialTrainStep } from "./adversarial-training.js";
import { loraPgd } from "./lora-pgd.js";
import { createMlp } from "./mlp.js";
import { pgd } from "./pgd.js";
import { accuracy } from "./robust-accuracy.js";
import { thrownParameter } from "./testing/thrown-parameter.js";

// Two classes of 8×8 images: class 0 slightly brighter top half, class 1 bottom half, plus noise; the
// class means are 1.2 apart in ℓ2, so an eps = 0.5 attack flips whatever relies on the noise.
function twoClassImages(n: number, seed: number): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const rng = new Rng(seed);
  const data = new Float32Array(n * 64);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 2;
    for (let p = 0; p < 64; p++) {
      const top = p < 32;
      const on = (labels[i] === 0) === top;
      data[i * 64 + p] = Math.min(1, Math.max(0, (on ? 0.575 : 0.425) + rng.normal(0, 0.1)));
    }
  }
  return { x: tf.tensor4d(data, [n, 8, 8, 1]), y: tf.tensor1d(labels, "int32") };
}

describe("adversarial training", () => {
  let data: { x: tf.Tensor4D; y: tf.Tensor1D };
  beforeAll(async () => {
    await initBackend();
    data = twoClassImages(512, 1);
  });
  afterAll(() => tf.dispose([data.x, data.y]));

  it("PGD-AT lowers the training loss and is more robust than clean training; LoRa-AT trains too", () => {
    const opts = { hiddenUnits: [16], inputShape: [8, 8, 1] as [number, number, number], numClasses: 2 };
    const eps = 0.5;
    const runs = {
      clean: null,
      pgd: (f: Parameters<typeof pgd>[0], xb: tf.Tensor4D, yb: tf.Tensor1D) =>
        pgd(f, xb, yb, { norm: "l2", eps, steps: 5 }),
      lora: (f: Parameters<typeof pgd>[0], xb: tf.Tensor4D, yb: tf.Tensor1D, s: number) =>
        loraPgd(f, xb, yb, { rank: 2, eps, steps: 5, init: { kind: "random", seed: s } }),
    };
    const robust: Record<string, number> = {};
    const clean: Record<string, number> = {};
    for (const [name, attack] of Object.entries(runs)) {
      const net = createMlp({ ...opts, seed: 2 });
      const r = adversarialTrain(net, data.x, data.y, {
        attack,
        epochs: 6,
        cleanEpochs: 1,
        batchSize: 32,
        learningRate: 0.003,
        seed: 3,
      });
      expect(r.epochLosses).toHaveLength(6);
      expect(r.epochTimesMs).toHaveLength(6);
      expect(r.epochLosses[5] as number).toBeLessThan(r.epochLosses[1] as number);
      const { adv } = pgd(net.logits, data.x, data.y, { norm: "l2", eps });
      robust[name] = accuracy(net.logits, adv, data.y);
      clean[name] = accuracy(net.logits, data.x, data.y);
      adv.dispose();
      net.dispose();
    }
    expect(robust["pgd"] as number).toBeGreaterThan((robust["clean"] as number) + 0.1);
    // the robust-vs-standard comparison of LoRa-AT is the demo's (real MNIST, docs/method.md §e.4-5); here it must
    // train without hurting clean accuracy
    expect(clean["lora"] as number).toBeGreaterThan(0.95);
  });

  it("trains a tfjs-layers model through the same loop", () => {
    const model = tf.sequential({
      layers: [
        tf.layers.flatten({ inputShape: [8, 8, 1] }),
        tf.layers.dense({ units: 2, kernelInitializer: "zeros" }),
      ],
    });
    const before = accuracy(model, data.x, data.y);
    adversarialTrain(model, data.x, data.y, {
      attack: (f, xb, yb) => pgd(f, xb, yb, { norm: "l2", eps: 0.3, steps: 3 }),
      epochs: 3,
      batchSize: 32,
      learningRate: 0.05,
    });
    expect(accuracy(model, data.x, data.y)).toBeGreaterThan(Math.max(before, 0.9));
    model.dispose();
  });

  it("a training step leaks no tensors (docs/method.md §f.13)", () => {
    const net = createMlp({ hiddenUnits: [8], inputShape: [8, 8, 1], numClasses: 2 });
    const opt = tf.train.adam(1e-3);
    const attack = (f: Parameters<typeof pgd>[0], xb: tf.Tensor4D, yb: tf.Tensor1D) =>
      loraPgd(f, xb, yb, { rank: 2, eps: 1, steps: 2 });
    adversarialTrainStep(net, opt, data.x, data.y, attack);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) adversarialTrainStep(net, opt, data.x, data.y, attack);
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    net.dispose();
  });

  it("a whole training run leaves only the model's own tensors behind (docs/method.md §f.13)", () => {
    const net = createMlp({ hiddenUnits: [8], inputShape: [8, 8, 1], numClasses: 2 });
    const attack = (f: Parameters<typeof pgd>[0], xb: tf.Tensor4D, yb: tf.Tensor1D) =>
      pgd(f, xb, yb, { norm: "l2", eps: 1, steps: 2 });
    const small = { x: tf.slice(data.x, 0, 128) as tf.Tensor4D, y: tf.slice(data.y, 0, 128) as tf.Tensor1D };
    adversarialTrain(net, small.x, small.y, { attack, epochs: 2, cleanEpochs: 1 });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 2; i++)
      adversarialTrain(net, small.x, small.y, { attack, epochs: 2, cleanEpochs: 1 });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([small.x, small.y]);
    net.dispose();
  });

  it("a single step validates optimizer, batch, labels, step and attack by name", () => {
    const net = createMlp({ hiddenUnits: [8], inputShape: [8, 8, 1], numClasses: 2 });
    const opt = tf.train.adam(1e-3);
    const xb = tf.slice(data.x, 0, 4) as tf.Tensor4D;
    const yb = tf.slice(data.y, 0, 4) as tf.Tensor1D;
    const nan = tf.fill([4, 8, 8, 1], Number.NaN) as tf.Tensor4D;
    const empty = tf.zeros([0, 8, 8, 1]) as tf.Tensor4D;
    const short = tf.tensor1d([0], "int32");
    expect(thrownParameter(() => adversarialTrainStep(net, {} as never, xb, yb, null))).toBe("optimizer");
    expect(thrownParameter(() => adversarialTrainStep(net, opt, nan, yb, null))).toBe("xb");
    expect(thrownParameter(() => adversarialTrainStep(net, opt, empty, yb, null))).toBe("xb");
    expect(thrownParameter(() => adversarialTrainStep(net, opt, xb, short, null))).toBe("yb");
    expect(thrownParameter(() => adversarialTrainStep(net, opt, xb, yb, null, -1))).toBe("step");
    expect(thrownParameter(() => adversarialTrainStep(net, opt, xb, yb, 3 as never))).toBe("attack");
    expect(
      thrownParameter(() => adversarialTrainStep({ logits: net.logits, variables: [] }, opt, xb, yb, null)),
    ).toBe("model");
    tf.dispose([xb, yb, nan, empty, short]);
    opt.dispose();
    net.dispose();
  });

  it("is reproducible with the same seeds", () => {
    const run = () => {
      const net = createMlp({ hiddenUnits: [8], inputShape: [8, 8, 1], numClasses: 2, seed: 4 });
      const r = adversarialTrain(net, data.x, data.y, { attack: null, epochs: 2, batchSize: 16, seed: 9 });
      net.dispose();
      return r.epochLosses;
    };
    expect(run()).toEqual(run());
  });

  it("aborts and validates its options by name", () => {
    const net = createMlp({ hiddenUnits: [8], inputShape: [8, 8, 1], numClasses: 2 });
    const controller = new AbortController();
    controller.abort();
    const param = thrownParameter;
    expect(
      param(() => adversarialTrain(net, data.x, data.y, { attack: null, signal: controller.signal })),
    ).toBe("signal");
    expect(param(() => adversarialTrain(net, data.x, data.y, { attack: null, epochs: 0 }))).toBe("epochs");
    expect(param(() => adversarialTrain(net, data.x, data.y, { attack: null, batchSize: -1 }))).toBe(
      "batchSize",
    );
    expect(param(() => adversarialTrain(net, data.x, data.y, { attack: null, learningRate: 0 }))).toBe(
      "learningRate",
    );
    expect(param(() => adversarialTrain(net, data.x, data.y, { attack: null, cleanEpochs: -1 }))).toBe(
      "cleanEpochs",
    );
    expect(param(() => adversarialTrain(net, data.x, data.y, { attack: 3 as never }))).toBe("attack");
    expect(
      param(() => adversarialTrain({ logits: net.logits, variables: [] }, data.x, data.y, { attack: null })),
    ).toBe("model");
    expect(
      param(() => adversarialTrain(net, data.x, tf.zeros([2], "int32") as tf.Tensor1D, { attack: null })),
    ).toBe("y");
    net.dispose();
  });
});
