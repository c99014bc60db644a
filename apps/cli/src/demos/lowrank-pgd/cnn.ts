/**
 * The optional CNN check of method §e.2 (full mode only): the small CNN trained on wasm (tfjs 4.22's wasm
 * backend has no Conv2DBackpropFilter kernel; core-tensor's initBackend registers one, method §h.6),
 * then attacked with PGD-ℓ2 and LoRa-PGD at equal ℓ2 budget. The paper's "comparable" claim comes from
 * CNNs, so this row tests it on the architecture closest to the paper's at this scale.
 */
import { tf } from "@descent/core-tensor";
import {
  accuracy,
  adversarialTrain,
  createSmallCnn,
  loraPgd,
  perturbationSpectrum,
  pgd,
  robustAccuracy,
} from "@descent/lowrank-pgd";
import type { DemoContext } from "../../demo.js";

/** What the CNN check measured. */
export interface CnnResults {
  trainCount: number;
  evalCount: number;
  epochs: number;
  trainTimeMs: number;
  cleanAccuracy: number;
  eps: number;
  pgdAccuracy: number;
  lora: { rank: number; accuracy: number; timeMsPerBatch: number }[];
  pgdTimeMsPerBatch: number;
  energyTop5: number;
  nuclearToFrobenius: number;
}

/** Trains the small CNN on `train` and attacks it on `test` at `eps`. */
export function cnnCheck(
  ctx: DemoContext,
  train: { x: tf.Tensor4D; y: tf.Tensor1D },
  test: { x: tf.Tensor4D; y: tf.Tensor1D },
  eps: number,
  seed: number,
): CnnResults {
  const cnn = createSmallCnn({ seed });
  const epochs = 2;
  const batches = Math.ceil(train.x.shape[0] / 64);
  ctx.progress.start("train CNN", epochs * batches);
  const trained = adversarialTrain(cnn, train.x, train.y, {
    attack: null,
    epochs,
    cleanEpochs: epochs,
    seed,
    signal: ctx.signal,
    onProgress: (p) => ctx.progress.tick(1, `loss ${p.loss.toFixed(3)}`),
  });
  ctx.progress.stop();
  try {
    const advs: tf.Tensor4D[] = [];
    const batchSize = 125;
    const p = robustAccuracy(
      cnn.logits,
      test.x,
      test.y,
      (xb, yb) => pgd(cnn.logits, xb, yb, { norm: "l2", eps }),
      {
        batchSize,
        onBatch: ({ adv }) => {
          advs.push(adv.clone());
        },
      },
    );
    const all = tf.concat(advs, 0) as tf.Tensor4D;
    const spectrum = perturbationSpectrum(all, test.x);
    all.dispose();
    for (const a of advs) a.dispose();
    const lora = [1, 3, 28].map((rank) => {
      const r = robustAccuracy(
        cnn.logits,
        test.x,
        test.y,
        (xb, yb, b) => loraPgd(cnn.logits, xb, yb, { rank, eps, init: { kind: "random", seed: seed + b } }),
        { batchSize },
      );
      return { rank, accuracy: r.accuracy, timeMsPerBatch: r.timeMsPerBatch };
    });
    return {
      trainCount: train.x.shape[0],
      evalCount: test.x.shape[0],
      epochs,
      trainTimeMs: trained.timeMs,
      cleanAccuracy: accuracy(cnn.logits, test.x, test.y),
      eps,
      pgdAccuracy: p.accuracy,
      pgdTimeMsPerBatch: p.timeMsPerBatch,
      lora,
      energyTop5: spectrum.energyTopK[5] ?? Number.NaN,
      nuclearToFrobenius: spectrum.nuclearToFrobenius,
    };
  } finally {
    cnn.dispose();
  }
}
