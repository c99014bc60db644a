import { afterEach, describe, expect, it } from "vitest";
import { cmatmul } from "../complex64/cmatmul.js";
import type { CMatrix } from "../complex64/cmatrix.js";
import { hermitianGram, hermitianRankKUpdate } from "../complex64/hermitian-rank-k.js";
import { randomComplexNormalMatrix } from "../complex64/random-unitary.js";
import { DescentError } from "../errors.js";
import { cholesky, choleskySolve, choleskyWithJitter, inverseSpd } from "../linalg64/cholesky.js";
import { gramRows, matmul, weightedGram } from "../linalg64/matmul.js";
import type { Matrix64 } from "../linalg64/matrix.js";
import { randomNormalMatrix } from "../linalg64/random-matrix.js";
import { solveTriangular } from "../linalg64/triangular-solve.js";
import { Rng } from "../rng.js";
import { float64Kernels, initFloat64Kernels, useFloat64Kernels } from "./float64-kernels.js";

// The plain-TypeScript kernels are the reference: each public function is run with the kernels
// switched to "ts" and to "wasm" on the same seeded input, over odd sizes that exercise the edge
// tiles (1, 2, 3, 7, 17), block boundaries (64, 129) and several k-blocks (300).

afterEach(() => useFloat64Kernels("wasm"));

function both<T>(f: () => T): { ts: T; wasm: T } {
  useFloat64Kernels("ts");
  const ts = f();
  useFloat64Kernels("wasm");
  expect(float64Kernels()).toBe("wasm");
  return { ts, wasm: f() };
}

/** max |a − b| / max |b|. */
function relDiff(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs((a[i] as number) - (b[i] as number)));
    den = Math.max(den, Math.abs(b[i] as number));
  }
  return den === 0 ? num : num / den;
}

function spd(seed: number, n: number): Matrix64 {
  const X = randomNormalMatrix(seed, n + 3, n);
  const S = matmul(X, X, { transA: true });
  for (let i = 0; i < n; i++) S.data[i * n + i] = (S.data[i * n + i] as number) + 1;
  return S;
}

const sizes = [1, 2, 3, 7, 17, 64, 129, 300];

describe("float64 wasm kernels against the TypeScript kernels", () => {
  it("loads with SIMD in Node and reports the backend; the switch forces TypeScript", async () => {
    useFloat64Kernels("wasm");
    expect(await initFloat64Kernels()).toBe("wasm");
    useFloat64Kernels("ts");
    expect(float64Kernels()).toBe("ts");
    expect(await initFloat64Kernels()).toBe("ts");
    useFloat64Kernels("wasm");
    expect(float64Kernels()).toBe("wasm");
    expect(() => useFloat64Kernels("gpu" as "ts")).toThrow(TypeError);
  });

  it.each(sizes)("matmul agrees to 1e-13 at n = %i, all transpose flags, non-square", (n) => {
    const m = n + 2;
    const p = Math.max(1, n - 1);
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        const A = transA ? randomNormalMatrix(n, p, m) : randomNormalMatrix(n, m, p);
        const B = transB ? randomNormalMatrix(n + 1, n, p) : randomNormalMatrix(n + 1, p, n);
        const r = both(() => matmul(A, B, { transA, transB }));
        expect([r.wasm.rows, r.wasm.cols]).toEqual([m, n]);
        expect(relDiff(r.wasm.data, r.ts.data)).toBeLessThan(1e-13);
      }
    }
  });

  it.each(sizes)("weightedGram and gramRows agree to 1e-13 and are symmetric at d = %i", (d) => {
    const rows = 2 * d + 5;
    const X = randomNormalMatrix(d + 7, rows, d);
    const rng = new Rng(d);
    const w = Float64Array.from({ length: rows }, () => rng.uniform() - 0.2);
    const v = Float64Array.from({ length: d }, () => rng.uniform() + 0.1);
    for (const [f, label] of [
      [() => weightedGram(X, w), "XᵀWX"],
      [() => weightedGram(X), "XᵀX"],
      [() => gramRows(X, v), "XVXᵀ"],
    ] as const) {
      const r = both(f);
      expect(relDiff(r.wasm.data, r.ts.data), label).toBeLessThan(1e-13);
      const g = r.wasm;
      let asymmetry = 0;
      for (let i = 0; i < g.rows; i++)
        for (let j = 0; j < i; j++)
          asymmetry = Math.max(
            asymmetry,
            Math.abs((g.data[i * g.cols + j] as number) - (g.data[j * g.cols + i] as number)),
          );
      expect(asymmetry, label).toBe(0);
    }
  });

  it.each(sizes)("cholesky, choleskySolve and inverseSpd agree to 1e-12 at n = %i", (n) => {
    const A = spd(n, n);
    const L = both(() => cholesky(A));
    expect(relDiff(L.wasm.data, L.ts.data)).toBeLessThan(1e-13);
    let above = 0;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) above = Math.max(above, Math.abs(L.wasm.data[i * n + j] as number));
    expect(above).toBe(0);
    const B = randomNormalMatrix(n + 2, n, 5);
    const X = both(() => choleskySolve(L.ts, B));
    expect(relDiff(X.wasm.data, X.ts.data)).toBeLessThan(1e-12);
    if (n <= 129) {
      const inv = both(() => inverseSpd(A));
      expect(relDiff(inv.wasm.data, inv.ts.data)).toBeLessThan(1e-12);
    }
  });

  it("cholesky reports the same failing pivot and jitter as the TypeScript kernel", () => {
    const n = 70;
    const A = spd(3, n);
    A.data[40 * n + 40] = -5;
    const err = both(() => {
      try {
        cholesky(A);
      } catch (e) {
        return e;
      }
      return null;
    });
    expect(err.wasm).toBeInstanceOf(DescentError);
    // Same row; the pivot value itself may differ in the last bits (other summation order).
    const pivot = (e: unknown) => /at row (\d+) is (\S+)/.exec((e as DescentError).message);
    const [ts, wasm] = [pivot(err.ts), pivot(err.wasm)];
    expect(wasm?.[1]).toBe("40");
    expect(wasm?.[1]).toBe(ts?.[1]);
    expect(Number(wasm?.[2])).toBeCloseTo(Number(ts?.[2]), 8);
    const jit = both(() => choleskyWithJitter(A, { jitter: 1e-3, maxJitterRetries: 8 }));
    expect(jit.wasm.jitterAdded).toBe(jit.ts.jitterAdded);
    expect(relDiff(jit.wasm.L.data, jit.ts.L.data)).toBeLessThan(1e-12);
  });

  it.each(sizes)("solveTriangular with a matrix right-hand side agrees to 1e-12 at n = %i", (n) => {
    // A well-conditioned triangle: the Cholesky factor of an SPD matrix.
    const L = cholesky(spd(n + 11, n));
    const U = { rows: n, cols: n, data: new Float64Array(n * n) };
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) U.data[i * n + j] = L.data[j * n + i] as number;
    const B = randomNormalMatrix(n, n, 9);
    for (const lower of [true, false]) {
      for (const transpose of [false, true]) {
        for (const unitDiagonal of [false, true]) {
          if (unitDiagonal && n > 17) continue; // unit triangles of a Cholesky factor are ill-conditioned
          const T = lower ? L : U;
          const r = both(() => solveTriangular(T, B, { lower, transpose, unitDiagonal }));
          expect(relDiff(r.wasm.data, r.ts.data)).toBeLessThan(1e-12);
        }
      }
    }
  });

  it.each(sizes)("cmatmul agrees to 1e-13 for every op pair at n = %i", (n) => {
    const m = n + 1;
    const p = n + 2;
    const ops = ["N", "T", "C"] as const;
    for (const opA of ops) {
      for (const opB of ops) {
        if (n === 300 && opA !== opB) continue; // keep the largest size to the diagonal pairs
        const A = opA === "N" ? randomComplexNormalMatrix(n, m, p) : randomComplexNormalMatrix(n, p, m);
        const B =
          opB === "N" ? randomComplexNormalMatrix(n + 3, p, n) : randomComplexNormalMatrix(n + 3, n, p);
        const r = both(() => cmatmul(A, B, { opA, opB }));
        expect(relDiff(r.wasm.re, r.ts.re)).toBeLessThan(1e-13);
        expect(relDiff(r.wasm.im, r.ts.im)).toBeLessThan(1e-13);
      }
    }
  });

  it.each(sizes)("hermitianGram and hermitianRankKUpdate agree to 1e-13 at N = %i", (N) => {
    const k = 2 * N + 3;
    const Z = randomComplexNormalMatrix(N + 5, k, N);
    const rng = new Rng(N + 9);
    const w = Float64Array.from({ length: k }, () => rng.uniform());
    const G = both(() => hermitianGram(Z, w));
    expect(relDiff(G.wasm.re, G.ts.re)).toBeLessThan(1e-13);
    expect(relDiff(G.wasm.im, G.ts.im)).toBeLessThan(1e-13);
    const start = (): CMatrix => hermitianGram(randomComplexNormalMatrix(1, 3, N));
    const M = both(() => hermitianRankKUpdate(start(), Z));
    expect(relDiff(M.wasm.re, M.ts.re)).toBeLessThan(1e-13);
    expect(relDiff(M.wasm.im, M.ts.im)).toBeLessThan(1e-13);
    // Exactly Hermitian: Re symmetric, Im antisymmetric, bit for bit.
    let defect = 0;
    for (let a = 0; a < N; a++) {
      for (let b = 0; b < N; b++) {
        defect = Math.max(
          defect,
          Math.abs((M.wasm.re[a * N + b] as number) - (M.wasm.re[b * N + a] as number)),
        );
        defect = Math.max(
          defect,
          Math.abs((M.wasm.im[a * N + b] as number) + (M.wasm.im[b * N + a] as number)),
        );
      }
    }
    expect(defect).toBe(0);
  });
});
