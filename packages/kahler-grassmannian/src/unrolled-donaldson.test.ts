import { type CMatrix, cmatmul, Rng, randomComplexNormalMatrix, randomUnitary } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { haarSubspace, subspaceBalanced } from "./learn.js";
import { samplePoints } from "./sample-points.js";
import { sectionBasis } from "./section-basis.js";
import { unrolledLoss, unrolledObjective } from "./unrolled-donaldson.js";

function axpy(A: CMatrix, D: CMatrix, t: number): CMatrix {
  return {
    rows: A.rows,
    cols: A.cols,
    re: A.re.map((v, i) => v + t * (D.re[i] as number)),
    im: A.im.map((v, i) => v + t * (D.im[i] as number)),
  };
}

describe("Method A objective: gradient through unrolled T-steps", () => {
  const cloud = samplePoints({ psi: 0.5, nPoints: 500, seed: 14 });
  const basis = sectionBasis(2);
  const m = 8;
  const W = haarSubspace(basis.size, m, 5);
  const h0 = subspaceBalanced(cloud, basis, W, { iterations: 2 });
  const rng = new Rng(6);

  for (const K of [1, 3]) {
    for (const loss of ["ma-l2", "sigma"] as const) {
      it(`∇_W of ${loss} through K = ${K} unrolled T-steps agrees with central differences (step 1e-6) to 1e-6`, () => {
        const g = unrolledObjective(cloud, basis, W, h0, K, loss);
        expect(Math.abs(g.loss - unrolledLoss(cloud, basis, W, h0, K, loss).loss)).toBeLessThan(1e-12);
        const dW = randomComplexNormalMatrix(rng, basis.size, m);
        const step = 1e-6;
        const fd =
          (unrolledLoss(cloud, basis, axpy(W, dW, step), h0, K, loss).loss -
            unrolledLoss(cloud, basis, axpy(W, dW, -step), h0, K, loss).loss) /
          (2 * step);
        let an = 0;
        for (let i = 0; i < dW.re.length; i++) {
          an +=
            (g.gradW.re[i] as number) * (dW.re[i] as number) +
            (g.gradW.im[i] as number) * (dW.im[i] as number);
        }
        expect(Math.abs(fd - an) / Math.max(1e-3, Math.abs(fd))).toBeLessThan(1e-6);
      });
    }
  }

  it("the objective depends only on the subspace: W → WU with h₀ → U†h₀U leaves it unchanged to 1e-9", () => {
    const U = randomUnitary(rng, m);
    const a = unrolledLoss(cloud, basis, W, h0, 3, "sigma").loss;
    const b = unrolledLoss(
      cloud,
      basis,
      cmatmul(W, U),
      cmatmul(U, cmatmul(h0, U), { opA: "C" }),
      3,
      "sigma",
    ).loss;
    expect(Math.abs(a - b)).toBeLessThan(1e-9);
  });
});
