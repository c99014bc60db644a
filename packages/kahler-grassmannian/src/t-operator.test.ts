import { cmatmul, Rng, randomHermitian } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { samplePoints } from "./sample-points.js";
import { sectionBasis } from "./section-basis.js";
import { tOperator } from "./t-operator.js";

describe("T-operator M(H) = (N/V)·Σ (w/s†Hs)·ss† (docs/method.md §7)", () => {
  const cloud = samplePoints({ psi: 0.5, nPoints: 1500, seed: 3 });
  const basis = sectionBasis(2);
  const rng = new Rng(8);
  const H = randomHermitian(
    rng,
    Float64Array.from({ length: basis.size }, () => 0.3 + rng.float()),
  ).A;

  it("tr(H·M(H)) = N to 1e-12 for a random PD H", () => {
    const HM = cmatmul(H, tOperator(cloud, basis, H));
    let tr = 0;
    for (let i = 0; i < basis.size; i++) tr += HM.re[i * basis.size + i] as number;
    expect(Math.abs(tr - basis.size) / basis.size).toBeLessThan(1e-12);
  });

  it("is homogeneous of degree −1: M(λH) = M(H)/λ", () => {
    const M = tOperator(cloud, basis, H);
    const lam = 3.7;
    const Hs = { ...H, re: H.re.map((v) => v * lam), im: H.im.map((v) => v * lam) };
    const Ms = tOperator(cloud, basis, Hs);
    for (let i = 0; i < M.re.length; i++) {
      expect(Math.abs((Ms.re[i] as number) * lam - (M.re[i] as number))).toBeLessThan(1e-12);
      expect(Math.abs((Ms.im[i] as number) * lam - (M.im[i] as number))).toBeLessThan(1e-12);
    }
  });

  it("is Hermitian and independent of the chunk size up to rounding", () => {
    const a = tOperator(cloud, basis, H, { chunkPoints: 100 });
    const b = tOperator(cloud, basis, H, { chunkPoints: 4096 });
    const N = basis.size;
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < N; j++) {
        expect(a.re[i * N + j]).toBe(a.re[j * N + i]);
        expect((a.im[i * N + j] as number) + (a.im[j * N + i] as number)).toBe(0);
        expect(Math.abs((a.re[i * N + j] as number) - (b.re[i * N + j] as number))).toBeLessThan(1e-12);
      }
    }
  });
});
