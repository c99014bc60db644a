/**
 * The first check of every public entry point of the package: its options argument is an object (not
 * null, not a primitive), so that the per-field validators that follow can name the field at fault.
 */
import { assertKnownOptions, DescentError, describeValue } from "@descent/core-tensor";

/**
 * Throws a `DescentError` (code `type`) naming `parameter` unless `value` is a non-null object; with
 * `known`, also when it has a key not in `known` (a misspelling, with a did-you-mean hint).
 */
export function assertOptionsObject(
  value: unknown,
  parameter = "options",
  known?: readonly string[],
): asserts value is object {
  if (value === null || typeof value !== "object") {
    throw new DescentError(`${parameter} must be an object, received ${describeValue(value)}`, {
      parameter,
      code: "type",
    });
  }
  if (known !== undefined) assertKnownOptions(value, known, parameter);
}
