import { describe, expect, it } from "vitest";
import { DescentError, describeValue } from "./errors.js";
import {
  allFinite,
  assertAllFinite,
  assertFiniteNumber,
  assertInRange,
  assertInteger,
  assertLength,
  assertNonEmpty,
  assertNonNegative,
  assertOneOf,
  assertPositive,
  assertShape,
} from "./validate.js";

/** The DescentError thrown by `f` (fails the test when `f` does not throw one). */
function thrown(f: () => void): DescentError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DescentError);
    return e as DescentError;
  }
  throw new Error("expected a DescentError, nothing was thrown");
}

describe("validators: each message names the parameter, the expectation and the received value", () => {
  it("numbers: finite, positive, non-negative", () => {
    expect(thrown(() => assertFiniteNumber(Number.NaN, "tol")).message).toMatch(/tol.*NaN/);
    expect(thrown(() => assertFiniteNumber("1", "tol")).parameter).toBe("tol");
    expect(thrown(() => assertPositive(0, "stepSize")).message).toMatch(/stepSize must be > 0, received 0/);
    expect(thrown(() => assertPositive(Number.POSITIVE_INFINITY, "stepSize")).parameter).toBe("stepSize");
    expect(thrown(() => assertNonNegative(-0.5, "radius")).message).toMatch(
      /radius must be >= 0, received -0.5/,
    );
    expect(() => assertNonNegative(0, "radius")).not.toThrow();
  });

  it("integers and ranges, inclusive and exclusive bounds", () => {
    expect(thrown(() => assertInteger(2.5, "rank")).code).toBe("integer");
    expect(thrown(() => assertInteger(11, "rank", { min: 1, max: 10 })).message).toMatch(
      /rank must lie in \[1, 10\]/,
    );
    expect(() => assertInteger(10, "rank", { min: 1, max: 10 })).not.toThrow();
    expect(() => assertInRange(1, "p", { max: 1 })).not.toThrow();
    expect(thrown(() => assertInRange(1, "p", { min: 0, max: 1, exclusiveMax: true })).message).toMatch(
      /p must lie in \[0, 1\), received 1/,
    );
    expect(thrown(() => assertInRange(0, "p", { min: 0, exclusiveMin: true })).message).toMatch(/\(0, inf\)/);
    expect(thrown(() => assertInRange(Number.NaN, "p", {})).parameter).toBe("p");
  });

  it("enums, arrays, lengths and shapes", () => {
    expect(thrown(() => assertOneOf("l3", "attack", ["l2", "linf"])).message).toMatch(
      /attack must be one of "l2", "linf", received "l3"/,
    );
    expect(thrown(() => assertAllFinite([1, 2, Number.NEGATIVE_INFINITY], "X")).message).toMatch(
      /X must contain only finite values, found -Infinity at index 2/,
    );
    expect(thrown(() => assertLength([1, 2], "y", 3)).message).toMatch(
      /y must have length 3, received length 2/,
    );
    expect(thrown(() => assertNonEmpty([], "data")).code).toBe("empty");
    expect(() => assertShape([32, 784], "x", [null, 784])).not.toThrow();
    expect(thrown(() => assertShape([32, 783], "x", [null, 784])).message).toMatch(
      /x must have shape \[\*, 784\], received \[32, 783\]/,
    );
    expect(thrown(() => assertShape([784], "x", [null, 784])).code).toBe("shape");
  });

  it("describeValue keeps long arrays short and names typed arrays by type and length", () => {
    expect(describeValue([1, 2, 3, 4, 5, 6, 7])).toBe("[1, 2, 3, 4, 5, 6, ...]");
    expect(describeValue(new Float64Array(9))).toBe("Float64Array(9)");
    expect(describeValue(Number.NaN)).toBe("NaN");
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue({ a: 1 })).toBe("object");
  });

  it("DescentError defaults its code and keeps the cause", () => {
    const cause = new Error("inner");
    const e = new DescentError("outer", { cause });
    expect(e.code).toBe("invalid-argument");
    expect(e.parameter).toBeUndefined();
    expect(e.cause).toBe(cause);
    expect(e.name).toBe("DescentError");
  });
});

describe("allFinite: the branch-free scan behind every finiteness check", () => {
  it("agrees with a per-entry Number.isFinite test for every bad value at every position", () => {
    for (let len = 0; len <= 9; len++) {
      const clean = Float64Array.from({ length: len }, (_, i) => (i % 2 === 0 ? -0 : (i - 4) * 1.7e307));
      expect(allFinite(clean)).toBe(true);
      for (let at = 0; at < len; at++) {
        for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
          const x = clean.slice();
          x[at] = bad;
          expect(allFinite(x)).toBe(false);
          expect(allFinite(Array.from(x))).toBe(false);
        }
      }
    }
  });

  it("keeps the first bad index in the messages of the asserting validators", () => {
    const x = new Float64Array(11);
    x[6] = Number.NaN;
    x[9] = Number.POSITIVE_INFINITY;
    expect(() => assertAllFinite(x, "x")).toThrow(/found NaN at index 6/);
  });
});
