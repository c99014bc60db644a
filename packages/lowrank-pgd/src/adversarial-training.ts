/**
 * Adversarial training with PGD or LoRa-PGD as the inner attack (docs/method.md §c.5, Madry et al. 2018): for every
 * mini-batch the attack runs against the current, frozen weights, then one optimiser step is taken on the
 * loss of the adversarial batch. The paper's schedule is not public; the defaults are the reproduction's
 * own (docs/method.md §e.2: Adam 1e-3, batch 64, 1 clean epoch then 3 adversarial epochs).
 */
import {
  assertInteger,
  assertPositive,
  DescentError,
  disposeAbandonedGradientTape,
  Rng,
  tf,
} from "@descent/core-tensor";
import type { AttackResult } from "./attack-options.js";
import { attackObjective, type LogitsFn, toLogitsFn } from "./classifier.js";
import { checkImages, checkLabels, checkOptionsObject, throwIfAborted } from "./internal/checks.js";
import type { TrainableClassifier } from "./mlp.js";

/** The inner attack: called with the current model on each mini-batch. */
export type TrainingAttack = (
  model: LogitsFn,
  xb: tf.Tensor4D,
  yb: tf.Tensor1D,
  step: number,
) => AttackResult;

/** A model {@link adversarialTrain} can update: ours or a tfjs-layers model. */
export type TrainableModel = Pick<TrainableClassifier, "logits" | "variables"> | tf.LayersModel;

function resolveModel(model: TrainableModel): { logits: LogitsFn; variables: tf.Variable[] } {
  if (model instanceof tf.LayersModel) {
    // a LayerVariable's read() is its underlying tf.Variable
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    return { logits: toLogitsFn(model), variables };
  }
  if (
    typeof model?.logits !== "function" ||
    !Array.isArray(model.variables) ||
    model.variables.length === 0
  ) {
    throw new DescentError(
      "model must be a tf.LayersModel or { logits, variables } with at least one variable",
      {
        parameter: "model",
        code: "type",
      },
    );
  }
  return model;
}

/**
 * One adversarial training step on `(xb, yb)`: attack (if given) against the current weights, then one
 * `optimizer` step on the mean cross-entropy of the attacked batch. Returns the loss before the step.
 */
export function adversarialTrainStep(
  model: TrainableModel,
  optimizer: tf.Optimizer,
  xb: tf.Tensor4D,
  yb: tf.Tensor1D,
  attack: TrainingAttack | null,
  step = 0,
): number {
  const resolved = resolveModel(model);
  if (!(optimizer instanceof tf.Optimizer)) {
    throw new DescentError(`optimizer must be a tf.Optimizer, received ${typeof optimizer}`, {
      parameter: "optimizer",
      code: "type",
    });
  }
  checkImages(xb, { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY }, "xb");
  checkLabels(yb, xb.shape[0], "yb");
  assertInteger(step, "step", { min: 0 });
  if (attack !== null && typeof attack !== "function") {
    throw new DescentError(`attack must be a function or null, received ${typeof attack}`, {
      parameter: "attack",
      code: "type",
    });
  }
  return trainStep(resolved, optimizer, xb, yb, attack, step);
}

/** The step itself, without validation: {@link adversarialTrain} validates once for the whole run. */
function trainStep(
  { logits, variables }: { logits: LogitsFn; variables: tf.Variable[] },
  optimizer: tf.Optimizer,
  xb: tf.Tensor4D,
  yb: tf.Tensor1D,
  attack: TrainingAttack | null,
  step: number,
): number {
  let inputs = xb;
  let owned: AttackResult | undefined;
  if (attack !== null) {
    owned = attack(logits, xb, yb, step);
    inputs = owned.adv;
  }
  try {
    let loss: tf.Scalar | null;
    try {
      loss = optimizer.minimize(() => attackObjective(logits(inputs), yb, false), true, variables);
    } catch (error) {
      // a model that throws inside minimize leaves the gradient tape's saved tensors behind
      disposeAbandonedGradientTape();
      throw error;
    }
    const value = loss?.dataSync()[0] ?? Number.NaN;
    loss?.dispose();
    return value;
  } finally {
    if (owned !== undefined) {
      owned.adv.dispose();
      const extra = owned as Partial<{ u: tf.Tensor; v: tf.Tensor }>;
      extra.u?.dispose();
      extra.v?.dispose();
    }
  }
}

/** Options of {@link adversarialTrain}. */
export interface AdversarialTrainingOptions {
  /** The inner attack, or `null` for plain (clean) training. */
  attack: TrainingAttack | null;
  /** Total epochs. Default 4 (docs/method.md §e.2: 1 clean + 3 adversarial). */
  epochs?: number;
  /** Leading epochs trained on clean data. Default 1 (docs/method.md §e.2). */
  cleanEpochs?: number;
  /** Mini-batch size. Default 64 (docs/method.md §e.2). */
  batchSize?: number;
  /** Optimiser; default `tf.train.adam(learningRate)` (docs/method.md §e.2), disposed at the end when created here. */
  optimizer?: tf.Optimizer;
  /** Learning rate of the default Adam. Default 1e-3 (docs/method.md §e.2). */
  learningRate?: number;
  /** Seed of the per-epoch shuffling. Default 0. */
  seed?: number;
  /** Called after every mini-batch. */
  onProgress?: (info: { epoch: number; batch: number; batches: number; loss: number }) => void;
  signal?: AbortSignal;
}

/** Every key of {@link AdversarialTrainingOptions} (the Record type keeps the list complete). */
const ADVERSARIAL_TRAINING_KEYS = Object.keys({
  attack: true,
  epochs: true,
  cleanEpochs: true,
  batchSize: true,
  optimizer: true,
  learningRate: true,
  seed: true,
  onProgress: true,
  signal: true,
} satisfies Record<keyof AdversarialTrainingOptions, true>);

/** Loss history and wall time of a training run. */
export interface AdversarialTrainingResult {
  /** Mean training loss per epoch. */
  epochLosses: number[];
  /** Wall time per epoch, ms. */
  epochTimesMs: number[];
  timeMs: number;
}

/**
 * Trains `model` on `(x, y)` with the attack as inner maximisation (docs/method.md §c.5). With `attack: null`, or for
 * the first `cleanEpochs`, the batches are used as they are.
 *
 * @example
 * ```ts
 * adversarialTrain(net, x, y, { attack: (f, xb, yb, s) =>
 *   loraPgd(f, xb, yb, { rank: 3, eps: 1.5, steps: 7, init: { kind: "random", seed: s } }) });
 * ```
 */
export function adversarialTrain(
  model: TrainableModel,
  x: tf.Tensor4D,
  y: tf.Tensor1D,
  options: AdversarialTrainingOptions,
): AdversarialTrainingResult {
  checkOptionsObject(options, ADVERSARIAL_TRAINING_KEYS, "options", true);
  const resolved = resolveModel(model);
  checkImages(x, { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY });
  checkLabels(y, x.shape[0]);
  const epochs = options.epochs ?? 4;
  assertInteger(epochs, "epochs", { min: 1 });
  const cleanEpochs = options.cleanEpochs ?? 1;
  assertInteger(cleanEpochs, "cleanEpochs", { min: 0 });
  const batchSize = options.batchSize ?? 64;
  assertInteger(batchSize, "batchSize", { min: 1 });
  const learningRate = options.learningRate ?? 1e-3;
  assertPositive(learningRate, "learningRate");
  const seed = options.seed ?? 0;
  assertInteger(seed, "seed");
  if (options.attack !== null && typeof options.attack !== "function") {
    throw new DescentError("attack must be a function (model, xb, yb, step) => AttackResult or null", {
      parameter: "attack",
      code: "type",
    });
  }
  const optimizer = options.optimizer ?? tf.train.adam(learningRate);
  const rng = new Rng(seed);
  const n = x.shape[0];
  const batches = Math.ceil(n / batchSize);
  const epochLosses: number[] = [];
  const epochTimesMs: number[] = [];
  const t0 = performance.now();
  let step = 0;
  try {
    for (let e = 0; e < epochs; e++) {
      const te = performance.now();
      const order = rng.permutation(n);
      const attack = e < cleanEpochs ? null : options.attack;
      let sum = 0;
      for (let b = 0; b < batches; b++) {
        throwIfAborted(options.signal);
        const idx = tf.tensor1d(order.subarray(b * batchSize, Math.min(n, (b + 1) * batchSize)), "int32");
        const xb = tf.gather(x, idx) as tf.Tensor4D;
        const yb = tf.gather(y, idx) as tf.Tensor1D;
        try {
          const loss = trainStep(resolved, optimizer, xb, yb, attack, step++);
          sum += loss;
          options.onProgress?.({ epoch: e + 1, batch: b + 1, batches, loss });
        } finally {
          tf.dispose([idx, xb, yb]);
        }
      }
      epochLosses.push(sum / batches);
      epochTimesMs.push(performance.now() - te);
    }
  } finally {
    if (options.optimizer === undefined) optimizer.dispose();
  }
  return { epochLosses, epochTimesMs, timeMs: performance.now() - t0 };
}
