import {
  type CMatrix,
  cmatmul,
  Rng,
  randomComplexNormalMatrix,
  randomHermitian,
  randomUnitary,
} from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { grassmannRetract, horizontalProjection, transportH } from "./grassmann.js";
import { haarSubspace } from "./learn.js";
import { samplePoints } from "./sample-points.js";
import { sectionBasis } from "./section-basis.js";
import { sigma } from "./sigma-measure.js";

function maxAbs(A: CMatrix, identity = false): number {
  let m = 0;
  for (let i = 0; i < A.rows; i++)
    for (let j = 0; j < A.cols; j++) {
      const d = (A.re[i * A.cols + j] as number) - (identity && i === j ? 1 : 0);
      m = Math.max(m, Math.abs(d), Math.abs(A.im[i * A.cols + j] as number));
    }
  return m;
}

describe("Grassmannian geometry (docs/method.md §8)", () => {
  const rng = new Rng(2);
  const N = 15;
  const m = 8;
  const W = haarSubspace(N, m, 3);

  it("the QR retraction keeps W†W = I to 1e-12 and the horizontal projection gives W†ξ = 0", () => {
    const xi = horizontalProjection(W, randomComplexNormalMatrix(rng, N, m));
    expect(maxAbs(cmatmul(W, xi, { opA: "C" }))).toBeLessThan(1e-12);
    for (const alpha of [1e-3, 0.1, 1]) {
      const { W: Wn } = grassmannRetract(W, xi, alpha);
      expect(maxAbs(cmatmul(Wn, Wn, { opA: "C" }), true)).toBeLessThan(1e-12);
    }
  });

  it("h transport keeps W h W† unchanged to first order: ‖ΔH‖ = O(α²) relative to the step", () => {
    const h = randomHermitian(
      rng,
      Float64Array.from({ length: m }, () => 0.5 + rng.float()),
    ).A;
    const xi = horizontalProjection(W, randomComplexNormalMatrix(rng, N, m));
    const H0 = cmatmul(W, cmatmul(h, W, { opB: "C" }));
    const change = (alpha: number) => {
      const { W: Wn, R } = grassmannRetract(W, xi, alpha);
      const hn = transportH(h, R);
      const H1 = cmatmul(Wn, cmatmul(hn, Wn, { opB: "C" }));
      // first-order change of W h W† along −ξ, compared with the actual change
      const lin = cmatmul(xi, cmatmul(h, W, { opB: "C" }));
      const linT = cmatmul(W, cmatmul(h, xi, { opB: "C" }));
      let e = 0;
      for (let i = 0; i < H0.re.length; i++) {
        const dr =
          (H1.re[i] as number) -
          (H0.re[i] as number) +
          alpha * ((lin.re[i] as number) + (linT.re[i] as number));
        const di =
          (H1.im[i] as number) -
          (H0.im[i] as number) +
          alpha * ((lin.im[i] as number) + (linT.im[i] as number));
        e = Math.max(e, Math.hypot(dr, di));
      }
      return e;
    };
    // the residual after the linear term shrinks like α²
    expect(change(1e-3) / change(1e-2)).toBeLessThan(0.02);
  });

  it("σ of a subspace metric is invariant under (W, h) → (WU, U†hU) to 1e-9", () => {
    const cloud = samplePoints({ psi: 0.5, nPoints: 500, seed: 1 });
    const basis = sectionBasis(2);
    const h = randomHermitian(
      rng,
      Float64Array.from({ length: m }, () => 0.5 + rng.float()),
    ).A;
    const U = randomUnitary(rng, m);
    const WU = cmatmul(W, U);
    const hU = cmatmul(U, cmatmul(h, U), { opA: "C" });
    const a = sigma(cloud, basis, { W, h }).sigma;
    const b = sigma(cloud, basis, { W: WU, h: hU }).sigma;
    expect(Math.abs(a - b)).toBeLessThan(1e-9);
  });
});
