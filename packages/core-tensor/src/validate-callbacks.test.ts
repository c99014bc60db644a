import { describe, expect, it } from "vitest";
import { DescentError } from "./errors.js";
import { assertArrayLike } from "./validate.js";
import { assertOptionalFunction, assertOptionalSignal } from "./validate-callbacks.js";

function parameterOf(f: () => void): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof DescentError) return e.parameter;
    throw e;
  }
  return undefined;
}

describe("callback, signal and array checks name the parameter", () => {
  it("assertOptionalFunction accepts undefined and functions, rejects everything else", () => {
    expect(parameterOf(() => assertOptionalFunction(undefined, "onProgress"))).toBeUndefined();
    expect(parameterOf(() => assertOptionalFunction(() => 1, "onProgress"))).toBeUndefined();
    for (const bad of [null, 1, "f", {}, []]) {
      expect(parameterOf(() => assertOptionalFunction(bad, "onProgress"))).toBe("onProgress");
    }
  });

  it("assertOptionalSignal accepts undefined and AbortSignals, rejects look-alikes without throwIfAborted", () => {
    expect(parameterOf(() => assertOptionalSignal(undefined))).toBeUndefined();
    expect(parameterOf(() => assertOptionalSignal(new AbortController().signal))).toBeUndefined();
    for (const bad of [null, true, {}, { aborted: false }, () => 1]) {
      expect(parameterOf(() => assertOptionalSignal(bad))).toBe("signal");
    }
  });

  it("assertArrayLike accepts arrays and typed arrays, rejects numbers, strings, objects and DataViews", () => {
    expect(parameterOf(() => assertArrayLike([1, 2], "ks"))).toBeUndefined();
    expect(parameterOf(() => assertArrayLike(new Float64Array(2), "ks"))).toBeUndefined();
    for (const bad of [3, "abc", {}, null, undefined, new DataView(new ArrayBuffer(4))]) {
      expect(parameterOf(() => assertArrayLike(bad, "ks"))).toBe("ks");
    }
  });
});
