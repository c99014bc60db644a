/**
 * Checks that an argument is the kind of object the public API expects — a point cloud, a section
 * basis, a complex number, a slot of a coordinate array — so that a wrong argument from a JavaScript
 * caller fails at the call with a DescentError naming it, not with a TypeError or a NaN deep inside a
 * sum over points. Internal: every module validates its own entry points with these.
 */
import { assertCMatrix, type CMatrix, DescentError, describeValue } from "@descent/core-tensor";
import type { PointCloud } from "./point-cloud.js";
import type { Complex } from "./quintic.js";
import type { SectionBasis } from "./section-basis.js";

function fail(parameter: string, message: string, code = "type"): never {
  throw new DescentError(`${parameter} ${message}`, { parameter, code });
}

/** A finite complex number `{ re, im }`. */
export function assertComplex(z: unknown, parameter: string): asserts z is Complex {
  const c = z as { re?: unknown; im?: unknown } | null;
  if (c === null || typeof c !== "object" || !Number.isFinite(c.re) || !Number.isFinite(c.im)) {
    fail(parameter, `must be a finite complex number { re, im }, received ${describeValue(z)}`);
  }
}

/** `count` entries of a Float64Array from `off` on: the array, the offset and (optionally) finiteness. */
export function assertSlot(
  a: unknown,
  parameter: string,
  off: number,
  count: number,
  finite: boolean,
): asserts a is Float64Array {
  if (!(a instanceof Float64Array)) fail(parameter, `must be a Float64Array, received ${describeValue(a)}`);
  if (!Number.isInteger(off) || off < 0 || off + count > a.length) {
    fail(
      "off",
      `must be an integer with off + ${count} ≤ ${a.length}, received ${describeValue(off)}`,
      "range",
    );
  }
  if (finite) {
    for (let k = off; k < off + count; k++) {
      if (!Number.isFinite(a[k])) fail(parameter, `must be finite, found ${a[k]} at index ${k}`, "finite");
    }
  }
}

/** A point cloud as {@link samplePoints} returns it: consistent array lengths, finite coordinates and weights. */
// Clouds that passed the full check. The numerics call the public section evaluators once per chunk, and
// rescanning 10⁵ points on each call cost about a third of a T-operator iteration; a cloud is treated as
// immutable after sampling, like the section tables that are built from it.
const checkedClouds = new WeakSet<object>();

export function assertPointCloud(cloud: unknown, parameter = "cloud"): asserts cloud is PointCloud {
  if (typeof cloud === "object" && cloud !== null && checkedClouds.has(cloud)) return;
  const c = cloud as Partial<Record<keyof PointCloud, unknown>> | null;
  if (c === null || typeof c !== "object")
    fail(parameter, `must be a point cloud, received ${describeValue(cloud)}`);
  const n = c.n;
  if (!Number.isInteger(n) || (n as number) < 1)
    fail(`${parameter}.n`, `must be a positive integer, received ${describeValue(n)}`);
  const len = n as number;
  const sizes: [keyof PointCloud, unknown, number][] = [
    ["zRe", Float64Array, 5 * len],
    ["zIm", Float64Array, 5 * len],
    ["patch", Uint8Array, len],
    ["elim", Uint8Array, len],
    ["dzeRe", Float64Array, 3 * len],
    ["dzeIm", Float64Array, 3 * len],
    ["absDQe2", Float64Array, len],
    ["weight", Float64Array, len],
  ];
  for (const [key, type, size] of sizes) {
    const v = c[key];
    if (!(v instanceof (type as typeof Float64Array | typeof Uint8Array)) || v.length !== size) {
      fail(
        `${parameter}.${key}`,
        `must be a ${(type as { name: string }).name} of length ${size} for n = ${len}`,
        "shape",
      );
    }
  }
  assertComplex(c.psi, `${parameter}.psi`);
  for (const key of ["zRe", "zIm", "weight", "absDQe2"] as const) {
    const v = c[key] as Float64Array;
    for (let k = 0; k < v.length; k++) {
      if (!Number.isFinite(v[k]))
        fail(`${parameter}.${key}`, `must be finite, found ${v[k]} at index ${k}`, "finite");
    }
  }
  checkedClouds.add(cloud as object);
}

/** A section basis as {@link sectionBasis} returns it: degree k, and `size` exponent rows of 5 summing to k. */
export function assertSectionBasis(basis: unknown, parameter = "basis"): asserts basis is SectionBasis {
  const b = basis as { k?: unknown; size?: unknown; exps?: unknown } | null;
  if (b === null || typeof b !== "object")
    fail(parameter, `must be a section basis, received ${describeValue(basis)}`);
  const { k, size, exps } = b;
  if (!Number.isInteger(k) || (k as number) < 1)
    fail(`${parameter}.k`, `must be a positive integer, received ${describeValue(k)}`);
  if (
    !Number.isInteger(size) ||
    (size as number) < 1 ||
    !(exps instanceof Uint8Array) ||
    exps.length !== 5 * (size as number)
  ) {
    fail(parameter, "must have exps of length 5·size (use sectionBasis(k))", "shape");
  }
  for (let r = 0; r < (size as number); r++) {
    let s = 0;
    for (let j = 0; j < 5; j++) s += exps[5 * r + j] as number;
    if (s !== k) fail(parameter, `row ${r} of exps must sum to k = ${k as number}`, "shape");
  }
}

/** Every entry of a complex matrix is finite. */
export function assertFiniteMatrix(A: CMatrix, parameter: string): void {
  for (const part of [A.re, A.im]) {
    for (let k = 0; k < part.length; k++) {
      if (!Number.isFinite(part[k]))
        fail(parameter, `must be finite, found ${part[k]} at index ${k}`, "finite");
    }
  }
}

/** A finite complex matrix, of the given shape where one is given (`null`: any size along that axis). */
export function assertMatrix(
  A: unknown,
  parameter: string,
  rows: number | null = null,
  cols: number | null = null,
): asserts A is CMatrix {
  assertCMatrix(A, parameter);
  if ((rows !== null && A.rows !== rows) || (cols !== null && A.cols !== cols)) {
    fail(parameter, `must be ${rows ?? "*"}×${cols ?? "*"}, received ${A.rows}×${A.cols}`, "shape");
  }
  assertFiniteMatrix(A, parameter);
}

/** Finite weights and ratios of the same length (the inputs of the σ and MA-L² sums). */
export function assertRatios(eta: unknown, weight: unknown): void {
  if (!(eta instanceof Float64Array)) fail("eta", `must be a Float64Array, received ${describeValue(eta)}`);
  if (!(weight instanceof Float64Array))
    fail("weight", `must be a Float64Array, received ${describeValue(weight)}`);
  if (eta.length !== weight.length || eta.length === 0) {
    fail(
      "weight",
      `must have the (non-zero) length of eta, ${eta.length}, received ${weight.length}`,
      "shape",
    );
  }
  for (let i = 0; i < weight.length; i++) {
    if (!Number.isFinite(weight[i]) || (weight[i] as number) < 0)
      fail("weight", `must be finite and ≥ 0, found ${weight[i]} at ${i}`, "finite");
    if (Number.isNaN(eta[i])) fail("eta", `must not be NaN (index ${i})`, "finite");
  }
}
