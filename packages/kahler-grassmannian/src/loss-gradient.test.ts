import {
  type CMatrix,
  complexQr,
  Rng,
  randomComplexNormalMatrix,
  randomHermitian,
} from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { lossGradient, type MetricLoss } from "./loss-gradient.js";
import { samplePoints } from "./sample-points.js";
import { sectionBasis } from "./section-basis.js";
import { maL2Loss, sigma } from "./sigma-measure.js";

function axpy(A: CMatrix, D: CMatrix, t: number): CMatrix {
  return {
    rows: A.rows,
    cols: A.cols,
    re: A.re.map((v, i) => v + t * (D.re[i] as number)),
    im: A.im.map((v, i) => v + t * (D.im[i] as number)),
  };
}

function reInner(G: CMatrix, D: CMatrix): number {
  // Re tr(G† D)
  let s = 0;
  for (let i = 0; i < G.re.length; i++)
    s += (G.re[i] as number) * (D.re[i] as number) + (G.im[i] as number) * (D.im[i] as number);
  return s;
}

function hermitianPart(D: CMatrix): CMatrix {
  const n = D.rows;
  const out = { rows: n, cols: n, re: new Float64Array(n * n), im: new Float64Array(n * n) };
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      out.re[i * n + j] = 0.5 * ((D.re[i * n + j] as number) + (D.re[j * n + i] as number));
      out.im[i * n + j] = 0.5 * ((D.im[i * n + j] as number) - (D.im[j * n + i] as number));
    }
  return out;
}

describe("lossGradient: Wirtinger gradients of σ̂ and L₂ against central differences", () => {
  const cloud = samplePoints({ psi: 0.5, nPoints: 600, seed: 12 });
  const basis = sectionBasis(2);
  const rng = new Rng(4);
  const m = 9;
  const W = complexQr(randomComplexNormalMatrix(rng, basis.size, m)).Q;
  const h = randomHermitian(
    rng,
    Float64Array.from({ length: m }, () => 0.5 + rng.float()),
  ).A;

  for (const loss of ["ma-l2", "sigma"] as MetricLoss[]) {
    const value = (Wx: CMatrix, hx: CMatrix) =>
      loss === "sigma"
        ? sigma(cloud, basis, { W: Wx, h: hx }).sigma
        : maL2Loss(cloud, basis, { W: Wx, h: hx });

    it(`${loss}: the loss value matches the metric's, and ∇_h, ∇_W agree with central differences (step 1e-6) to 1e-6`, () => {
      const g = lossGradient(cloud, basis, { W, h }, loss, { chunkPoints: 128 });
      expect(Math.abs(g.loss - value(W, h))).toBeLessThan(1e-12);
      const step = 1e-6;
      for (let trial = 0; trial < 2; trial++) {
        const dh = hermitianPart(randomComplexNormalMatrix(rng, m, m));
        // tr(Λ dh) for Hermitian Λ, dh equals Re tr(Λ† dh)
        const fdH = (value(W, axpy(h, dh, step)) - value(W, axpy(h, dh, -step))) / (2 * step);
        expect(Math.abs(fdH - reInner(g.gradH, dh)) / Math.max(1e-3, Math.abs(fdH))).toBeLessThan(1e-6);
        const dW = randomComplexNormalMatrix(rng, basis.size, m);
        const fdW = (value(axpy(W, dW, step), h) - value(axpy(W, dW, -step), h)) / (2 * step);
        expect(Math.abs(fdW - reInner(g.gradW, dW)) / Math.max(1e-3, Math.abs(fdW))).toBeLessThan(1e-6);
      }
    });
  }

  it("rejects a metric whose shapes do not match the basis, naming metric", () => {
    expect(() => lossGradient(cloud, basis, { W: randomComplexNormalMatrix(rng, 5, 3), h })).toThrow(
      /metric/,
    );
  });
});
