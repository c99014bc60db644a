import { cidentity, cmatrix } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { checkEntries, type HostileInputEntry as Entry } from "../../../tooling/vitest/hostile-input.js";
import {
  affineInvariantStep,
  ambientH,
  balancedMetric,
  diagonalH,
  dworkGradient,
  dworkValue,
  etaRatios,
  evaluateJets,
  evaluateSections,
  fillLocalFrame,
  fubiniStudyDiagonal,
  grassmannRetract,
  haarSubspace,
  hermitianFunction,
  horizontalProjection,
  learnH,
  learnSubspace,
  lineCoefficients,
  localIndices,
  lossGradient,
  maL2Loss,
  maL2OfRatios,
  metricAt,
  polynomialRoots,
  Quintic,
  samplePoints,
  sectionBasis,
  sectionCount,
  sigma,
  sigmaOfRatios,
  spectralSubspace,
  subspaceBalanced,
  subspaceTOperator,
  symmetriseToTrace,
  tOperator,
  transportH,
  unrolledH,
  unrolledLoss,
  unrolledObjective,
} from "./index.js";

// Shared inputs: 40 points on the Fermat quintic, the k = 2 basis (15 sections), an 8-dim subspace.
const cloud = samplePoints({ psi: 0, nPoints: 40, seed: 1 });
const basis = sectionBasis(2);
const N = basis.size;
const W = () => haarSubspace(N, 8, 1);
const h = () => cidentity(8);
const H = () => cidentity(N);
const isCloud = (a: unknown) => (a === "cloud" ? cloud : a) as never;
const isBasis = (a: unknown) => (a === "basis" ? basis : a) as never;
const hostile = () => [
  cmatrix(2, 2, Float64Array.of(1, Number.NaN, 0, 1)), // NaN entry
  cmatrix(N, N, new Float64Array(N * N)), // zero (singular) matrix
  cmatrix(3, 4), // wrong shape
  { rows: 2, cols: 2, re: new Float64Array(3), im: new Float64Array(4) }, // inconsistent parts
  { ...cloud, n: 1000 }, // a cloud that claims more points than it has
  { ...cloud, weight: new Float64Array(40).fill(Number.NaN) }, // NaN weights
  { k: 1, size: 99, exps: new Uint8Array(5) }, // an inconsistent basis
  Float64Array.of(1, Number.NaN),
];

const entries: Entry[] = [
  { name: "sectionCount", valid: () => [2], call: (a) => sectionCount(a[0] as never) },
  {
    name: "sectionBasis",
    valid: () => [2, { reduced: true }],
    call: (a) => sectionBasis(a[0] as never, a[1] as never).size,
  },
  { name: "fubiniStudyDiagonal", valid: () => ["basis"], call: (a) => fubiniStudyDiagonal(isBasis(a[0])) },
  {
    name: "samplePoints",
    valid: () => [{ psi: { re: 0.5, im: 0.1 }, nPoints: 6, seed: 2 }],
    call: (a) => {
      const c = samplePoints(a[0] as never);
      return [c.weight, c.zRe, c.absDQe2];
    },
    runs: 25,
  },
  {
    name: "lineCoefficients",
    valid: () => [
      Float64Array.from({ length: 20 }, (_, i) => Math.sin(i)),
      { re: 0, im: 0 },
      new Float64Array(6),
      new Float64Array(6),
    ],
    call: (a) => {
      lineCoefficients(...(a as [never, never, never, never]));
      return [a[2], a[3]];
    },
  },
  {
    name: "polynomialRoots",
    valid: () => [
      Float64Array.of(-1, 0, 1),
      new Float64Array(3),
      new Float64Array(2),
      new Float64Array(2),
      { maxSweeps: 50 },
    ],
    call: (a) => {
      const ok = polynomialRoots(...(a as [never, never, never, never, never]));
      return [ok, a[2], a[3]];
    },
  },
  { name: "Quintic", valid: () => [{ re: 1, im: 0.5 }], call: (a) => new Quintic(a[0] as never).isSingular },
  {
    name: "dworkValue",
    valid: () => [Float64Array.of(1, 0.5, 0.2, 0.1, 0.3), new Float64Array(5), 0, { re: 0, im: 0 }],
    call: (a) => dworkValue(...(a as [never, never, never, never])),
  },
  {
    name: "dworkGradient",
    valid: () => [
      Float64Array.of(1, 0.5, 0.2, 0.1, 0.3),
      new Float64Array(5),
      0,
      { re: 0, im: 0 },
      new Float64Array(5),
      new Float64Array(5),
    ],
    call: (a) => {
      dworkGradient(...(a as [never, never, never, never, never, never]));
      return [a[4], a[5]];
    },
  },
  { name: "localIndices", valid: () => [0, 1], call: (a) => localIndices(a[0] as never, a[1] as never) },
  {
    name: "fillLocalFrame",
    valid: () => [
      Float64Array.of(1, 0.5, 0.2, 0.1, 0.3),
      new Float64Array(5),
      0,
      { re: 0, im: 0 },
      "fresh",
      0,
      { patch: 0 },
    ],
    call: (a) => {
      const out = a[4] === "fresh" ? samplePoints({ psi: 0, nPoints: 1, seed: 3 }) : a[4];
      fillLocalFrame(
        a[0] as never,
        a[1] as never,
        a[2] as never,
        a[3] as never,
        out as never,
        a[5] as never,
        a[6] as never,
      );
      const o = out as { dzeRe: Float64Array; absDQe2: Float64Array };
      const i = a[5] as number;
      return [o.dzeRe.subarray(3 * i, 3 * i + 3), o.absDQe2[i]];
    },
  },
  {
    name: "evaluateSections",
    valid: () => ["cloud", "basis", 0, 5],
    call: (a) => evaluateSections(isCloud(a[0]), isBasis(a[1]), a[2] as never, a[3] as never),
  },
  {
    name: "evaluateJets",
    valid: () => ["cloud", "basis", 0, 5],
    call: (a) => evaluateJets(isCloud(a[0]), isBasis(a[1]), a[2] as never, a[3] as never),
  },
  {
    name: "tOperator",
    valid: () => ["cloud", "basis", H(), { chunkPoints: 16 }],
    call: (a) => tOperator(isCloud(a[0]), isBasis(a[1]), a[2] as never, a[3] as never),
  },
  {
    name: "balancedMetric",
    valid: () => ["cloud", "basis", { iterations: 3, tolerance: 1e-12, init: "fs", chunkPoints: 16 }],
    call: (a) => balancedMetric(isCloud(a[0]), isBasis(a[1]), a[2] as never),
  },
  {
    name: "symmetriseToTrace",
    valid: () => [H()],
    call: (a) => {
      const r = symmetriseToTrace(a[0] as never); // in place: return the matrix's own fields only
      return [r.re, r.im];
    },
  },
  {
    name: "ambientH",
    valid: () => [{ W: W(), h: h() }, "basis"],
    call: (a) => ambientH(a[0] as never, isBasis(a[1])),
  },
  { name: "diagonalH", valid: () => [Float64Array.of(1, 2, 3)], call: (a) => diagonalH(a[0] as never) },
  {
    name: "etaRatios",
    valid: () => ["cloud", "basis", H(), { chunkPoints: 16 }],
    call: (a) => etaRatios(isCloud(a[0]), isBasis(a[1]), a[2] as never, a[3] as never),
  },
  {
    name: "metricAt",
    valid: () => ["cloud", "basis", H(), 3],
    call: (a) => metricAt(isCloud(a[0]), isBasis(a[1]), a[2] as never, a[3] as never),
  },
  {
    name: "sigma",
    valid: () => ["cloud", "basis", H(), { chunkPoints: 16 }],
    call: (a) => sigma(isCloud(a[0]), isBasis(a[1]), a[2] as never, a[3] as never),
  },
  {
    name: "maL2Loss",
    valid: () => ["cloud", "basis", H(), {}],
    call: (a) => maL2Loss(isCloud(a[0]), isBasis(a[1]), a[2] as never, a[3] as never),
  },
  {
    name: "sigmaOfRatios",
    valid: () => [Float64Array.of(1, 1.1, 0.9), Float64Array.of(1, 1, 1)],
    call: (a) => sigmaOfRatios(a[0] as never, a[1] as never),
  },
  {
    name: "maL2OfRatios",
    valid: () => [Float64Array.of(1, 1.1, 0.9), Float64Array.of(1, 1, 1)],
    call: (a) => maL2OfRatios(a[0] as never, a[1] as never),
  },
  {
    name: "lossGradient",
    valid: () => ["cloud", "basis", { W: W(), h: h() }, "sigma", { chunkPoints: 16 }],
    call: (a) => lossGradient(isCloud(a[0]), isBasis(a[1]), a[2] as never, a[3] as never, a[4] as never),
  },
  {
    name: "horizontalProjection",
    valid: () => [W(), haarSubspace(N, 8, 2)],
    call: (a) => horizontalProjection(a[0] as never, a[1] as never),
  },
  {
    name: "grassmannRetract",
    valid: () => [W(), haarSubspace(N, 8, 2), 0.1],
    call: (a) => grassmannRetract(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "transportH",
    valid: () => [h(), cidentity(8)],
    call: (a) => transportH(a[0] as never, a[1] as never),
  },
  {
    name: "hermitianFunction",
    valid: () => [h(), Math.sqrt],
    call: (a) => hermitianFunction(a[0] as never, a[1] as never),
  },
  {
    name: "affineInvariantStep",
    valid: () => [h(), h(), 0.1],
    call: (a) => affineInvariantStep(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "haarSubspace",
    valid: () => [5, 3, 1],
    call: (a) => haarSubspace(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "spectralSubspace",
    valid: () => [H(), 8],
    call: (a) => spectralSubspace(a[0] as never, a[1] as never),
  },
  {
    name: "subspaceTOperator",
    valid: () => ["cloud", "basis", W(), h()],
    call: (a) => subspaceTOperator(isCloud(a[0]), isBasis(a[1]), a[2] as never, a[3] as never),
  },
  {
    name: "subspaceBalanced",
    valid: () => ["cloud", "basis", W(), { iterations: 3, tolerance: 1e-10, h0: h() }],
    call: (a) => subspaceBalanced(isCloud(a[0]), isBasis(a[1]), a[2] as never, a[3] as never),
  },
  {
    name: "unrolledH",
    valid: () => ["cloud", "basis", W(), h(), 2],
    call: (a) => unrolledH(isCloud(a[0]), isBasis(a[1]), a[2] as never, a[3] as never, a[4] as never),
  },
  {
    name: "unrolledLoss",
    valid: () => ["cloud", "basis", W(), h(), 2, "sigma"],
    call: (a) =>
      unrolledLoss(isCloud(a[0]), isBasis(a[1]), a[2] as never, a[3] as never, a[4] as never, a[5] as never),
  },
  {
    name: "unrolledObjective",
    valid: () => ["cloud", "basis", W(), h(), 2, "ma-l2"],
    call: (a) =>
      unrolledObjective(
        isCloud(a[0]),
        isBasis(a[1]),
        a[2] as never,
        a[3] as never,
        a[4] as never,
        a[5] as never,
      ),
  },
  {
    name: "learnSubspace",
    valid: () => [
      "cloud",
      "basis",
      { method: "B", m: 8, seed: 1, steps: 2, stepLength: 0.1, maxBacktracks: 3 },
    ],
    call: (a) => learnSubspace(isCloud(a[0]), isBasis(a[1]), a[2] as never),
    runs: 25,
  },
  {
    name: "learnH",
    valid: () => ["cloud", "basis", { steps: 2, loss: "ma-l2", validationEvery: 1 }],
    call: (a) => learnH(isCloud(a[0]), isBasis(a[1]), a[2] as never),
    runs: 25,
  },
];

describe("kahler-grassmannian public entry points under hostile input (fast-check)", () => {
  it("throw a DescentError naming the parameter or return finite numbers", async () => {
    const { tried, problems } = await checkEntries(entries, { extraValues: hostile });
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(entries.length * 30);
  }, 180_000);
});
