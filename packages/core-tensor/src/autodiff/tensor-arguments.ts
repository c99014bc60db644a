/**
 * Input checks shared by the autodiff helpers and ops (internal: not re-exported). They complement
 * `validate.ts`, which knows numbers and arrays, with checks on tfjs tensors; every failure is a
 * {@link DescentError} naming the parameter and what was received.
 */
import { tf } from "../backend.js";
import { DescentError, describeValue } from "../errors.js";

/** Throws unless `value` is a live (not disposed) tfjs tensor. */
export function assertTensor(value: unknown, parameter: string): asserts value is tf.Tensor {
  if (!(value instanceof tf.Tensor)) {
    throw new DescentError(`${parameter} must be a tf.Tensor, received ${describeValue(value)}`, {
      parameter,
      code: "type",
    });
  }
  if (value.isDisposed) {
    throw new DescentError(`${parameter} must not be a disposed tensor`, { parameter, code: "disposed" });
  }
}

/** Throws unless `value` is a function. */
export function assertFunction(
  value: unknown,
  parameter: string,
): asserts value is (...args: never[]) => unknown {
  if (typeof value !== "function") {
    throw new DescentError(`${parameter} must be a function, received ${describeValue(value)}`, {
      parameter,
      code: "type",
    });
  }
}

/** Throws unless `value` is a float32 tensor (gradients are only defined for float tensors in tfjs). */
export function assertFloatTensor(value: unknown, parameter: string): asserts value is tf.Tensor {
  assertTensor(value, parameter);
  if (value.dtype !== "float32") {
    throw new DescentError(`${parameter} must have dtype float32, received ${value.dtype}`, {
      parameter,
      code: "dtype",
    });
  }
}

/** Throws unless `b` has exactly the shape of `a` (named `aName`). */
export function assertSameShape(a: tf.Tensor, b: tf.Tensor, parameter: string, aName: string): void {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new DescentError(
      `${parameter} must have the shape of ${aName} [${a.shape.join(", ")}], received [${b.shape.join(", ")}]`,
      { parameter, code: "shape" },
    );
  }
}

/** Normalises a tensor-or-list argument into a non-empty list of float32 tensors, checked. */
export function toTensorList(value: unknown, parameter: string): tf.Tensor[] {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      throw new DescentError(`${parameter} must contain at least one tensor, received []`, {
        parameter,
        code: "empty",
      });
    }
    value.forEach((t, i) => {
      assertFloatTensor(t, `${parameter}[${i}]`);
    });
    return value as tf.Tensor[];
  }
  assertFloatTensor(value, parameter);
  return [value];
}

/**
 * Throws unless the output of the user function `f` is a scalar tensor (rank 0, or size 1): the
 * helpers differentiate a scalar objective.
 */
export function assertScalarOutput(y: unknown, parameter: string): asserts y is tf.Tensor {
  if (!(y instanceof tf.Tensor)) {
    throw new DescentError(`${parameter} must return a tf.Tensor, returned ${describeValue(y)}`, {
      parameter,
      code: "type",
    });
  }
  if (y.rank !== 0) {
    throw new DescentError(
      `${parameter} must return a scalar (rank-0) tensor, returned shape [${y.shape.join(", ")}]`,
      { parameter, code: "shape" },
    );
  }
}
