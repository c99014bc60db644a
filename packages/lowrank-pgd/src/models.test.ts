import { DescentError, initBackend, Rng, tf } from "@descent/core-tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adversarialTrain } from "./adversarial-training.js";
import { toLogitsFn } from "./classifier.js";
import { loraPgd } from "./lora-pgd.js";
import { createMlp } from "./mlp.js";
import { pgd } from "./pgd.js";
import { accuracy } from "./robust-accuracy.js";
import { createSmallCnn } from "./small-cnn.js";
import { thrownParameter } from "./testing/thrown-parameter.js";

beforeAll(async () => {
  await initBackend();
});

describe("createMlp", () => {
  it("has He-normal weights: std √(2/fanIn) within 3% on the 784×256 layer", () => {
    const net = createMlp({ seed: 1 });
    const w = net.variables[0] as tf.Variable;
    expect(w.shape).toEqual([784, 256]);
    const std = tf.tidy(() => Math.sqrt(tf.mean(tf.square(w)).dataSync()[0] as number));
    expect(Math.abs(std / Math.sqrt(2 / 784) - 1)).toBeLessThan(0.03);
    net.dispose();
  });

  it("creating and disposing a model leaves no tensor behind", () => {
    const before = tf.memory().numTensors;
    createMlp({ seed: 2 }).dispose();
    createSmallCnn({ seed: 2 }).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("rejects bad shapes by name", () => {
    expect(() => createMlp({ hiddenUnits: [0] })).toThrow(
      expect.objectContaining({ parameter: "hiddenUnits[0]" }),
    );
    expect(() => createMlp({ numClasses: 1 })).toThrow(expect.objectContaining({ parameter: "numClasses" }));
    expect(() => createMlp({ inputShape: [28, 0, 1] })).toThrow(DescentError);
  });
});

describe("createSmallCnn on wasm", () => {
  let x: tf.Tensor4D;
  let y: tf.Tensor1D;
  beforeAll(() => {
    const rng = new Rng(3);
    x = tf.tensor4d(rng.fillUniform(new Float32Array(8 * 784)), [8, 28, 28, 1]);
    y = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], "int32");
  });
  afterAll(() => tf.dispose([x, y]));

  it("rejects bad input shapes, class counts and seeds by name", () => {
    expect(thrownParameter(() => createSmallCnn({ inputShape: [0, 28, 1] }))).toBe("inputShape[0]");
    expect(thrownParameter(() => createSmallCnn({ inputShape: [6, 6, 1] }))).toBe(
      "inputShape (smallest side)",
    );
    expect(thrownParameter(() => createSmallCnn({ numClasses: 1 }))).toBe("numClasses");
    expect(thrownParameter(() => createSmallCnn({ seed: 0.5 }))).toBe("seed");
  });

  it("its filter gradient on wasm (core-tensor's gap kernel) matches the cpu backend's built-in conv2d gradient to 1e-4", async () => {
    const cnn = createSmallCnn({ seed: 2 });
    const loss = () => tf.losses.softmaxCrossEntropy(tf.oneHot(y, 10), cnn.logits(x)) as tf.Scalar;
    const { grads } = tf.variableGrads(loss, cnn.variables);
    const wasm = cnn.variables.map((v) => (grads[v.name] as tf.Tensor).dataSync().slice());
    tf.dispose(Object.values(grads));
    // the same network with tf.conv2d's own gradients on cpu
    const values = cnn.variables.map((v) => v.dataSync().slice());
    const shapes = cnn.variables.map((v) => v.shape);
    const xs = x.dataSync().slice();
    await initBackend({ backend: "cpu" });
    const [k1, b1, k2, b2, w3, b3, w4, b4] = values.map((v, i) => tf.tensor(v, shapes[i])) as tf.Tensor[];
    const xc = tf.tensor4d(xs, [8, 28, 28, 1]);
    const yc = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], "int32");
    const g = tf.grads((a: tf.Tensor, c: tf.Tensor) => {
      let h = tf.maxPool(
        tf.relu(tf.add(tf.conv2d(xc, a as tf.Tensor4D, 1, "valid"), b1 as tf.Tensor)) as tf.Tensor4D,
        2,
        2,
        "valid",
      );
      h = tf.maxPool(
        tf.relu(tf.add(tf.conv2d(h, c as tf.Tensor4D, 1, "valid"), b2 as tf.Tensor)) as tf.Tensor4D,
        2,
        2,
        "valid",
      );
      const z = tf.relu(
        tf.add(tf.matMul(tf.reshape(h, [8, -1]), w3 as tf.Tensor2D), b3 as tf.Tensor),
      ) as tf.Tensor2D;
      return tf.losses.softmaxCrossEntropy(
        tf.oneHot(yc, 10),
        tf.add(tf.matMul(z, w4 as tf.Tensor2D), b4 as tf.Tensor),
      ) as tf.Scalar;
    })([k1 as tf.Tensor, k2 as tf.Tensor]);
    const cpu = g.map((t) => t.dataSync().slice());
    tf.dispose([...g, k1, b1, k2, b2, w3, b3, w4, b4, xc, yc] as tf.Tensor[]);
    await initBackend();
    for (const [ours, ref] of [
      [wasm[0], cpu[0]],
      [wasm[2], cpu[1]],
    ] as const) {
      let num = 0;
      let den = 0;
      for (let i = 0; i < (ref as Float32Array).length; i++) {
        num += ((ours as Float32Array)[i]! - (ref as Float32Array)[i]!) ** 2;
        den += (ref as Float32Array)[i]! ** 2;
      }
      expect(Math.sqrt(num / den)).toBeLessThan(1e-4);
    }
    cnn.dispose();
  });

  it("trains on wasm and is attacked by LoRa-PGD without leaks", () => {
    const cnn = createSmallCnn({ seed: 1 });
    const r = adversarialTrain(cnn, x, y, {
      attack: null,
      epochs: 15,
      cleanEpochs: 15,
      batchSize: 8,
      learningRate: 0.01,
    });
    expect(r.epochLosses[14] as number).toBeLessThan(r.epochLosses[0] as number);
    expect(accuracy(cnn.logits, x, y)).toBeGreaterThan(0.5);
    const once = () => {
      const a = loraPgd(cnn.logits, x, y, { rank: 2, eps: 1, steps: 2 });
      tf.dispose([a.adv, a.u, a.v]);
    };
    once();
    const before = tf.memory().numTensors;
    once();
    expect(tf.memory().numTensors).toBe(before);
    cnn.dispose();
  });
});

describe("tfjs-layers models", () => {
  it("are attacked through apply(…, {training: false}) like logits functions", () => {
    const model = tf.sequential({
      layers: [
        tf.layers.flatten({ inputShape: [28, 28, 1] }),
        tf.layers.dense({ units: 10, kernelInitializer: "glorotNormal" }),
      ],
    });
    const x = tf.fill([2, 28, 28, 1], 0.5) as tf.Tensor4D;
    const y = tf.tensor1d([1, 2], "int32");
    const viaModel = pgd(model, x, y, { norm: "l2", eps: 0.5 });
    const viaFn = pgd(toLogitsFn(model), x, y, { norm: "l2", eps: 0.5 });
    expect(tf.max(tf.abs(tf.sub(viaModel.adv, viaFn.adv))).dataSync()[0]).toBe(0);
    tf.dispose([viaModel.adv, viaFn.adv, x, y]);
    model.dispose();
  });
});
