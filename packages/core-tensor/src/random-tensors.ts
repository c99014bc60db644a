/**
 * tfjs tensors filled from a seeded {@link Rng}, so that tensor initialisations are reproducible and
 * identical across backends (tfjs's own `randomNormal` seeds differ by backend).
 */
import * as tf from "@tensorflow/tfjs";
import { DescentError, describeValue } from "./errors.js";
import type { Rng } from "./rng.js";
import { assertFiniteNumber, assertInteger, assertNonNegative } from "./validate.js";

function sizeOf(shape: readonly number[]): number {
  if (!Array.isArray(shape)) {
    throw new DescentError(`shape must be an array of integers, received ${describeValue(shape)}`, {
      parameter: "shape",
      code: "type",
    });
  }
  let n = 1;
  shape.forEach((d, i) => {
    assertInteger(d, `shape[${i}]`, { min: 0 });
    n *= d;
  });
  return n;
}

/** A float32 tensor of normals N(mean, std²). */
export function normalTensor(rng: Rng, shape: readonly number[], mean = 0, std = 1): tf.Tensor {
  assertFiniteNumber(mean, "mean");
  assertNonNegative(std, "std");
  return tf.tensor(rng.fillNormal(new Float32Array(sizeOf(shape)), mean, std), [...shape], "float32");
}

/** A float32 tensor of uniforms in [low, high). */
export function uniformTensor(rng: Rng, shape: readonly number[], low = 0, high = 1): tf.Tensor {
  assertFiniteNumber(low, "low");
  assertFiniteNumber(high, "high");
  if (!(high >= low)) {
    throw new DescentError(`high must be >= low, received low ${low}, high ${high}`, {
      parameter: "high",
      code: "range",
    });
  }
  return tf.tensor(rng.fillUniform(new Float32Array(sizeOf(shape)), low, high), [...shape], "float32");
}

/** A float32 tensor of Rademacher signs (±1). */
export function rademacherTensor(rng: Rng, shape: readonly number[]): tf.Tensor {
  const data = new Float32Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.rademacher();
  return tf.tensor(data, [...shape], "float32");
}

/**
 * Glorot-uniform weights for a dense layer `[fanIn, fanOut]` (Glorot & Bengio, 2010), seeded.
 */
export function glorotUniformTensor(rng: Rng, fanIn: number, fanOut: number): tf.Tensor2D {
  assertInteger(fanIn, "fanIn", { min: 1 });
  assertInteger(fanOut, "fanOut", { min: 1 });
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return uniformTensor(rng, [fanIn, fanOut], -limit, limit) as tf.Tensor2D;
}
