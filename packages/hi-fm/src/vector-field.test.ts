import { initBackend, Rng, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { fourWells2d } from "./anisotropic-wells.js";
import { lipmanPath } from "./conditional-path.js";
import { exactDivergence } from "./likelihood.js";
import { trainFlowMatching } from "./train.js";
import { mlpField } from "./vector-field.js";

describe("mlpField", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("the every-order activations give the same field (1e-6), and their nested gradient matches finite differences", () => {
    const fast = mlpField({ dim: 2, hidden: [16, 16], seed: 3 });
    const safe = mlpField({ dim: 2, hidden: [16, 16], seed: 3, secondOrderSafe: true });
    const x = tf.tensor2d([0.3, -0.7, 1.1, 0.2], [2, 2]);
    const t = tf.tensor1d([0.25, 0.8]);
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(fast.apply(x, t), safe.apply(x, t)))).dataSync()[0]);
    expect(diff).toBeLessThan(1e-6);
    // d/dx₀ of Σ ∂v₀/∂x₀ (a second derivative) against a central difference of the first derivative
    const dv0 = (xx: tf.Tensor2D) =>
      tf.grad((z: tf.Tensor) => tf.sum(tf.slice(safe.apply(z as tf.Tensor2D, t), [0, 0], [-1, 1])))(xx);
    const second = tf.tidy(() =>
      tf
        .grad((z: tf.Tensor) => tf.sum(tf.slice(dv0(z as tf.Tensor2D), [0, 0], [-1, 1])))(x)
        .arraySync(),
    ) as number[][];
    const h = 1e-2;
    const e = tf.tensor2d([h, 0, h, 0], [2, 2]);
    const fd = tf.tidy(
      () =>
        tf
          .div(
            tf.sub(
              tf.slice(dv0(tf.add(x, e) as tf.Tensor2D), [0, 0], [-1, 1]),
              tf.slice(dv0(tf.sub(x, e) as tf.Tensor2D), [0, 0], [-1, 1]),
            ),
            2 * h,
          )
          .arraySync() as number[][],
    );
    for (let b = 0; b < 2; b++)
      expect(Math.abs((second[b]?.[0] as number) - (fd[b]?.[0] as number))).toBeLessThan(
        2e-2 * Math.max(1, Math.abs(fd[b]?.[0] as number)),
      );
    tf.dispose([x, t, e]);
    fast.dispose();
    safe.dispose();
  });

  it("flat Adam: the first step moves every weight by the learning rate (m̂/√ŝ = sign g), no tensor leaks", async () => {
    const data = fourWells2d().sample(64, new Rng(0));
    const field = mlpField({ dim: 2, hidden: [8], seed: 5 });
    const before = field.variables.map((v) => Array.from(v.dataSync()));
    const n0 = tf.memory().numTensors;
    await trainFlowMatching(field, lipmanPath(data, { sigmaMin: 0.1 }), {
      steps: 1,
      batchSize: 32,
      learningRate: 1e-3,
      schedule: "constant",
      seed: 2,
    });
    expect(tf.memory().numTensors).toBe(n0);
    field.variables.forEach((v, i) => {
      const after = v.dataSync();
      for (let k = 0; k < after.length; k++) {
        const step = Math.abs((after[k] as number) - (before[i]?.[k] as number));
        expect(step).toBeGreaterThan(1e-3 * 0.99);
        expect(step).toBeLessThan(1e-3 * 1.01);
      }
    });
    field.dispose();
  });

  it.each(["silu", "tanh", "relu"] as const)(
    "the hand-written backward pass equals the tape's loss gradient (%s, 1e-5 relative)",
    (activation) => {
      const field = mlpField({ dim: 3, hidden: [7, 5], activation, seed: 9 });
      const rng = new Rng(4);
      const x = tf.tensor2d(rng.fillNormal(new Float32Array(12)), [4, 3]);
      const t = tf.tensor1d([0.1, 0.4, 0.7, 0.95]);
      const y = tf.tensor2d(rng.fillNormal(new Float32Array(12)), [4, 3]);
      const n0 = tf.memory().numTensors;
      const ours = field.regressionGradient?.(x, t, y);
      if (ours === undefined) throw new Error("mlpField must provide regressionGradient");
      const tape = tf.variableGrads(
        () => tf.div(tf.sum(tf.square(tf.sub(field.apply(x, t), y))), 4) as tf.Scalar,
        field.variables,
      );
      expect(ours.loss.dataSync()[0]).toBeCloseTo(tape.value.dataSync()[0] as number, 5);
      const flat = ours.gradient.dataSync();
      let offset = 0;
      for (const v of field.variables) {
        const g = (tape.grads[v.name] as tf.Tensor).dataSync();
        for (let k = 0; k < g.length; k++) {
          const a = flat[offset + k] as number;
          const b = g[k] as number;
          expect(Math.abs(a - b)).toBeLessThan(1e-5 * Math.max(1, Math.abs(b)));
        }
        offset += g.length;
      }
      expect(offset).toBe(flat.length);
      tf.dispose([ours.loss, ours.gradient, tape.value, ...Object.values(tape.grads)]);
      expect(tf.memory().numTensors).toBe(n0);
      tf.dispose([x, t, y]);
      field.dispose();
    },
  );

  it.each(["silu", "tanh", "relu"] as const)(
    "the forward-mode divergence equals the tape's exact divergence (%s, 1e-5 relative)",
    (activation) => {
      const field = mlpField({ dim: 3, hidden: [6, 5, 4], activation, seed: 2 });
      const { valueAndDivergence: _, ...tapeOnly } = field;
      const x = tf.tensor2d(new Rng(8).fillNormal(new Float32Array(15)), [5, 3]);
      const n0 = tf.memory().numTensors;
      const a = exactDivergence(field, x, 0.3);
      const b = exactDivergence(tapeOnly, x, 0.3);
      const [av, ad, bv, bd] = [a.v, a.div, b.v, b.div].map((z) => z.dataSync());
      for (let k = 0; k < 15; k++)
        expect(Math.abs((av?.[k] as number) - (bv?.[k] as number))).toBeLessThan(1e-6);
      for (let k = 0; k < 5; k++)
        expect(Math.abs((ad?.[k] as number) - (bd?.[k] as number))).toBeLessThan(
          1e-5 * Math.max(1, Math.abs(bd?.[k] as number)),
        );
      tf.dispose([a.v, a.div, b.v, b.div]);
      expect(tf.memory().numTensors).toBe(n0);
      x.dispose();
      field.dispose();
    },
  );
});
