import { describe, expect, it } from "vitest";
import { DescentError } from "./errors.js";

describe("DescentError instanceof across copies of the class", () => {
  it("recognises an error made by another copy (another build) through the Symbol.for brand", () => {
    // what the CJS build's constructor leaves on its instances, seen from the ESM build's class
    const fromOtherCopy = Object.defineProperty(
      new Error("bad radius"),
      Symbol.for("@descent/core-tensor/DescentError"),
      {
        value: true,
      },
    );
    expect(fromOtherCopy instanceof DescentError).toBe(true);
  });

  it("holds for its own instances and rejects other errors and non-objects", () => {
    expect(new DescentError("x", { parameter: "p" }) instanceof DescentError).toBe(true);
    expect(new Error("x") instanceof DescentError).toBe(false);
    expect(new TypeError("x") instanceof DescentError).toBe(false);
    expect(("DescentError" as unknown) instanceof DescentError).toBe(false);
    expect((null as unknown) instanceof DescentError).toBe(false);
  });

  it("keeps the ordinary prototype check for subclasses", () => {
    class NarrowError extends DescentError {}
    expect(new NarrowError("x") instanceof NarrowError).toBe(true);
    expect(new NarrowError("x") instanceof DescentError).toBe(true);
    expect(new DescentError("x") instanceof NarrowError).toBe(false);
  });
});
