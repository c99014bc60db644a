/**
 * Test-only helper (excluded from the published files, never exported): the `parameter` of the
 * `DescentError` a call throws, so validation tests can assert which input was named.
 */
import { DescentError } from "@descent/core-tensor";

/**
 * Runs `call` and returns the `parameter` of the `DescentError` it throws; `undefined` when it does not
 * throw. Any other error is rethrown, so a test comparing the result with a name fails on it.
 */
export function thrownParameter(call: () => unknown): string | undefined {
  try {
    call();
  } catch (error) {
    if (error instanceof DescentError) return error.parameter;
    throw error;
  }
  return undefined;
}
