/**
 * Checks of the callbacks and abort signals that long runs take: a wrong type (a number where
 * `onProgress` belongs, a plain object for `signal`) is reported at the call, naming the parameter,
 * instead of failing with a TypeError in the middle of a run.
 */
import { DescentError, describeValue } from "./errors.js";

/**
 * Throws unless `value` is `undefined` or a function.
 *
 * @example assertOptionalFunction(options.onProgress, "onProgress")
 */
export function assertOptionalFunction(
  value: unknown,
  parameter: string,
): asserts value is ((...args: never[]) => unknown) | undefined {
  if (value !== undefined && typeof value !== "function") {
    throw new DescentError(`${parameter} must be a function, received ${describeValue(value)}`, {
      parameter,
      code: "type",
    });
  }
}

/**
 * Throws unless `value` is `undefined` or an `AbortSignal` (anything with `aborted` and
 * `throwIfAborted`, so signals from other realms pass).
 *
 * @example assertOptionalSignal(options.signal, "signal")
 */
export function assertOptionalSignal(
  value: unknown,
  parameter = "signal",
): asserts value is AbortSignal | undefined {
  if (value === undefined) return;
  const v = value as { aborted?: unknown; throwIfAborted?: unknown } | null;
  if (
    v === null ||
    typeof v !== "object" ||
    typeof v.aborted !== "boolean" ||
    typeof v.throwIfAborted !== "function"
  ) {
    throw new DescentError(`${parameter} must be an AbortSignal, received ${describeValue(value)}`, {
      parameter,
      code: "type",
    });
  }
}
