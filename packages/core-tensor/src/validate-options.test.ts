import { describe, expect, it } from "vitest";
import { DescentError } from "./errors.js";
import { assertKnownOptions, closestKey } from "./validate-options.js";

describe("assertKnownOptions", () => {
  const known = ["maxIter", "tol", "loss", "onProgress"] as const;

  it("accepts undefined, an empty object and known keys", () => {
    expect(() => assertKnownOptions(undefined, known)).not.toThrow();
    expect(() => assertKnownOptions({}, known)).not.toThrow();
    expect(() => assertKnownOptions({ maxIter: 3, tol: undefined }, known)).not.toThrow();
  });

  it("rejects an unknown key with a did-you-mean hint naming the known key", () => {
    let error: unknown;
    try {
      assertKnownOptions({ maxIters: 10 }, known);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DescentError);
    expect((error as DescentError).parameter).toBe("options.maxIters");
    expect((error as DescentError).code).toBe("unknown-option");
    expect((error as DescentError).message).toContain('did you mean "maxIter"?');
  });

  it("rejects an unknown key with no close match without a hint but with the known list", () => {
    expect(() => assertKnownOptions({ zzzzzzzzzz: 1 }, known)).toThrow(
      /not an option Known options: loss, maxIter/,
    );
  });

  it("names the caller's parameter and rejects non-objects", () => {
    expect(() => assertKnownOptions({ tolerance: 1 }, known, "fitOptions")).toThrow(/fitOptions\.tolerance/);
    expect(() => assertKnownOptions(5, known)).toThrow(DescentError);
    expect(() => assertKnownOptions(null, known)).toThrow(DescentError);
    expect(() => assertKnownOptions([1], known)).toThrow(DescentError);
  });
});

describe("closestKey", () => {
  it("finds transpositions, case slips and substrings, and nothing for unrelated keys", () => {
    expect(closestKey("lsos", ["loss", "tol"])).toBe("loss");
    expect(closestKey("MAXITER", ["maxIter"])).toBe("maxIter");
    expect(closestKey("progress", ["onProgress", "tol"])).toBe("onProgress");
    expect(closestKey("banana", ["tol", "seed"])).toBeUndefined();
  });
});
