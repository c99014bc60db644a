import { describe, expect, it } from "vitest";
import { DescentError } from "../errors.js";
import { useFloat64Kernels } from "../wasm64/float64-kernels.js";
import { matvec, matvecT, weightedGram } from "./matmul.js";
import { randomNormalMatrix } from "./random-matrix.js";
import { residentMatrix } from "./resident-matrix.js";

const shapes: [number, number][] = [
  [1, 1],
  [3, 5],
  [33, 32],
  [64, 17],
  [1000, 100],
  [7, 301],
  [130, 130],
];

describe("residentMatrix: repeated products with a snapshot of A", () => {
  it.each(shapes)("wasm and TS snapshots are bitwise equal to matvec/matvecT at %i×%i", (m, n) => {
    const A = randomNormalMatrix(m + 2 * n, m, n);
    const x = randomNormalMatrix(m, n, 1).data;
    const z = randomNormalMatrix(n, m, 1).data;
    for (const backend of ["wasm", "ts"] as const) {
      useFloat64Kernels(backend);
      const R = residentMatrix(A);
      useFloat64Kernels("wasm");
      expect(R.backend).toBe(backend === "ts" || m * n < 1024 ? "ts" : "wasm");
      for (let rep = 0; rep < 2; rep++) {
        expect(Array.from(R.matvec(x))).toEqual(Array.from(matvec(A, x)));
        expect(Array.from(R.matvecT(z))).toEqual(Array.from(matvecT(A, z)));
      }
      const out = new Float64Array(m).fill(Number.NaN);
      expect(R.matvec(x, out)).toBe(out);
      expect(Array.from(out)).toEqual(Array.from(matvec(A, x)));
    }
  });

  it("keeps the snapshot when A changes afterwards", () => {
    const A = randomNormalMatrix(5, 40, 40);
    const x = randomNormalMatrix(6, 40, 1).data;
    const before = matvec(A, x);
    const R = residentMatrix(A);
    A.data.fill(0);
    expect(Array.from(R.matvec(x))).toEqual(Array.from(before));
  });

  it("rejects wrong lengths and out aliasing x, naming the parameter", () => {
    const R = residentMatrix(randomNormalMatrix(1, 40, 30));
    const bad = (f: () => unknown, parameter: string) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(DescentError);
        expect((e as DescentError).parameter).toBe(parameter);
        return;
      }
      throw new Error("expected a DescentError");
    };
    bad(() => R.matvec(new Float64Array(40)), "x");
    bad(() => R.matvecT(new Float64Array(30)), "x");
    bad(() => R.matvec(new Float64Array(30), new Float64Array(30)), "out");
    const x = new Float64Array(40);
    bad(() => R.matvecT(x, x), "out");
    bad(() => residentMatrix({ rows: 2, cols: 2, data: new Float64Array(3) }), "A");
  });

  it("dispose hands the memory to the next snapshot and makes later products throw", () => {
    const A = randomNormalMatrix(8, 50, 40);
    const B = randomNormalMatrix(9, 60, 30);
    const x = randomNormalMatrix(10, 40, 1).data;
    const z = randomNormalMatrix(11, 30, 1).data;
    const R = residentMatrix(A);
    R.dispose();
    R.dispose(); // idempotent
    expect(() => R.matvec(x)).toThrow(/disposed/);
    // the reused instance holds B now, and still matches the TypeScript product bitwise
    const S = residentMatrix(B);
    expect(Array.from(S.matvec(z))).toEqual(Array.from(matvec(B, z)));
    const T = residentMatrix(A);
    expect(Array.from(T.matvec(x))).toEqual(Array.from(matvec(A, x)));
    expect(Array.from(S.matvec(z))).toEqual(Array.from(matvec(B, z)));
    S.dispose();
    T.dispose();
  });

  it.each([
    [17, 5],
    [40, 30],
    [1000, 100],
    [301, 7],
  ])("weightedGram equals weightedGram(A, w) bitwise at %i×%i, twice in a row", (m, n) => {
    const A = randomNormalMatrix(m + n, m, n);
    const w = Float64Array.from({ length: m }, (_, i) => 0.25 + ((i * 13) % 7) / 7);
    for (const backend of ["wasm", "ts"] as const) {
      useFloat64Kernels(backend);
      const R = residentMatrix(A);
      for (let rep = 0; rep < 2; rep++) {
        expect(Array.from(R.weightedGram(w).data)).toEqual(Array.from(weightedGram(A, w).data));
        expect(Array.from(R.weightedGram().data)).toEqual(Array.from(weightedGram(A).data));
      }
      useFloat64Kernels("wasm");
      R.dispose();
    }
  });

  it("weightedGram rejects a non-finite snapshot and bad weights, naming the parameter", () => {
    const A = randomNormalMatrix(3, 40, 30);
    A.data[65] = Number.NaN;
    const R = residentMatrix(A);
    expect(R.matvec(new Float64Array(30)).length).toBe(40); // products do not check
    expect(() => R.weightedGram()).toThrow(/A must contain only finite values, found NaN at \(2, 5\)/);
    const S = residentMatrix(randomNormalMatrix(4, 40, 30));
    expect(() => S.weightedGram(new Float64Array(39))).toThrow(DescentError);
    expect(() => S.weightedGram(new Float64Array(40).fill(Number.POSITIVE_INFINITY))).toThrow(/w must/);
  });
});
