import { initBackend, tf } from "@descent/core-tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntries, type HostileInputEntry as Entry } from "../../../tooling/vitest/hostile-input.js";
import {
  accuracy,
  adversarialTrain,
  adversarialTrainStep,
  attackObjective,
  attackSuccessRate,
  createLinearProblem,
  createMlp,
  createSmallCnn,
  fgsm,
  fgsmFactors,
  loraPerturbation,
  loraPgd,
  matchNuclearNorm,
  nuclearNorm,
  perturbationNorms,
  perturbationSpectrum,
  pgd,
  predictClasses,
  relativeSpectrumChange,
  robustAccuracy,
  singularValues,
  spectralMatrix,
  type TrainableClassifier,
  toLogitsFn,
  truncateRank,
} from "./index.js";
import { sparseImages } from "./testing/sparse-images.js";

// Shared inputs, created once: a small MLP on 8×8 images, a batch of 3 and its labels.
let net: TrainableClassifier;
let x: tf.Tensor4D;
let adv: tf.Tensor4D;
let y: tf.Tensor1D;
let logits: tf.Tensor2D;
let u: tf.Tensor3D;
let v: tf.Tensor3D;
let hostile: tf.Tensor[];

beforeAll(async () => {
  await initBackend();
  net = createMlp({ inputShape: [8, 8, 1], hiddenUnits: [6], numClasses: 3, seed: 1 });
  x = sparseImages(3, 1, 8, 8, 1);
  adv = tf.tidy(() => tf.clipByValue(tf.add(x, 0.05), 0, 1)) as tf.Tensor4D;
  y = tf.tensor1d([0, 1, 2], "int32");
  logits = tf.tensor2d([1, 2, 3, 0, 1, 0, 2, 2, 1], [3, 3]);
  u = tf.ones([3, 8, 2]) as tf.Tensor3D;
  v = tf.ones([3, 2, 8]) as tf.Tensor3D;
  const disposed = tf.zeros([3, 8, 8, 1]);
  disposed.dispose();
  hostile = [
    tf.fill([3, 8, 8, 1], Number.NaN), // NaN images
    tf.fill([3, 8, 8, 1], 2), // outside the [0, 1] box
    tf.zeros([3, 64]), // wrong rank
    tf.zeros([0, 8, 8, 1]), // empty batch
    tf.zeros([2, 8, 8, 1]), // batch that does not match the labels
    tf.tensor1d([0, 1, 7], "int32"), // a label ≥ the number of classes
    tf.tensor1d([0, -1, 1], "int32"), // a negative label
    tf.tensor1d([0.5, 1, 2], "float32"), // a fractional label
    tf.tensor1d([0, 1], "int32"), // too few labels
    tf.fill([3, 8, 2], Number.NaN), // NaN factors
    tf.zeros([3, 3, 3]), // factors of the wrong shape
    disposed,
  ];
});
afterAll(() => {
  net.dispose();
  tf.dispose([x, adv, y, logits, u, v, ...hostile]);
});

const matrix = () => Float64Array.from({ length: 12 }, (_, i) => Math.sin(i + 1));
/** A fresh model for entry points that train (a hostile learning rate must not poison the shared one). */
const withFreshModel = <T>(run: (m: TrainableClassifier) => T): T => {
  const m = createMlp({ inputShape: [8, 8, 1], hiddenUnits: [4], numClasses: 3, seed: 2 });
  try {
    return run(m);
  } finally {
    m.dispose();
  }
};
const modelOf = (a: unknown) => (a === "net" ? net.logits : a) as never;

const entries: Entry[] = [
  {
    name: "singularValues",
    valid: () => [matrix(), 3, 4],
    call: (a) => singularValues(...(a as [never, never, never])),
  },
  {
    name: "nuclearNorm",
    valid: () => [matrix(), 3, 4],
    call: (a) => nuclearNorm(...(a as [never, never, never])),
  },
  {
    name: "truncateRank",
    valid: () => [matrix(), 3, 4, 2],
    call: (a) => truncateRank(...(a as [never, never, never, never])),
  },
  {
    name: "spectralMatrix",
    valid: () => [[3, 2, 1], 4, 5, 1],
    call: (a) => spectralMatrix(...(a as [never, never, never, never])),
  },
  {
    name: "createLinearProblem",
    valid: () => [
      { weights: spectralMatrix([3, 1], 4, 4, 1), height: 4, width: 4, margin: 2, reference: 0.5 },
    ],
    call: (a) => {
      const p = createLinearProblem(a[0] as never);
      const gains = [p.optimalGainL2(1), p.optimalGainLinf(1), p.optimalGainRank(1, 1)];
      p.dispose();
      return gains;
    },
  },
  { name: "toLogitsFn", valid: () => ["net"], call: (a) => tf.tidy(() => toLogitsFn(modelOf(a[0]))(x)) },
  {
    name: "attackObjective",
    valid: () => [logits, y, false],
    call: (a) => attackObjective(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "pgd",
    valid: () => ["net", x, y, { norm: "l2", eps: 0.5, steps: 2, randomStart: "ball", seed: 1 }],
    call: (a) => pgd(modelOf(a[0]), a[1] as never, a[2] as never, a[3] as never),
  },
  {
    name: "pgd linf",
    valid: () => ["net", x, y, { norm: "linf", eps: 0.1, steps: 2, alpha: 0.05, clipMin: 0, clipMax: 1 }],
    call: (a) => pgd(modelOf(a[0]), a[1] as never, a[2] as never, a[3] as never),
  },
  {
    name: "fgsm",
    valid: () => ["net", x, y, { eps: 0.1, norm: "linf", targeted: false }],
    call: (a) => fgsm(modelOf(a[0]), a[1] as never, a[2] as never, a[3] as never),
  },
  {
    name: "loraPgd",
    valid: () => ["net", x, y, { rank: 2, eps: 0.5, steps: 2, init: { kind: "random", seed: 1 } }],
    call: (a) => loraPgd(modelOf(a[0]), a[1] as never, a[2] as never, a[3] as never),
  },
  {
    name: "loraPerturbation",
    valid: () => [u, v, 3, 1, 0.5],
    call: (a) => loraPerturbation(...(a as [never, never, never, never, never])),
  },
  {
    name: "fgsmFactors",
    valid: () => ["net", x, y, { rank: 2, eps: 0.5 }],
    call: (a) => fgsmFactors(modelOf(a[0]), a[1] as never, a[2] as never, a[3] as never),
  },
  {
    name: "matchNuclearNorm",
    valid: () => ["net", x, y, { rank: 2, eps: 0.5, steps: 2, referenceNuclear: 1 }],
    call: (a) => matchNuclearNorm(modelOf(a[0]), a[1] as never, a[2] as never, a[3] as never),
  },
  {
    name: "perturbationNorms",
    valid: () => [x, adv],
    call: (a) => perturbationNorms(a[0] as never, a[1] as never),
  },
  {
    name: "perturbationSpectrum",
    valid: () => [adv, x, { ks: [1, 2], rankTol: 1e-5 }],
    call: (a) => perturbationSpectrum(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "relativeSpectrumChange",
    valid: () => [x, adv, { floor: 1e-6 }],
    call: (a) => relativeSpectrumChange(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "predictClasses",
    valid: () => ["net", x, 2],
    call: (a) => predictClasses(modelOf(a[0]), a[1] as never, a[2] as never),
  },
  {
    name: "accuracy",
    valid: () => ["net", x, y, 2],
    call: (a) => accuracy(modelOf(a[0]), a[1] as never, a[2] as never, a[3] as never),
  },
  {
    name: "attackSuccessRate",
    valid: () => ["net", x, adv, y],
    call: (a) => attackSuccessRate(modelOf(a[0]), a[1] as never, a[2] as never, a[3] as never),
  },
  {
    name: "robustAccuracy",
    valid: () => ["net", x, y, { batchSize: 2, clipMin: 0, clipMax: 1 }],
    call: (a) =>
      robustAccuracy(
        modelOf(a[0]),
        a[1] as never,
        a[2] as never,
        (xb, yb) => fgsm(net.logits, xb, yb, { eps: 0.1 }),
        a[3] as never,
      ),
  },
  {
    name: "createMlp",
    valid: () => [{ inputShape: [8, 8, 1], hiddenUnits: [3], numClasses: 2, seed: 1 }],
    call: (a) => {
      const m = createMlp(a[0] as never);
      const n = m.variables.length;
      m.dispose();
      return n;
    },
  },
  {
    name: "createSmallCnn",
    valid: () => [{ inputShape: [10, 10, 1], numClasses: 2, seed: 1 }],
    call: (a) => {
      const m = createSmallCnn(a[0] as never);
      const n = m.variables.length;
      m.dispose();
      return n;
    },
    runs: 15,
  },
  {
    name: "adversarialTrain",
    valid: () => [
      x,
      y,
      { attack: null, epochs: 1, cleanEpochs: 0, batchSize: 2, learningRate: 1e-3, seed: 1 },
    ],
    call: (a) => withFreshModel((m) => adversarialTrain(m, a[0] as never, a[1] as never, a[2] as never)),
  },
  {
    name: "adversarialTrainStep",
    valid: () => [x, y, null, 0],
    call: (a) =>
      withFreshModel((m) => {
        const opt = tf.train.sgd(0.01);
        try {
          return adversarialTrainStep(m, opt, a[0] as never, a[1] as never, a[2] as never, a[3] as never);
        } finally {
          opt.dispose();
        }
      }),
  },
];

describe("lowrank-pgd public entry points under hostile input (fast-check)", () => {
  it("throw a DescentError naming the parameter or return finite numbers, leaking no tensor", async () => {
    const { tried, problems } = await checkEntries(entries, { extraValues: () => hostile });
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(entries.length * 30);
  }, 120_000);
});
