import { DescentError, initBackend, tf } from "@descent/core-tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLinearProblem } from "./linear-problem.js";
import { loraPgd } from "./lora-pgd.js";
import { pgd } from "./pgd.js";
import { accuracy, attackSuccessRate, predictClasses, robustAccuracy } from "./robust-accuracy.js";
import { thrownParameter } from "./testing/thrown-parameter.js";

// The linear problem with logit 1 − logit 0 = −0.5 at x ≡ 0.5: label 0 is correct, and an ℓ2 attack
// raises the difference by at most eps·‖G‖_F = 1.4·eps, so it flips the sample iff eps > 0.5/1.4 ≈ 0.36.
describe("robustAccuracy", () => {
  const g = new Float64Array(784).fill(0.05); // ‖G‖_F = 1.4
  let p: ReturnType<typeof createLinearProblem>;
  let x: tf.Tensor4D;
  let y: tf.Tensor1D;
  beforeAll(async () => {
    await initBackend();
    p = createLinearProblem({ weights: g, height: 28, width: 28, margin: -0.5 });
    x = p.images(10);
    y = tf.zeros([10], "int32") as tf.Tensor1D;
  });
  afterAll(() => {
    p.dispose();
    tf.dispose([x, y]);
  });

  it("counts every sample: 1 when the budget cannot flip, 0 when it flips all (closed form eps > 0.36)", () => {
    const weak = robustAccuracy(p.logits, x, y, (xb, yb) => pgd(p.logits, xb, yb, { norm: "l2", eps: 0.1 }), {
      batchSize: 3,
    });
    expect(weak.accuracy).toBe(1);
    expect(weak.cleanAccuracy).toBe(1);
    expect(weak.successRate).toBe(0);
    expect(weak.batches).toBe(4);
    const strong = robustAccuracy(
      p.logits,
      x,
      y,
      (xb, yb) => pgd(p.logits, xb, yb, { norm: "l2", eps: 0.5 }),
      { batchSize: 4 },
    );
    expect(strong.accuracy).toBe(0);
    expect(strong.successRate).toBe(1);
    expect(strong.stateFloatsPerImage).toBe(784);
  });

  it("frees the adversarial batches and LoRa factors (docs/method.md §f.13)", () => {
    const run = () =>
      robustAccuracy(p.logits, x, y, (xb, yb) => loraPgd(p.logits, xb, yb, { rank: 2, eps: 0.3, steps: 2 }), {
        batchSize: 5,
      });
    run();
    const before = tf.memory().numTensors;
    run();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("attack success rate: untargeted flips, targeted hits", () => {
    const { adv } = pgd(p.logits, x, y, { norm: "l2", eps: 0.5 });
    expect(attackSuccessRate(p.logits, x, adv, y)).toBe(1);
    expect(attackSuccessRate(p.logits, x, adv, y, { targets: tf.ones([10], "int32") as tf.Tensor1D })).toBe(
      1,
    );
    expect(accuracy(p.logits, adv, y)).toBe(0);
    adv.dispose();
  });

  it("accuracy, predictClasses and attackSuccessRate leak no tensors (docs/method.md §f.13)", () => {
    const { adv } = pgd(p.logits, x, y, { norm: "l2", eps: 0.5 });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      accuracy(p.logits, x, y, 3);
      predictClasses(p.logits, adv, 4);
      attackSuccessRate(p.logits, x, adv, y, { targets: y });
    }
    expect(tf.memory().numTensors).toBe(before);
    adv.dispose();
  });

  it("predictClasses and attackSuccessRate reject bad sizes, shapes and NaN by name", () => {
    const nan = tf.fill([10, 28, 28, 1], Number.NaN) as tf.Tensor4D;
    const small = tf.zeros([2, 28, 28, 1]) as tf.Tensor4D;
    const short = tf.zeros([3], "int32") as tf.Tensor1D;
    expect(thrownParameter(() => predictClasses(p.logits, x, 0))).toBe("batchSize");
    expect(thrownParameter(() => predictClasses(p.logits, nan))).toBe("x");
    expect(thrownParameter(() => attackSuccessRate(p.logits, x, small, y))).toBe("adv");
    expect(thrownParameter(() => attackSuccessRate(p.logits, x, nan, y))).toBe("adv");
    expect(thrownParameter(() => attackSuccessRate(p.logits, x, x, short))).toBe("labels");
    expect(thrownParameter(() => attackSuccessRate(p.logits, x, x, y, { targets: short }))).toBe("targets");
    tf.dispose([nan, small, short]);
  });

  it("validates batch size and labels", () => {
    const attack = (xb: tf.Tensor4D, yb: tf.Tensor1D) => pgd(p.logits, xb, yb, { norm: "l2", eps: 0.1 });
    expect(() => robustAccuracy(p.logits, x, y, attack, { batchSize: 0 })).toThrow(DescentError);
    expect(() => robustAccuracy(p.logits, x, tf.zeros([3], "int32") as tf.Tensor1D, attack)).toThrow(
      /y must have shape/,
    );
    expect(() => accuracy(p.logits, x, tf.zeros([3], "int32") as tf.Tensor1D)).toThrow(/labels/);
  });
});
