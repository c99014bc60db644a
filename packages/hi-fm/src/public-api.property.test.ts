import { initBackend, Rng, tf } from "@descent/core-tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntries, type HostileInputEntry as Entry } from "../../../tooling/vitest/hostile-input.js";
import {
  actOnParticles,
  analyticLogLikelihood,
  anisotropicWells,
  comFreeBasis,
  comFreeDim,
  conjugateByParticleAction,
  cosineLearningRate,
  egnnField,
  endpointMixtureLogDensity,
  exactDivergence,
  flowMatchingBatch,
  fourierTimeFeatures,
  fourWells2d,
  gaussianWells,
  geometricMeanEigenvalue,
  hessianInformedPath,
  hessianSpectra,
  hessianSpectrum,
  hutchinsonDivergence,
  icosahedron13,
  independentPath,
  isotropicSpectra,
  lennardJones,
  lipmanPath,
  logProb,
  mala,
  marginalField,
  mlpField,
  priorDim,
  priorFreeDim,
  priorLogDensity,
  quench,
  randomOrthogonalMatrix,
  removeCenterOfMass,
  sample,
  samplePriorInto,
  solveAssignment,
  tetrahedron,
  timeGrid,
  trainFlowMatching,
  type VectorField,
  volumeMatchedEndTemperature,
} from "./index.js";

// Shared inputs: 2-d data, a 3-particle layout in the plane, a small MLP field.
const data = () => [Float64Array.of(0, 1), Float64Array.of(1, 0), Float64Array.of(-1, 0.5)];
const layout = () => ({ nParticles: 3, spaceDim: 2 as const });
const wells = () => [
  { weight: 1, center: [0, 0], covariance: [1, 0, 0, 1] },
  { weight: 2, center: [2, 0], covariance: [0.5, 0.1, 0.1, 0.5] },
];
const spectra = () => isotropicSpectra(2, 3, 2);
let field: VectorField;
let xs: tf.Tensor2D;
let noise: tf.Tensor2D;
let ts: tf.Tensor1D;
let hostile: unknown[];

beforeAll(async () => {
  await initBackend();
  field = mlpField({ dim: 2, hidden: [8], seed: 1 });
  xs = tf.tensor2d([0, 1, 1, 0], [2, 2]);
  noise = tf.tensor2d([1, -1, -1, 1], [2, 2]);
  ts = tf.tensor1d([0.2, 0.7]);
  const disposed = tf.zeros([2, 2]);
  disposed.dispose();
  hostile = [
    tf.fill([2, 2], Number.NaN),
    tf.zeros([2, 3]),
    tf.zeros([0, 2]),
    tf.zeros([2]),
    disposed,
    [Float64Array.of(0, Number.NaN)], // data with NaN
    [Float64Array.of(0, 1), Float64Array.of(1)], // ragged data
    [Float64Array.of(0, 1, 2)], // data of the wrong dimension
    { kind: "standard", dim: -1 }, // a bad prior
    { kind: "com-free", layout: { nParticles: 1, spaceDim: 4 } },
    { nParticles: 0, spaceDim: 2 }, // a bad layout
    [{ dim: 2, values: Float64Array.of(1, Number.NaN), vectors: Float64Array.of(1, 0, 0, 1) }], // bad spectra
    Float64Array.of(1, 2, 3),
  ];
});
afterAll(() => {
  field.dispose();
  tf.dispose([xs, noise, ts, ...hostile.filter((h): h is tf.Tensor => h instanceof tf.Tensor)]);
});

/** Probes a returned energy at a point, so that a bad construction shows as a non-finite number. */
const probeEnergy = (e: {
  dim: number;
  value(x: Float64Array): number;
  gradient(x: Float64Array): Float64Array;
}) => {
  const x = new Float64Array(e.dim).fill(0.3);
  return [e.value(x), e.gradient(x)];
};
const probePath = (p: { dim: number; field(i: number, x: ArrayLike<number>, t: number): Float64Array }) =>
  p.field(0, new Float64Array(p.dim).fill(0.2), 0.5);
const withField = async <T>(make: () => VectorField, run: (f: VectorField) => T | Promise<T>): Promise<T> => {
  const f = make();
  try {
    return await run(f);
  } finally {
    f.dispose();
  }
};

const entries: Entry[] = [
  {
    name: "timeGrid",
    valid: () => [{ steps: 4, grid: "uniform", tMax: 0.99 }],
    call: (a) => timeGrid(a[0] as never),
  },
  {
    name: "analyticLogLikelihood",
    valid: () => ["mixture", [0.1, 0.2], { kind: "standard", dim: 2 }, { steps: 4 }],
    call: (a) =>
      analyticLogLikelihood(
        (a[0] === "mixture" ? marginalField(independentPath(data(), { sigma: 0.1 })) : a[0]) as never,
        a[1] as never,
        a[2] as never,
        a[3] as never,
      ),
  },
  { name: "gaussianWells", valid: () => [wells()], call: (a) => probeEnergy(gaussianWells(a[0] as never)) },
  { name: "fourWells2d", valid: () => [], call: () => probeEnergy(fourWells2d()), runs: 2 },
  {
    name: "anisotropicWells",
    valid: () => [{ dim: 2, wells: 2, seed: 1, minStd: 0.1, maxStd: 1, centerStd: 2 }],
    call: (a) => probeEnergy(anisotropicWells(a[0] as never)),
  },
  {
    name: "solveAssignment",
    valid: () => [Float64Array.of(1, 2, 3, 0), 2],
    call: (a) => solveAssignment(a[0] as never, a[1] as never),
  },
  {
    name: "lipmanPath",
    valid: () => [data(), { sigmaMin: 0.01 }],
    call: (a) => probePath(lipmanPath(a[0] as never, a[1] as never)),
  },
  {
    name: "independentPath",
    valid: () => [data(), { sigma: 0.1 }],
    call: (a) => probePath(independentPath(a[0] as never, a[1] as never)),
  },
  {
    name: "hessianInformedPath",
    valid: () => [
      data(),
      spectra(),
      { endTemperature: 0.1, clock: { kind: "shared", kappa: 1 }, name: "hi" },
    ],
    call: (a) => probePath(hessianInformedPath(a[0] as never, a[1] as never, a[2] as never)),
  },
  {
    name: "volumeMatchedEndTemperature",
    valid: () => [0.1, spectra()],
    call: (a) => volumeMatchedEndTemperature(a[0] as never, a[1] as never),
  },
  {
    name: "egnnField",
    valid: () => [{ layout: layout(), width: 4, layers: 1, timeFrequencies: 2, coordInitStd: 1e-3, seed: 1 }],
    call: (a) =>
      withField(
        () => egnnField(a[0] as never),
        (f) => tf.tidy(() => f.apply(tf.ones([1, f.dim]), tf.tensor1d([0.5])).dataSync()),
      ),
    runs: 20,
  },
  {
    name: "mlpField",
    valid: () => [{ dim: 2, hidden: [4], activation: "tanh", timeFrequencies: 2, seed: 1 }],
    call: (a) =>
      withField(
        () => mlpField(a[0] as never),
        (f) => tf.tidy(() => f.apply(tf.ones([1, f.dim]), tf.tensor1d([0.5])).dataSync()),
      ),
  },
  {
    name: "fourierTimeFeatures",
    valid: () => [ts, 3],
    call: (a) => fourierTimeFeatures(a[0] as never, a[1] as never),
  },
  {
    name: "endpointMixtureLogDensity",
    valid: () => ["path", [0.1, 0.2]],
    call: (a) =>
      endpointMixtureLogDensity(
        (a[0] === "path" ? independentPath(data(), { sigma: 0.1 }) : a[0]) as never,
        a[1] as never,
      ),
  },
  {
    name: "marginalField",
    valid: () => ["path"],
    call: (a) => {
      const m = marginalField((a[0] === "path" ? independentPath(data(), { sigma: 0.1 }) : a[0]) as never);
      return [m.value([0.1, 0.2], 0.5), m.divergence([0.1, 0.2], 0.5)];
    },
  },
  {
    name: "flowMatchingBatch",
    valid: () => ["path", 4, 1, { tMax: 0.99, coupling: "minibatch-ot" }],
    call: (a) =>
      flowMatchingBatch(
        (a[0] === "path" ? independentPath(data(), { sigma: 0.1 }) : a[0]) as never,
        a[1] as never,
        (typeof a[2] === "number" ? new Rng(a[2]) : a[2]) as never,
        a[3] as never,
      ),
  },
  {
    name: "hessianSpectrum",
    valid: () => [
      Float64Array.of(2, 0.5, 0.5, 1),
      2,
      { floor: 0.1, cap: 10, mode: "abs", symmetryTolerance: 1e-8 },
    ],
    call: (a) => hessianSpectrum(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "hessianSpectra",
    valid: () => ["wells", data(), { floor: 0.1 }],
    call: (a) =>
      hessianSpectra(
        (a[0] === "wells" ? gaussianWells(wells()) : a[0]) as never,
        a[1] as never,
        a[2] as never,
      ),
  },
  {
    name: "quench",
    valid: () => ["wells", Float64Array.of(3.4, 0.05), { maxIterations: 50, gradientTolerance: 1e-6 }],
    call: (a) => {
      const r = quench(
        (a[0] === "wells" ? gaussianWells(wells()) : a[0]) as never,
        a[1] as never,
        a[2] as never,
      );
      return [r.energy, r.gradientNorm, ...r.x];
    },
  },
  {
    name: "geometricMeanEigenvalue",
    valid: () => [spectra()],
    call: (a) => geometricMeanEigenvalue(a[0] as never),
  },
  {
    name: "isotropicSpectra",
    valid: () => [2, 3, 2, undefined],
    call: (a) => isotropicSpectra(a[0] as never, a[1] as never, a[2] as never, a[3] as never),
  },
  {
    name: "lennardJones",
    valid: () => [{ layout: { nParticles: 4, spaceDim: 3 }, epsilon: 1, rm: 1, oscillator: 1 }],
    call: (a) => {
      const e = lennardJones(a[0] as never);
      const x = tetrahedron();
      return e.dim === x.length ? [e.value(x), e.gradient(x)] : e.dim;
    },
  },
  { name: "tetrahedron", valid: () => [1], call: (a) => tetrahedron(a[0] as never) },
  { name: "icosahedron13", valid: () => [0.96], call: (a) => icosahedron13(a[0] as never) },
  {
    name: "exactDivergence",
    valid: () => ["field", xs, 0.5],
    call: (a) => exactDivergence((a[0] === "field" ? field : a[0]) as never, a[1] as never, a[2] as never),
  },
  {
    name: "hutchinsonDivergence",
    valid: () => ["field", xs, 0.5, noise],
    call: (a) =>
      hutchinsonDivergence(
        (a[0] === "field" ? field : a[0]) as never,
        a[1] as never,
        a[2] as never,
        a[3] as never,
      ),
  },
  {
    name: "logProb",
    valid: () => [
      "field",
      [Float64Array.of(0.1, 0.2)],
      {
        prior: { kind: "standard", dim: 2 },
        ode: { steps: 3, method: "rk4" },
        divergence: { kind: "exact" },
        batchSize: 2,
      },
    ],
    call: (a) => logProb((a[0] === "field" ? field : a[0]) as never, a[1] as never, a[2] as never),
    runs: 25,
  },
  {
    name: "sample",
    valid: () => ["field", 2, { prior: { kind: "standard", dim: 2 }, ode: { steps: 3 }, seed: 1 }],
    call: (a) => sample((a[0] === "field" ? field : a[0]) as never, a[1] as never, a[2] as never),
    runs: 25,
  },
  {
    name: "mala",
    valid: () => [
      "wells",
      {
        beta: 1,
        stepSize: 0.1,
        chains: 2,
        burnIn: 2,
        thin: 1,
        samples: 2,
        init: () => Float64Array.of(0, 0),
        seed: 1,
      },
    ],
    call: (a) => {
      const r = mala((a[0] === "wells" ? gaussianWells(wells()) : a[0]) as never, a[1] as never);
      return [r.samples, r.acceptance];
    },
  },
  { name: "comFreeDim", valid: () => [layout()], call: (a) => comFreeDim(a[0] as never) },
  { name: "comFreeBasis", valid: () => [layout()], call: (a) => comFreeBasis(a[0] as never) },
  {
    name: "removeCenterOfMass",
    valid: () => [Float64Array.of(1, 2, 3, 4, 5, 6), layout()],
    call: (a) => removeCenterOfMass(a[0] as never, a[1] as never),
  },
  {
    name: "randomOrthogonalMatrix",
    valid: () => [2, 1, { proper: true }],
    call: (a) =>
      randomOrthogonalMatrix(
        a[0] as never,
        (typeof a[1] === "number" ? new Rng(a[1]) : a[1]) as never,
        a[2] as never,
      ),
  },
  {
    name: "actOnParticles",
    valid: () => [
      Float64Array.of(1, 2, 3, 4, 5, 6),
      layout(),
      Float64Array.of(0, -1, 1, 0),
      Int32Array.of(2, 0, 1),
      [1, 1],
    ],
    call: (a) => actOnParticles(...(a as [never, never, never, never, never])),
  },
  {
    name: "conjugateByParticleAction",
    valid: () => [
      Float64Array.from({ length: 36 }, (_, i) => (i % 7 === 0 ? 1 : 0)),
      layout(),
      Float64Array.of(0, -1, 1, 0),
      Int32Array.of(2, 0, 1),
    ],
    call: (a) => conjugateByParticleAction(...(a as [never, never, never, never])),
  },
  {
    name: "priorDim",
    valid: () => [{ kind: "com-free", layout: layout() }],
    call: (a) => priorDim(a[0] as never),
  },
  {
    name: "priorFreeDim",
    valid: () => [{ kind: "com-free", layout: layout() }],
    call: (a) => priorFreeDim(a[0] as never),
  },
  {
    name: "priorLogDensity",
    valid: () => [{ kind: "standard", dim: 2 }, [0.1, 0.2]],
    call: (a) => priorLogDensity(a[0] as never, a[1] as never),
  },
  {
    name: "samplePriorInto",
    valid: () => [{ kind: "standard", dim: 2 }, 1, new Float64Array(2)],
    call: (a) =>
      samplePriorInto(
        a[0] as never,
        (typeof a[1] === "number" ? new Rng(a[1]) : a[1]) as never,
        a[2] as never,
      ),
  },
  {
    name: "cosineLearningRate",
    valid: () => [3, 10, 1e-3, 1e-5],
    call: (a) => cosineLearningRate(...(a as [never, never, never, never])),
  },
  {
    name: "trainFlowMatching",
    valid: () => [
      "path",
      {
        steps: 2,
        batchSize: 4,
        learningRate: 1e-3,
        finalLearningRate: 1e-4,
        schedule: "cosine",
        seed: 1,
        progressEvery: 1,
      },
    ],
    call: (a) =>
      withField(
        () => mlpField({ dim: 2, hidden: [4], seed: 2 }),
        (f) =>
          trainFlowMatching(
            f,
            (a[0] === "path" ? independentPath(data(), { sigma: 0.1 }) : a[0]) as never,
            a[1] as never,
          ),
      ),
    runs: 25,
  },
];

describe("hi-fm public entry points under hostile input (fast-check)", () => {
  it("throw a DescentError naming the parameter or return finite numbers, leaking no tensor", async () => {
    const { tried, problems } = await checkEntries(entries, { extraValues: () => hostile });
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(entries.length * 30);
  }, 180_000);
});
