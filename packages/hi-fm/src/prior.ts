/**
 * The prior `p_0` of the flow: the standard normal `N(0, I_d)`, or for particles the centre-of-mass-free
 * Gaussian (a standard normal on the `(n−1)s`-dimensional subspace; docs/method.md, "Particle systems").
 */
import { assertInteger, DescentError, type Rng } from "@descent/core-tensor";
import { assertPoint, assertRng } from "./argument-types.js";
import {
  assertLayout,
  comFreeDim,
  layoutDim,
  type ParticleLayout,
  removeCenterOfMassInPlace,
} from "./particles.js";

/** The prior of a flow. */
export type Prior = { kind: "standard"; dim: number } | { kind: "com-free"; layout: ParticleLayout };

const LOG_2PI = Math.log(2 * Math.PI);

/** The ambient dimension of samples from `prior`. */
export function priorDim(prior: Prior): number {
  assertPrior(prior);
  return prior.kind === "standard" ? prior.dim : layoutDim(prior.layout);
}

/** The number of free dimensions (`d`, or `(n−1)s` for particles): the dimension of every density. */
export function priorFreeDim(prior: Prior): number {
  assertPrior(prior);
  return prior.kind === "standard" ? prior.dim : comFreeDim(prior.layout);
}

/** Throws unless `prior` is well formed. */
export function assertPrior(prior: Prior, parameter = "prior"): void {
  if (prior === null || typeof prior !== "object") {
    throw new DescentError(`${parameter} must be { kind: 'standard', dim } or { kind: 'com-free', layout }`, {
      parameter,
      code: "type",
    });
  }
  if (prior?.kind === "standard") assertInteger(prior.dim, `${parameter}.dim`, { min: 1 });
  else if (prior?.kind === "com-free") assertLayout(prior.layout, `${parameter}.layout`);
  else assertInteger(Number.NaN, `${parameter}.kind ('standard' | 'com-free')`);
}

/** Fills `out` (length `d`) with one prior sample and returns it. */
export function samplePriorInto<A extends Float64Array | Float32Array>(prior: Prior, rng: Rng, out: A): A {
  assertPrior(prior);
  assertRng(rng);
  if (!(out instanceof Float64Array || out instanceof Float32Array) || out.length !== priorDim(prior)) {
    throw new DescentError(`out must be a Float64Array or Float32Array of length ${priorDim(prior)}`, {
      parameter: "out",
      code: "shape",
    });
  }
  rng.fillNormal(out);
  if (prior.kind === "com-free") removeCenterOfMassInPlace(out, prior.layout);
  return out;
}

/** `log p_0(z)`: `−½‖z‖² − (d'/2) ln 2π` with `d'` the free dimension (z assumed CoM-free for particles). */
export function priorLogDensity(prior: Prior, z: ArrayLike<number>): number {
  assertPrior(prior);
  assertPoint(z, "z", priorDim(prior));
  let q = 0;
  for (let i = 0; i < z.length; i++) q += (z[i] as number) ** 2;
  return -0.5 * q - 0.5 * priorFreeDim(prior) * LOG_2PI;
}
