import { DescentError, initBackend, type Matrix64, matrix64, Rng, tf } from "@descent/core-tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conditionNumber } from "./condition-number.js";
import { gdWeightsResidual } from "./constructions.js";
import { embedResidual } from "./embedding.js";
import { embedBatchTensor, LoopedLsaLayer, lsaLossTensor } from "./looped-lsa-layer.js";
import { loopedForward } from "./lsa.js";
import { lsaLossAndGradient } from "./lsa-gradient.js";
import { samplePrompt, samplePrompts } from "./prompt.js";
import { handInstance } from "./testing/hand-instance.js";
import { trainLooped } from "./train-looped.js";
import { promptBatchTensors, trainLoopedTf } from "./train-looped-tf.js";

const relDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs((a[i] as number) - (b[i] as number)));
    den = Math.max(den, Math.abs(b[i] as number));
  }
  return num / den;
};

describe.each(["wasm", "cpu"] as const)("LoopedLsaLayer on %s", (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });
  afterAll(async () => {
    await initBackend();
  });

  it("docs/method.md §f.8: tfjs forward of construction A equals float64 within 1e-4 relative (hand instance, T ≤ 20)", () => {
    const p = handInstance();
    for (const T of [1, 3, 20]) {
      const layer = new LoopedLsaLayer({ d: 2, loops: T });
      layer.setLsaParameters([matrix64(2, 2, Float64Array.from([1, 0, 0, 1]))]);
      const Z0 = embedBatchTensor([embedResidual(p)]);
      const out = layer.apply(Z0) as tf.Tensor;
      const ref = loopedForward(embedResidual(p), gdWeightsResidual(2, 1), T).Z;
      expect(relDiff(out.dataSync(), ref.data)).toBeLessThan(1e-4);
      tf.dispose([Z0, out]);
      layer.dispose();
    }
  });

  it("docs/method.md §f.8: same on κ ≤ 10 random instances for T = 20 (η = 1/λ_max)", () => {
    const prompts = [2, 5, 10].map((kappa, i) => samplePrompt({ d: 5, n: 20, kappa, seed: 40 + i }));
    for (const p of prompts) {
      const eta = 1 / conditionNumber(p.X).lambdaMax;
      const layer = new LoopedLsaLayer({ d: 5, loops: 20 });
      const A = matrix64(5, 5);
      for (let i = 0; i < 5; i++) A.data[i * 6] = eta;
      layer.setLsaParameters([A]);
      const Z0 = embedBatchTensor([embedResidual(p)]);
      const out = layer.apply(Z0) as tf.Tensor;
      const ref = loopedForward(embedResidual(p), gdWeightsResidual(5, eta), 20).Z;
      expect(relDiff(out.dataSync(), ref.data)).toBeLessThan(1e-4);
      tf.dispose([Z0, out]);
      layer.dispose();
    }
  });

  it.each([
    ["prediction", "full", "looped"],
    ["prediction", "full", "stacked"],
    ["vector", "full", "looped"],
    ["prediction", "sparse", "looped"],
    ["vector", "sparse", "stacked"],
  ] as const)(
    "tfjs autodiff gradient (%s, %s, %s) equals the float64 manual backward within 1e-3",
    (task, param, sharing) => {
      const d = 3;
      const loops = 3;
      const prompts = samplePrompts({ d, n: 8, count: 6, seed: 17 });
      const layer = new LoopedLsaLayer({
        d,
        loops,
        task,
        parameterization: param,
        sharing,
        initStd: 0.2,
        seed: 3,
      });
      if (param === "sparse") {
        const r = new Rng(5);
        const count = sharing === "looped" ? 1 : loops;
        layer.setLsaParameters(
          Array.from({ length: count }, () => matrix64(d, d, r.normalArray(d * d, 0.3, 0.1))),
        );
      }
      const weights = layer.lsaWeights();
      const ref = lsaLossAndGradient(weights, prompts, loops, task);
      const { Z0, targets } = promptBatchTensors(prompts, task);
      const vars = layer.variables;
      const { value, grads } = tf.variableGrads(
        () => lsaLossTensor(layer.apply(Z0) as tf.Tensor3D, targets, task, d),
        vars,
      );
      expect(Math.abs((value.dataSync()[0] as number) / ref.loss - 1)).toBeLessThan(1e-4);
      vars.forEach((v, i) => {
        const g = grads[v.name] as tf.Tensor;
        let expected: Float64Array;
        if (param === "full") {
          const l = Math.floor(i / 2);
          expected = ((i % 2 === 0 ? ref.gradP[l] : ref.gradQ[l]) as Matrix64).data;
        } else {
          const G = (task === "prediction" ? ref.gradQ[i] : ref.gradP[i]) as Matrix64;
          const D = G.rows;
          expected = new Float64Array(d * d);
          for (let a = 0; a < d; a++) {
            for (let b = 0; b < d; b++) {
              expected[a * d + b] =
                task === "prediction"
                  ? (G.data[a * D + b] as number)
                  : -(G.data[(d + 1 + a) * D + b] as number);
            }
          }
        }
        expect(relDiff(g.dataSync(), expected)).toBeLessThan(1e-3);
      });
      tf.dispose([Z0, targets, value, ...Object.values(grads)]);
      layer.dispose();
    },
  );

  it("drops into a tf.sequential model and keeps its output shape", () => {
    const model = tf.sequential();
    model.add(new LoopedLsaLayer({ d: 2, loops: 2, name: "lsa", inputShape: [3, 5] }));
    const Z0 = embedBatchTensor([embedResidual(samplePrompt({ d: 2, n: 4, seed: 1 }))]);
    const out = model.predict(Z0) as tf.Tensor;
    expect(out.shape).toEqual([1, 3, 5]);
    tf.dispose([Z0, out]);
    model.dispose();
  });

  it("trainLoopedTf lowers the loss and leaks no tensors across repeated calls", () => {
    const run = (): number[] => {
      const { layer, history } = trainLoopedTf({ d: 3, n: 8, loops: 2, steps: 60, batch: 32, seed: 2 });
      layer.dispose();
      return Array.from(history);
    };
    const h = run();
    const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(h.slice(-10))).toBeLessThan(0.5 * mean(h.slice(0, 5)));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) run();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("trainLoopedTf follows trainLooped step by step, with and without the cosine schedule (float32 vs float64)", () => {
    // same seed → same initial A = 0 and the same training prompts; Adam trajectories then agree up to float32
    const opts = { d: 3, n: 8, loops: 2, steps: 40, batch: 16, seed: 4, learningRate: 0.05 };
    const finals: number[] = [];
    for (const schedule of ["constant", "cosine"] as const) {
      const f64 = trainLooped({ ...opts, schedule });
      const { layer, history } = trainLoopedTf({ ...opts, schedule });
      expect(relDiff(history, f64.history)).toBeLessThan(1e-3);
      const P = (layer.lsaWeights()[0] as { P: Matrix64 }).P;
      const f64P = (f64.layers[0] as { P: Matrix64 }).P;
      expect(relDiff(P.data, f64P.data)).toBeLessThan(1e-3);
      finals.push(history[opts.steps - 1] as number);
      layer.dispose();
    }
    expect(finals[0]).not.toBe(finals[1]); // the schedule is applied in the tfjs path
  });

  it("layer forward leaks no tensors in a loop", () => {
    const layer = new LoopedLsaLayer({ d: 3, loops: 4, parameterization: "full" });
    const Z0 = embedBatchTensor(samplePrompts({ d: 3, n: 6, count: 4, seed: 1 }).map(embedResidual));
    (layer.apply(Z0) as tf.Tensor).dispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) (layer.apply(Z0) as tf.Tensor).dispose();
    expect(tf.memory().numTensors).toBe(before);
    Z0.dispose();
    layer.dispose();
  });

  it("promptBatchTensors + lsaLossTensor leak no tensors in a loop (both tasks)", () => {
    const prompts = samplePrompts({ d: 3, n: 6, count: 4, seed: 5 });
    const once = (): void => {
      for (const task of ["prediction", "vector"] as const) {
        const { Z0, targets } = promptBatchTensors(prompts, task);
        tf.dispose([lsaLossTensor(Z0, targets, task, 3), Z0, targets]);
      }
    };
    once();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) once();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("promptBatchTensors and lsaLossTensor reject empty batches, unknown tasks and mismatched shapes", () => {
    expect(() => promptBatchTensors([], "prediction")).toThrow(/prompts/);
    const prompts = samplePrompts({ d: 3, n: 6, count: 4, seed: 5 });
    expect(() => promptBatchTensors(prompts, "ranking" as never)).toThrow(/task/);
    const { Z0, targets } = promptBatchTensors(prompts, "prediction");
    const column = targets.reshape([4, 1]);
    const before = tf.memory().numTensors;
    expect(() => lsaLossTensor(Z0, targets, "prediction", 4)).toThrow(/ZT must be/);
    expect(() => lsaLossTensor(Z0, targets, "prediction", 0)).toThrow(/d /);
    expect(() => lsaLossTensor(Z0, column, "prediction", 3)).toThrow(/targets must have shape \[4\]/);
    expect(() => lsaLossTensor(Z0, targets, "vector", 3)).toThrow(DescentError);
    expect(tf.memory().numTensors).toBe(before); // a rejected call allocates nothing
    tf.dispose([Z0, targets, column]);
  });

  it("rejects bad configuration naming the parameter", () => {
    expect(() => new LoopedLsaLayer({ d: 0, loops: 1 })).toThrow(/d must/);
    expect(() => new LoopedLsaLayer({ d: 2, loops: 0 })).toThrow(/loops/);
    expect(() => new LoopedLsaLayer({ d: 2, loops: 1, task: "x" as "vector" })).toThrow(/task/);
    expect(() => new LoopedLsaLayer({ d: 2, loops: 1, initStd: -1 })).toThrow(/initStd/);
    expect(() => trainLoopedTf({ d: 2, n: 4, loops: 1, steps: 0 })).toThrow(/steps/);
    expect(() => trainLoopedTf({ d: 2, n: 4, loops: 1, steps: 1, clipNorm: -1 })).toThrow(/clipNorm/);
    expect(() => trainLoopedTf({ d: 2, n: 4, loops: 1, schedule: "step" as "cosine" })).toThrow(/schedule/);
  });
});
