import { describe, expect, it } from "vitest";
import { cmatmul } from "./cmatmul.js";
import { cmatrix } from "./cmatrix.js";
import { hermitianGram, hermitianRankKUpdate } from "./hermitian-rank-k.js";
import { randomComplexNormalMatrix } from "./random-unitary.js";

describe("hermitianRankKUpdate", () => {
  it("adds Σ wᵢ zᵢzᵢᴴ, equal to Zᵀ·diag(w)·conj(Z) by cmatmul, and keeps M Hermitian", () => {
    const k = 37;
    const N = 21;
    const Z = randomComplexNormalMatrix(1, k, N);
    const w = Float64Array.from({ length: k }, (_, i) => 0.2 + (i % 5));
    const M0 = hermitianGram(randomComplexNormalMatrix(2, 3, N));
    const M = hermitianRankKUpdate({ ...M0, re: M0.re.slice(), im: M0.im.slice() }, Z, w);
    const WZ = cmatrix(
      k,
      N,
      Z.re.map((v, t) => v * (w[Math.floor(t / N)] as number)),
      Z.im.map((v, t) => v * (w[Math.floor(t / N)] as number)),
    );
    // (Σ wᵢ zᵢ zᵢᴴ)_{αβ} = Σ wᵢ Z_iα conj(Z_iβ) = (Zᵀ·W·conj(Z))_{αβ} = ((WZ)ᵀ · conj(Z)).
    const conjZ = cmatrix(
      k,
      N,
      Z.re.slice(),
      Z.im.map((v) => -v),
    );
    const ref = cmatmul(WZ, conjZ, { opA: "T" });
    for (let t = 0; t < N * N; t++) {
      expect(Math.abs((M.re[t] as number) - (M0.re[t] as number) - (ref.re[t] as number))).toBeLessThan(
        1e-12,
      );
      expect(Math.abs((M.im[t] as number) - (M0.im[t] as number) - (ref.im[t] as number))).toBeLessThan(
        1e-12,
      );
    }
    for (let a = 0; a < N; a++)
      for (let b = 0; b < N; b++) {
        expect(M.re[a * N + b]).toBe(M.re[b * N + a]);
        expect(M.im[a * N + b] === -(M.im[b * N + a] as number)).toBe(true);
      }
  });

  it("a single vector z = (1, i) gives [[1, −i], [i, 1]]", () => {
    const z = cmatrix(1, 2, Float64Array.from([1, 0]), Float64Array.from([0, 1]));
    const M = hermitianGram(z);
    expect(Array.from(M.re)).toEqual([1, 0, 0, 1]);
    expect(Array.from(M.im)).toEqual([0, -1, 1, 0]);
  });

  it("rejects a wrong-sized M or w", () => {
    const Z = cmatrix(3, 2);
    expect(() => hermitianRankKUpdate(cmatrix(3, 3), Z)).toThrow(/M must be 2×2/);
    expect(() => hermitianGram(Z, new Float64Array(2))).toThrow(/w must have length 3/);
  });

  it("rejects NaN in Z", () => {
    const Z = cmatrix(1, 1, Float64Array.from([Number.NaN]));
    expect(() => hermitianGram(Z)).toThrow(/Z must contain only finite values/);
  });
});
