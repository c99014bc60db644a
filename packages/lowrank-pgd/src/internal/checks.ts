/**
 * Input validation shared by the public entry points (house rule: validate first, name the parameter).
 */
import {
  assertFiniteNumber,
  assertInteger,
  assertKnownOptions,
  assertNonNegative,
  assertOptionalFunction,
  assertOptionalSignal,
  DescentError,
  describeValue,
  tf,
} from "@descent/core-tensor";

/** Validated box bounds. */
export interface Box {
  lo: number;
  hi: number;
}

/** The options every attack takes besides its own (`AttackControlOptions`). */
export const ATTACK_CONTROL_KEYS = ["clipMin", "clipMax", "targeted", "onProgress", "signal"] as const;

/**
 * Checks an options object before anything else: a plain object whose keys are all `known` (a misspelt
 * key throws with a did-you-mean hint), and `onProgress`/`signal`, when present, of the right type.
 */
export function checkOptionsObject(
  options: unknown,
  known: readonly string[],
  parameter = "options",
  required = false,
): void {
  if (required && options === undefined) {
    throw new DescentError(`${parameter} is required (an object with ${known.join(", ")})`, {
      parameter,
      code: "type",
    });
  }
  assertKnownOptions(options, known, parameter);
  const o = (options ?? {}) as { onProgress?: unknown; signal?: unknown };
  assertOptionalFunction(o.onProgress, "onProgress");
  assertOptionalSignal(o.signal, "signal");
}

/** Checks `clipMin < clipMax` (defaults 0, 1). */
export function checkBox(options: { clipMin?: number; clipMax?: number }): Box {
  const lo = options.clipMin ?? 0;
  const hi = options.clipMax ?? 1;
  assertFiniteNumber(lo, "clipMin");
  assertFiniteNumber(hi, "clipMax");
  if (!(lo < hi)) {
    throw new DescentError(`clipMax must be > clipMin, received clipMin ${lo}, clipMax ${hi}`, {
      parameter: "clipMax",
      code: "range",
    });
  }
  return { lo, hi };
}

function assertTensor(value: unknown, parameter: string): asserts value is tf.Tensor {
  if (!(value instanceof tf.Tensor) || value.isDisposed) {
    throw new DescentError(`${parameter} must be a live tf.Tensor, received ${describeValue(value)}`, {
      parameter,
      code: "type",
    });
  }
}

/**
 * Checks a batch of NHWC images: rank 4, non-empty, float, finite, inside the box. One read-back of
 * two scalars; the attacks cost orders of magnitude more.
 */
export function checkImages(x: unknown, box: Box, parameter = "x"): asserts x is tf.Tensor4D {
  assertTensor(x, parameter);
  if (x.rank !== 4 || x.shape.some((d) => d === 0)) {
    throw new DescentError(
      `${parameter} must be a non-empty NHWC batch [B, H, W, C], received shape [${x.shape.join(", ")}]`,
      { parameter, code: "shape" },
    );
  }
  if (x.dtype !== "float32") {
    throw new DescentError(`${parameter} must be float32, received ${x.dtype}`, { parameter, code: "dtype" });
  }
  const [min, max] = tf
    .tidy(() => [tf.min(x), tf.max(x)])
    .map((t) => {
      const v = t.dataSync()[0] as number;
      t.dispose();
      return v;
    }) as [number, number];
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    throw new DescentError(`${parameter} must contain only finite values, found min ${min}, max ${max}`, {
      parameter,
      code: "finite",
    });
  }
  if (min < box.lo || max > box.hi) {
    throw new DescentError(
      `${parameter} must lie in the box [${box.lo}, ${box.hi}] (clipMin, clipMax), received values in [${min}, ${max}]`,
      { parameter, code: "range" },
    );
  }
}

/** Checks integer labels `[B]` with values >= 0 (and < numClasses when given). */
export function checkLabels(
  y: unknown,
  batch: number,
  parameter = "y",
  numClasses?: number,
): asserts y is tf.Tensor1D {
  assertTensor(y, parameter);
  if (y.rank !== 1 || y.shape[0] !== batch) {
    throw new DescentError(`${parameter} must have shape [${batch}], received [${y.shape.join(", ")}]`, {
      parameter,
      code: "shape",
    });
  }
  const values = y.dataSync();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isInteger(v) || v < 0 || (numClasses !== undefined && v >= numClasses)) {
      const range = numClasses === undefined ? "integers >= 0" : `integers in [0, ${numClasses - 1}]`;
      throw new DescentError(
        `${parameter} must hold class ${range}, found ${describeValue(v)} at index ${i}`,
        {
          parameter,
          code: "range",
        },
      );
    }
  }
}

/** Checks the model maps `x` to logits `[B, K]` and that every label is < K. One forward pass. */
export function checkModelOutput(
  model: (x: tf.Tensor4D) => tf.Tensor2D,
  x: tf.Tensor4D,
  y: tf.Tensor1D,
): number {
  const shape = tf.tidy(() => model(x).shape);
  if (shape.length !== 2 || shape[0] !== x.shape[0] || !((shape[1] ?? 0) >= 2)) {
    throw new DescentError(
      `model must return logits [${x.shape[0]}, K] with K >= 2, returned shape [${shape.join(", ")}]`,
      { parameter: "model", code: "shape" },
    );
  }
  const numClasses = shape[1] as number;
  checkLabels(y, x.shape[0], "y", numClasses);
  return numClasses;
}

/** Checks an attack budget (>= 0, finite). */
export function checkEps(eps: unknown, parameter = "eps"): asserts eps is number {
  assertNonNegative(eps, parameter);
}

/** Checks an iteration count (integer >= 0). */
export function checkSteps(steps: unknown, parameter = "steps"): asserts steps is number {
  assertInteger(steps, parameter, { min: 0 });
}

/** Throws a `DescentError` (code "aborted") when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new DescentError("the operation was aborted (signal)", {
      parameter: "signal",
      code: "aborted",
      cause: signal.reason,
    });
  }
}

/** Checks the rank against the image size: 1 ≤ r ≤ max(H, W) (larger factors only add redundancy). */
export function checkRank(rank: unknown, height: number, width: number): asserts rank is number {
  assertInteger(rank, "rank", { min: 1, max: Math.max(height, width) });
}
