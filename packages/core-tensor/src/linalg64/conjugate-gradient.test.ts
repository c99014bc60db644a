import { describe, expect, it } from "vitest";
import type { DescentError } from "../errors.js";
import { laplacian1d } from "../testing/laplacian.js";
import { conjugateGradient } from "./conjugate-gradient.js";
import { matvec } from "./matmul.js";
import { fromRows, type Matrix64, matrix64 } from "./matrix.js";
import { randomNormalMatrix, randomSymmetric } from "./random-matrix.js";

function trueRelativeResidual(A: Matrix64, x: Float64Array, b: Float64Array): number {
  const r = matvec(A, x);
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num += ((r[i] as number) - (b[i] as number)) ** 2;
    den += (b[i] as number) ** 2;
  }
  return Math.sqrt(num / den);
}

describe("conjugateGradient", () => {
  it("reaches a 1e-10 relative residual on the 1-D Laplacian (n = 100) within n iterations + slack", () => {
    const n = 100;
    const A = laplacian1d(n);
    const b = randomNormalMatrix(1, n, 1).data;
    const res = conjugateGradient(A, b);
    expect(res.converged).toBe(true);
    expect(trueRelativeResidual(A, res.x, b)).toBeLessThanOrEqual(1e-10);
    expect(res.iterations).toBeLessThanOrEqual(2 * n);
  });

  it("the Jacobi preconditioner cuts iterations on a badly scaled SPD matrix", () => {
    const n = 60;
    const { A: B } = randomSymmetric(
      2,
      Float64Array.from({ length: n }, (_, i) => 1 + i / n),
    );
    // D·B·D with D spanning 4 orders of magnitude: diagonal scaling is exactly what Jacobi undoes.
    const d = Float64Array.from({ length: n }, (_, i) => 10 ** ((4 * i) / (n - 1) - 2));
    const A = matrix64(
      n,
      n,
      B.data.map((v, k) => v * (d[Math.floor(k / n)] as number) * (d[k % n] as number)),
    );
    const b = randomNormalMatrix(3, n, 1).data;
    const plain = conjugateGradient(A, b, { maxIterations: 2000 });
    const jacobi = conjugateGradient(A, b, { preconditioner: "jacobi" });
    expect(jacobi.converged).toBe(true);
    expect(trueRelativeResidual(A, jacobi.x, b)).toBeLessThanOrEqual(1e-10);
    expect(jacobi.iterations).toBeLessThan(plain.iterations);
  });

  it("accepts a matrix-free operator, a diagonal vector preconditioner and a start point", () => {
    const n = 30;
    const A = laplacian1d(n);
    const b = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
    const res = conjugateGradient((x, out) => matvec(A, x, out), b, {
      preconditioner: new Float64Array(n).fill(2),
      x0: new Float64Array(n).fill(1),
    });
    expect(trueRelativeResidual(A, res.x, b)).toBeLessThanOrEqual(1e-10);
  });

  it("returns x0 at once when it already solves the system", () => {
    const A = fromRows([
      [2, 0],
      [0, 4],
    ]);
    const res = conjugateGradient(A, Float64Array.from([2, 4]), { x0: Float64Array.from([1, 1]) });
    expect(res.iterations).toBe(0);
    expect(Array.from(res.x)).toEqual([1, 1]);
  });

  it("reports progress and stops on an aborted signal", () => {
    const A = laplacian1d(20);
    const b = new Float64Array(20).fill(1);
    const seen: number[] = [];
    conjugateGradient(A, b, { onProgress: (p) => seen.push(p.iteration) });
    expect(seen[0]).toBe(1);
    const ctl = new AbortController();
    ctl.abort(new Error("stop"));
    expect(() => conjugateGradient(A, b, { signal: ctl.signal })).toThrow("stop");
  });

  it("detects an indefinite matrix (code 'not-positive-definite')", () => {
    const A = fromRows([
      [1, 0],
      [0, -1],
    ]);
    try {
      conjugateGradient(A, Float64Array.from([1, 1]));
      expect.unreachable();
    } catch (e) {
      expect((e as DescentError).code).toBe("not-positive-definite");
    }
  });

  it("rejects mismatched shapes, NaN, a non-positive diagonal and 'jacobi' without a matrix", () => {
    const A = laplacian1d(3);
    expect(() => conjugateGradient(A, new Float64Array(2))).toThrow(/A must be 2×2 to match b/);
    expect(() => conjugateGradient(A, Float64Array.from([1, Number.NaN, 1]))).toThrow(
      /b must contain only finite/,
    );
    expect(() =>
      conjugateGradient(A, new Float64Array(3), { preconditioner: Float64Array.from([1, 0, 1]) }),
    ).toThrow(/preconditioner diagonal must be positive/);
    expect(() =>
      conjugateGradient((x, o) => o.set(x), new Float64Array(3), { preconditioner: "jacobi" }),
    ).toThrow(/needs A as a matrix/);
    expect(() => conjugateGradient(A, new Float64Array(3), { tol: -1 })).toThrow(/tol must be >= 0/);
  });

  it("rejects a non-integer iteration cap and an operator that returns NaN", () => {
    const A = laplacian1d(3);
    const b = new Float64Array(3).fill(1);
    expect(() => conjugateGradient(A, b, { maxIterations: 1.5 })).toThrow(/maxIterations must be an integer/);
    expect(() => conjugateGradient((_x, out) => out.fill(Number.NaN), b)).toThrow(
      /A produced a non-finite value NaN/,
    );
  });
});
