// Oracles that need real digits and a trained model: budgets with clipping (f.2), monotonicity in eps (f.8),
// nuclear-norm matching (f.9), FGSM factors (f.11), rank projection (f.12). One trained MLP serves them all.

import { initBackend, tf } from "@descent/core-tensor";
import { imageTensors, loadMnistFixture } from "@descent/datasets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adversarialTrain } from "./adversarial-training.js";
import { channelMatrices64, singularValues, truncateRank } from "./channel-svd.js";
import { fgsmFactors } from "./fgsm-factors.js";
import { loraPgd } from "./lora-pgd.js";
import { createMlp } from "./mlp.js";
import { matchNuclearNorm } from "./nuclear-matching.js";
import { perturbationNorms } from "./perturbation-norms.js";
import { pgd } from "./pgd.js";
import { accuracy } from "./robust-accuracy.js";
import { thrownParameter } from "./testing/thrown-parameter.js";

// Real digits (the committed MNIST fixture of @descent/datasets) and a small MLP trained on them.
describe("attacks on real digits", () => {
  let net: ReturnType<typeof createMlp>;
  let x: tf.Tensor4D;
  let y: tf.Tensor1D;
  let xTest: tf.Tensor4D;
  let yTest: tf.Tensor1D;
  beforeAll(async () => {
    await initBackend();
    const all = imageTensors(loadMnistFixture(), { layout: "nhwc" });
    x = tf.slice(all.x, 0, 400) as tf.Tensor4D;
    y = tf.slice(all.y, 0, 400) as tf.Tensor1D;
    xTest = tf.slice(all.x, 400, 100) as tf.Tensor4D;
    yTest = tf.slice(all.y, 400, 100) as tf.Tensor1D;
    tf.dispose([all.x, all.y]);
    net = createMlp({ seed: 1, hiddenUnits: [64] });
    adversarialTrain(net, x, y, { attack: null, epochs: 8, cleanEpochs: 8, batchSize: 32, seed: 1 });
  });
  afterAll(() => {
    net.dispose();
    tf.dispose([x, y, xTest, yTest]);
  });

  it("the trained MLP is far better than chance on held-out digits", () => {
    expect(accuracy(net.logits, xTest, yTest)).toBeGreaterThan(0.6);
  });

  it("every attack keeps its budget and the box on real digits (docs/method.md §f.2)", () => {
    const checks: [string, tf.Tensor4D, (d: ReturnType<typeof perturbationNorms>) => void][] = [];
    const l2 = pgd(net.logits, xTest, yTest, { norm: "l2", eps: 2 });
    const linf = pgd(net.logits, xTest, yTest, { norm: "linf", eps: 0.1, alpha: 0.025 });
    const lora = loraPgd(net.logits, xTest, yTest, { rank: 3, eps: 2 });
    checks.push([
      "l2",
      l2.adv,
      (d) => {
        for (const n of d.l2) expect(n).toBeLessThanOrEqual(2 * (1 + 1e-5));
      },
    ]);
    checks.push([
      "linf",
      linf.adv,
      (d) => {
        for (const n of d.linf) expect(n).toBeLessThanOrEqual(0.1 + 1e-6);
      },
    ]);
    checks.push([
      "lora",
      lora.adv,
      (d) => {
        for (const n of d.l2) expect(n).toBeLessThanOrEqual(2 * (1 + 1e-5));
      },
    ]);
    for (const [, adv, check] of checks) {
      check(perturbationNorms(xTest, adv));
      expect(tf.min(adv).dataSync()[0]).toBeGreaterThanOrEqual(0);
      expect(tf.max(adv).dataSync()[0]).toBeLessThanOrEqual(1);
    }
    // clipping at 0 shortens the applied LoRa perturbation on digits (docs/method.md §h.3)
    expect(perturbationNorms(xTest, lora.adv).meanL2).toBeLessThan(2);
    tf.dispose([l2.adv, linf.adv, lora.adv, lora.u, lora.v]);
  });

  it("PGD-ℓ2 robust accuracy is non-increasing in eps, one-sample violations allowed (docs/method.md §f.8)", () => {
    let last = 1;
    for (const eps of [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5]) {
      const { adv } = pgd(net.logits, xTest, yTest, { norm: "l2", eps });
      const a = accuracy(net.logits, adv, yTest);
      expect(a).toBeLessThanOrEqual(last + 0.01);
      last = a;
      adv.dispose();
    }
    expect(last).toBeLessThan(0.2);
  });

  it("nuclear-norm matching lands within 3% of the reference ν and raises the ℓ2 budget (docs/method.md §f.9)", () => {
    const xb = tf.slice(xTest, 0, 50) as tf.Tensor4D;
    const yb = tf.slice(yTest, 0, 50) as tf.Tensor1D;
    const ref = pgd(net.logits, xb, yb, { norm: "l2", eps: 1.5 });
    const nuPgd = perturbationNorms(xb, ref.adv).meanNuclear;
    for (const rank of [1, 3]) {
      const r = matchNuclearNorm(net.logits, xb, yb, { rank, eps: 1.5, referenceNuclear: nuPgd });
      expect(Math.abs(r.matchedNuclear / nuPgd - 1)).toBeLessThan(0.03);
      expect(perturbationNorms(xb, r.adv).meanNuclear).toBeCloseTo(r.matchedNuclear, 6);
      expect(r.eps).toBeGreaterThan(1.5);
      tf.dispose([r.adv, r.u, r.v]);
    }
    // without a reference, PGD-ℓ2 at the same eps supplies it
    const auto = matchNuclearNorm(net.logits, xb, yb, { rank: 3, eps: 1.5 });
    expect(auto.referenceNuclear).toBeCloseTo(nuPgd, 5);
    tf.dispose([auto.adv, auto.u, auto.v, ref.adv, xb, yb]);
  });

  it("FGSM factors multiply to the rank-r truncated SVD of δ⁰, and to δ⁰ at full rank (docs/method.md §f.11)", () => {
    const xb = tf.slice(xTest, 0, 4) as tf.Tensor4D;
    const yb = tf.slice(yTest, 0, 4) as tf.Tensor1D;
    const step = pgd(net.logits, xb, yb, { norm: "l2", eps: 1, steps: 1, alpha: 1 });
    const delta0 = tf.sub(step.adv, xb) as tf.Tensor4D;
    const mats = channelMatrices64(delta0);
    for (const rank of [3, 28]) {
      const { u, v } = fgsmFactors(net.logits, xb, yb, { eps: 1, rank });
      const prod = tf.matMul(u, v).dataSync();
      mats.forEach((m, k) => {
        const expected = rank === 28 ? m : truncateRank(m, 28, 28, rank);
        let num = 0;
        let den = 0;
        for (let p = 0; p < 784; p++) {
          num += ((prod[k * 784 + p] as number) - (expected[p] as number)) ** 2;
          den += (expected[p] as number) ** 2;
        }
        expect(Math.sqrt(num / den)).toBeLessThan(1e-5);
      });
      tf.dispose([u, v]);
    }
    // a LoRa run from these factors (warm-up) is at least as strong as its starting point
    const warm = loraPgd(net.logits, xb, yb, { rank: 3, eps: 1, init: { kind: "fgsm" } });
    expect(warm.stateFloatsPerImage).toBe(3 * 56);
    tf.dispose([warm.adv, warm.u, warm.v, step.adv, delta0, xb, yb]);
  });

  it("PGD with rank projection has per-channel rank ≤ r before clipping and ℓ2 norm ≤ eps (docs/method.md §f.12)", () => {
    const xb = tf.slice(xTest, 0, 8) as tf.Tensor4D;
    const yb = tf.slice(yTest, 0, 8) as tf.Tensor1D;
    // x ≡ 0.5 shows the unclipped perturbation; on real digits the clipped norm stays within budget
    const mid = tf.fill([8, 28, 28, 1], 0.5) as tf.Tensor4D;
    const r = pgd(net.logits, mid, yb, { norm: "l2", eps: 0.5, projectRank: 2 });
    const d = tf.sub(r.adv, mid) as tf.Tensor4D;
    for (const m of channelMatrices64(d)) {
      const s = singularValues(m, 28, 28);
      expect(s[2] as number).toBeLessThanOrEqual(1e-4 * (s[0] as number));
      expect(Math.hypot(...s)).toBeLessThanOrEqual(0.5 * (1 + 1e-5));
    }
    const real = pgd(net.logits, xb, yb, { norm: "l2", eps: 1.5, projectRank: 3 });
    for (const n of perturbationNorms(xb, real.adv).l2) expect(n).toBeLessThanOrEqual(1.5 * (1 + 1e-5));
    tf.dispose([r.adv, d, mid, real.adv, xb, yb]);
  });

  it("matching, FGSM factors and warm-started LoRa-PGD leak no tensors (docs/method.md §f.13)", () => {
    const xb = tf.slice(xTest, 0, 10) as tf.Tensor4D;
    const yb = tf.slice(yTest, 0, 10) as tf.Tensor1D;
    const once = () => {
      const m = matchNuclearNorm(net.logits, xb, yb, { rank: 2, eps: 1, steps: 3 });
      const f = fgsmFactors(net.logits, xb, yb, { eps: 1, rank: 2 });
      const w = loraPgd(net.logits, xb, yb, {
        rank: 2,
        eps: 1,
        steps: 2,
        init: { kind: "fgsm", from: net.logits },
      });
      tf.dispose([m.adv, m.u, m.v, f.u, f.v, w.adv, w.u, w.v]);
    };
    once();
    const before = tf.memory().numTensors;
    once();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([xb, yb]);
  });

  it("matching validates init and reference", () => {
    const xb = tf.slice(xTest, 0, 2) as tf.Tensor4D;
    const yb = tf.slice(yTest, 0, 2) as tf.Tensor1D;
    const param = thrownParameter;
    expect(
      param(() => matchNuclearNorm(net.logits, xb, yb, { rank: 2, eps: 1, init: { kind: "fgsm" } })),
    ).toBe("init.kind");
    expect(param(() => matchNuclearNorm(net.logits, xb, yb, { rank: 2, eps: 1, referenceNuclear: -1 }))).toBe(
      "referenceNuclear",
    );
    expect(param(() => fgsmFactors(net.logits, xb, yb, { rank: 0, eps: 1 }))).toBe("rank");
    tf.dispose([xb, yb]);
  });
});
