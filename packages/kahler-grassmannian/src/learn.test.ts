import { cidentity, cmatmul } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { balancedMetric } from "./balanced-metric.js";
import {
  haarSubspace,
  type LearnHOptions,
  type LearnSubspaceOptions,
  learnH,
  learnSubspace,
  subspaceBalanced,
  subspaceTOperator,
} from "./learn.js";
import { samplePoints } from "./sample-points.js";
import { sectionBasis } from "./section-basis.js";
import { sigma } from "./sigma-measure.js";

describe("learning on subspaces (Method B, Baseline C)", () => {
  const train = samplePoints({ psi: 0, nPoints: 1500, seed: 1 });
  const val = samplePoints({ psi: 0, nPoints: 1500, seed: 2 });
  const basis = sectionBasis(2);

  it("the subspace T-operator satisfies tr(h·M(h)) = m, and W = I reproduces the full balanced metric", () => {
    const W = haarSubspace(basis.size, 8, 1);
    const h = subspaceBalanced(train, basis, W, { iterations: 2 });
    const P = cmatmul(h, subspaceTOperator(train, basis, W, h));
    let tr = 0;
    for (let i = 0; i < 8; i++) tr += P.re[i * 8 + i] as number;
    expect(Math.abs(tr - 8)).toBeLessThan(1e-10);
    const I = haarSubspace(basis.size, basis.size, 2); // a unitary: same subspace as the identity
    const full = balancedMetric(train, basis).H;
    const sub = subspaceBalanced(train, basis, I);
    expect(Math.abs(sigma(val, basis, { W: I, h: sub }).sigma - sigma(val, basis, full).sigma)).toBeLessThan(
      1e-6,
    );
  });

  it("Method B: the Armijo training loss never increases and ends below the random-subspace start", () => {
    const r = learnSubspace(train, basis, {
      method: "B",
      m: 8,
      seed: 3,
      steps: 6,
      validation: val,
      validationEvery: 6,
    });
    for (let i = 1; i < r.history.length; i++) {
      expect((r.history[i] as { trainLoss: number }).trainLoss).toBeLessThanOrEqual(
        (r.history[i - 1] as { trainLoss: number }).trainLoss,
      );
    }
    const first = r.history[0]?.valSigma as number;
    const last = r.history.at(-1)?.valSigma as number;
    expect(last).toBeLessThan(first);
  });

  it("Method A: the Armijo training loss never increases and the validation σ ends below the random-subspace start", () => {
    const r = learnSubspace(train, basis, {
      method: "A",
      m: 8,
      seed: 3,
      steps: 4,
      validation: val,
      validationEvery: 4,
    });
    for (let i = 1; i < r.history.length; i++) {
      expect((r.history[i] as { trainLoss: number }).trainLoss).toBeLessThanOrEqual(
        (r.history[i - 1] as { trainLoss: number }).trainLoss,
      );
    }
    expect(r.history.at(-1)?.valSigma as number).toBeLessThan(r.history[0]?.valSigma as number);
  });

  it("Baseline C: learning the full h from the balanced metric lowers σ on the training set monotonically", () => {
    const r = learnH(train, basis, { steps: 4 });
    for (let i = 1; i < r.history.length; i++) {
      expect((r.history[i] as { trainLoss: number }).trainLoss).toBeLessThanOrEqual(
        (r.history[i - 1] as { trainLoss: number }).trainLoss,
      );
    }
    expect(r.history.at(-1)?.trainLoss as number).toBeLessThan(r.history[0]?.trainLoss as number);
  });

  it("a run that stops early (no Armijo step decreases the loss) still ends with a validation σ", () => {
    // a huge first step and no halvings: the first search fails, so every run stops at step 1, which is not
    // a multiple of validationEvery
    const stuck = { steps: 40, stepLength: 1e9, maxBacktracks: 0, validation: val, validationEvery: 10 };
    for (const r of [
      learnSubspace(train, basis, { method: "A", m: 8, seed: 3, ...stuck }),
      learnSubspace(train, basis, { method: "B", m: 8, seed: 3, ...stuck }),
      learnH(train, basis, stuck),
    ]) {
      expect(r.history.length).toBe(2);
      expect(r.history[1]?.valSigma).toBeGreaterThan(0);
      expect(r.history[1]?.trainLoss).toBe(r.history[0]?.trainLoss);
    }
  });

  it("Method B, factor variant: Adam on H = LL† lowers the training loss, and the returned (W, h) is LL†", () => {
    const r = learnSubspace(train, basis, { method: "B", variant: "factor", m: 8, seed: 3, steps: 8 });
    const first = r.history[0]?.trainLoss as number;
    const last = r.history.at(-1)?.trainLoss as number;
    expect(r.history.length).toBe(9);
    expect(last).toBeLessThan(first);
    // the recorded last loss is the loss of the returned metric, so W·h·W† reproduces L·L†
    expect(Math.abs(sigma(train, basis, r.metric).sigma - last)).toBeLessThan(1e-10);
    const G = cmatmul(r.metric.W, r.metric.W, { opA: "C" });
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) {
        expect(Math.abs((G.re[i * 8 + j] as number) - (i === j ? 1 : 0))).toBeLessThan(1e-12);
        expect(Math.abs(G.im[i * 8 + j] as number)).toBeLessThan(1e-12);
      }
    }
    // same start as the fibre-bundle descent
    const fibre = learnSubspace(train, basis, { method: "B", m: 8, seed: 3, steps: 0 });
    expect(Math.abs((fibre.history[0]?.trainLoss as number) - first)).toBeLessThan(1e-10);
    expect(() => learnSubspace(train, basis, { method: "A", variant: "factor", m: 8 })).toThrow(/variant/);
    expect(() => learnSubspace(train, basis, { method: "B", variant: "x" as "factor", m: 8 })).toThrow(
      /variant/,
    );
    expect(() => learnSubspace(train, basis, { method: "B", m: 8, learningRate: 0 })).toThrow(/learningRate/);
  });

  it("rejects m outside 7 ≤ m < N_k or m = N_k, an unknown method and bad options, naming them", () => {
    expect(() => learnSubspace(train, basis, { method: "B", m: 6 })).toThrow(/m must/);
    expect(() => learnSubspace(train, basis, { method: "B", m: 16 })).toThrow(/m must/);
    expect(() => learnSubspace(train, basis, { method: "C" as "B", m: 8 })).toThrow(/method/);
    expect(() => learnSubspace(train, basis, { method: "B", m: 8, steps: -1 })).toThrow(/steps/);
    expect(() => learnH(train, basis, { stepLength: 0 })).toThrow(/stepLength/);
  });

  it("rejects unknown option keys with a did-you-mean hint, and accepts every documented one", () => {
    const misspelt = (o: object) => o as LearnSubspaceOptions;
    expect(() => learnSubspace(train, basis, misspelt({ method: "B", m: 8, learningRat: 1e-2 }))).toThrow(
      /learningRat is not an option; did you mean "learningRate"/,
    );
    expect(() => learnSubspace(train, basis, misspelt({ method: "B", m: 8, varient: "factor" }))).toThrow(
      /varient.*"variant"/,
    );
    // method and m belong to learnSubspace only
    expect(() => learnH(train, basis, { method: "B" } as LearnHOptions)).toThrow(/method is not an option/);
    const every: Required<LearnSubspaceOptions> = {
      steps: 0,
      loss: "sigma",
      stepLength: 0.5,
      maxBacktracks: 6,
      validation: val,
      validationEvery: 10,
      onProgress: () => {},
      signal: new AbortController().signal,
      method: "B",
      unrolledTSteps: 3,
      m: 8,
      init: "haar",
      seed: 3,
      balancedH: cidentity(basis.size),
      variant: "fibre",
      learningRate: 1e-2,
    };
    expect(learnSubspace(train, basis, every).history.length).toBe(1);
  });
});
