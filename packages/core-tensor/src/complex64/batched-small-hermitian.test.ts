import { describe, expect, it } from "vitest";
import { Rng } from "../rng.js";
import {
  batchedHermitianDeterminant,
  batchedHermitianInverse,
  batchedHermitianLdlPivots,
  blockGram,
  type CMatrixBatch,
} from "./batched-small-hermitian.js";
import { cmatmul } from "./cmatmul.js";
import { type CMatrix, cidentity, cmatrix } from "./cmatrix.js";
import { hermitianLogdet } from "./hermitian-cholesky.js";
import { randomComplexNormalMatrix, randomHermitian } from "./random-unitary.js";

function block(batch: CMatrixBatch, b: number): CMatrix {
  const nn = batch.size * batch.size;
  return cmatrix(
    batch.size,
    batch.size,
    batch.re.slice(b * nn, (b + 1) * nn),
    batch.im.slice(b * nn, (b + 1) * nn),
  );
}

function rowsOf(A: CMatrix, start: number, end: number): CMatrix {
  const c = A.cols;
  return cmatrix(end - start, c, A.re.slice(start * c, end * c), A.im.slice(start * c, end * c));
}

function conjugate(A: CMatrix): CMatrix {
  return cmatrix(
    A.rows,
    A.cols,
    A.re.slice(),
    A.im.map((v) => -v),
  );
}

function maxAbsDiff(A: CMatrix, B: CMatrix): number {
  let m = 0;
  for (let i = 0; i < A.re.length; i++) {
    m = Math.max(m, Math.abs((A.re[i] as number) - (B.re[i] as number)));
    m = Math.max(m, Math.abs((A.im[i] as number) - (B.im[i] as number)));
  }
  return m;
}

describe("batched small Hermitian kernels", () => {
  const rng = new Rng(3);
  const count = 5;
  const r = 4;
  const N = 9;
  const Y = randomComplexNormalMatrix(rng, count * r, N);
  const H = randomHermitian(
    rng,
    Float64Array.from({ length: N }, (_, i) => 1 + i),
  ).A;
  const G = blockGram(Y, cmatmul(Y, H, { opB: "T" }), r);

  it("blockGram with B = A·Hᵀ gives conj(Y_b)·H·Y_bᵀ for every block to 1e-12", () => {
    for (let b = 0; b < count; b++) {
      const Yb = rowsOf(Y, b * r, (b + 1) * r);
      const expected = cmatmul(conjugate(Yb), cmatmul(H, Yb, { opB: "T" }));
      expect(maxAbsDiff(block(G, b), expected)).toBeLessThan(1e-12);
    }
  });

  it("pivots are positive for positive definite blocks and their product equals the determinant", () => {
    const pivots = batchedHermitianLdlPivots(G);
    const det = batchedHermitianDeterminant(G);
    for (let b = 0; b < count; b++) {
      for (let i = 0; i < r; i++) expect(pivots[b * r + i]).toBeGreaterThan(0);
      const logdet = hermitianLogdet(block(G, b));
      expect(Math.abs(Math.log(det[b] as number) - logdet)).toBeLessThan(1e-12);
    }
  });

  it("a rank-deficient block has a zero or negative trailing pivot (determinant ≈ 0)", () => {
    // rows 0 and 1 of the block equal → Γ singular
    const Z = cmatrix(r, N, Y.re.slice(0, r * N), Y.im.slice(0, r * N));
    for (let a = 0; a < N; a++) {
      Z.re[N + a] = Z.re[a] as number;
      Z.im[N + a] = Z.im[a] as number;
    }
    const Gs = blockGram(Z, cmatmul(Z, H, { opB: "T" }), r);
    const det = batchedHermitianDeterminant(Gs)[0] as number;
    const scale = (Gs.re[0] as number) ** r;
    expect(Math.abs(det) / scale).toBeLessThan(1e-12);
  });

  it("batched inverse times the block is the identity to 1e-12", () => {
    const { inverse, pivots } = batchedHermitianInverse(G);
    expect(pivots.every((p) => p > 0)).toBe(true);
    for (let b = 0; b < count; b++) {
      const prod = cmatmul(block(inverse, b), block(G, b));
      expect(maxAbsDiff(prod, cidentity(r))).toBeLessThan(1e-12);
    }
  });

  it("rejects a batch shorter than size²·count, naming it", () => {
    expect(() =>
      batchedHermitianLdlPivots({ size: 4, count: 2, re: new Float64Array(16), im: new Float64Array(16) }),
    ).toThrow(/batch/);
  });
});
