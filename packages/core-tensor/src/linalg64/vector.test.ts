import { describe, expect, it } from "vitest";
import { axpy, dot, norm1, norm2, normInf, scale } from "./vector.js";

const v = (...x: number[]) => Float64Array.from(x);

describe("vector helpers", () => {
  it("compute dot and the three norms of small vectors", () => {
    expect(dot(v(1, 2, 3, 4, 5), v(5, 4, 3, 2, 1))).toBe(35);
    expect(norm1(v(3, -4))).toBe(7);
    expect(norm2(v(3, -4))).toBe(5);
    expect(normInf(v(3, -4))).toBe(4);
  });

  it("norm2 neither overflows nor underflows near the float64 limits", () => {
    expect(norm2(v(3e200, 4e200))).toBeCloseTo(5e200, -188);
    expect(norm2(v(3e-200, 4e-200)) / 5e-200).toBeCloseTo(1, 14);
  });

  it("axpy updates y in place and scale writes a new vector unless out is given", () => {
    const y = v(1, 1);
    expect(axpy(2, v(1, 2), y)).toBe(y);
    expect(Array.from(y)).toEqual([3, 5]);
    const x = v(1, -2);
    const s = scale(3, x);
    expect(Array.from(s)).toEqual([3, -6]);
    expect(s).not.toBe(x);
    scale(2, x, x);
    expect(Array.from(x)).toEqual([2, -4]);
  });

  it("rejects vectors of different lengths, naming the second one", () => {
    expect(() => dot(v(1, 2), v(1))).toThrow(/y must have the length of x \(2\), received length 1/);
    expect(() => axpy(1, v(1), v(1, 2))).toThrow(/y must have the length of x/);
  });

  it("rejects something that is not a Float64Array", () => {
    expect(() => norm2([1, 2] as unknown as Float64Array)).toThrow(/x must be a Float64Array/);
  });
});
