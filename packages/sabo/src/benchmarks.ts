/**
 * The synthetic test functions of docs/method.md §e.1 (a high-dimensional suite of the kind used in the INGO paper),
 * all minimised at 0 except the Levy function's optimum at x = 1 (value 0). Each takes a point of any
 * dimension d; the coordinate weights w_j = 10^{6(j−1)/(d−1)} and v_j = 10^{(j−1)/(d−1)} are cached per d.
 */
import { DescentError, describeValue } from "@descent/core-tensor";
import type { Vector } from "./ask-tell.js";

/**
 * O(1) check of the point (the functions are hot: NaN coordinates are not searched for and give NaN, which
 * `minimize` and every optimiser's `tell` reject as a non-finite objective value).
 */
function checkPoint(x: ArrayLike<number>): void {
  if (x === null || typeof x !== "object" || !(x.length >= 1)) {
    throw new DescentError(`x must be a non-empty vector, received ${describeValue(x)}`, {
      parameter: "x",
      code: "shape",
    });
  }
}

const weightCache = new Map<string, Float64Array>();

/** 10^{span·(j−1)/(d−1)}, j = 1..d (1 for d = 1). */
function decadeWeights(d: number, span: number): Float64Array {
  const key = `${d}:${span}`;
  let w = weightCache.get(key);
  if (w === undefined) {
    w = new Float64Array(d);
    for (let j = 0; j < d; j++) w[j] = d === 1 ? 1 : 10 ** ((span * j) / (d - 1));
    weightCache.set(key, w);
  }
  return w;
}

/** Ellipsoid Σ w_j x_j², w_j = 10^{6(j−1)/(d−1)} (condition number 10⁶). */
export function ellipsoid(x: ArrayLike<number>): number {
  checkPoint(x);
  const w = decadeWeights(x.length, 6);
  let s = 0;
  for (let j = 0; j < x.length; j++) s += (w[j] as number) * (x[j] as number) ** 2;
  return s;
}

/** Discus 10⁶ x_1² + Σ_{j≥2} x_j². */
export function discus(x: ArrayLike<number>): number {
  checkPoint(x);
  let s = 1e6 * (x[0] as number) ** 2;
  for (let j = 1; j < x.length; j++) s += (x[j] as number) ** 2;
  return s;
}

/** ℓ1-ellipsoid Σ w_j |x_j| (non-smooth at 0). */
export function l1Ellipsoid(x: ArrayLike<number>): number {
  checkPoint(x);
  const w = decadeWeights(x.length, 6);
  let s = 0;
  for (let j = 0; j < x.length; j++) s += (w[j] as number) * Math.abs(x[j] as number);
  return s;
}

/** ℓ½-ellipsoid Σ w_j |x_j|^{1/2} (non-smooth, non-convex). */
export function lHalfEllipsoid(x: ArrayLike<number>): number {
  checkPoint(x);
  const w = decadeWeights(x.length, 6);
  let s = 0;
  for (let j = 0; j < x.length; j++) s += (w[j] as number) * Math.sqrt(Math.abs(x[j] as number));
  return s;
}

/**
 * Levy: u = 1 + (x − 1)/4; sin²(πu_1) + Σ_{j<d} (u_j − 1)²[1 + 10 sin²(πu_j + 1)] + (u_d − 1)²[1 + sin²(2πu_d)].
 */
export function levy(x: ArrayLike<number>): number {
  checkPoint(x);
  const d = x.length;
  const u = (j: number) => 1 + ((x[j] as number) - 1) / 4;
  let s = Math.sin(Math.PI * u(0)) ** 2;
  for (let j = 0; j < d - 1; j++) {
    const uj = u(j);
    s += (uj - 1) ** 2 * (1 + 10 * Math.sin(Math.PI * uj + 1) ** 2);
  }
  const ud = u(d - 1);
  s += (ud - 1) ** 2 * (1 + Math.sin(2 * Math.PI * ud) ** 2);
  return s;
}

/** Scaled Rastrigin 10d + Σ [(v_j x_j)² − 10 cos(2π v_j x_j)], v_j = 10^{(j−1)/(d−1)}. */
export function rastrigin10(x: ArrayLike<number>): number {
  checkPoint(x);
  const v = decadeWeights(x.length, 1);
  let s = 10 * x.length;
  for (let j = 0; j < x.length; j++) {
    const y = (v[j] as number) * (x[j] as number);
    s += y * y - 10 * Math.cos(2 * Math.PI * y);
  }
  return s;
}

/** Names of {@link benchmarks}. */
export type BenchmarkName =
  | "ellipsoid"
  | "discus"
  | "l1Ellipsoid"
  | "lHalfEllipsoid"
  | "levy"
  | "rastrigin10";

/** The suite of docs/method.md §e.1 by name. */
export const benchmarks: Readonly<Record<BenchmarkName, (x: Vector) => number>> = {
  ellipsoid,
  discus,
  l1Ellipsoid,
  lHalfEllipsoid,
  levy,
  rastrigin10,
};
