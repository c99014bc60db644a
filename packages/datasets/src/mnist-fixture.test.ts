import { describe, expect, it } from "vitest";
import { loadMnist } from "./mnist.js";
import { loadMnistFixture, MNIST_FIXTURE_SIZE } from "./mnist-fixture.js";

describe("loadMnistFixture (committed first 500 test images)", () => {
  it("is byte-for-byte the first 500 images and labels of the official test set", () => {
    const fixture = loadMnistFixture();
    const reference = loadMnist({ split: "test", limit: MNIST_FIXTURE_SIZE });
    expect(fixture.count).toBe(500);
    expect(Array.from(fixture.labels)).toEqual(Array.from(reference.labels));
    expect(fixture.images).toEqual(reference.images);
  });

  it("starts with the known test labels 7, 2, 1, 0, 4", () => {
    expect(Array.from(loadMnistFixture({ limit: 5 }).labels)).toEqual([7, 2, 1, 0, 4]);
  });

  it("rejects a limit outside 1…500", () => {
    expect(() => loadMnistFixture({ limit: 501 })).toThrow(/limit must lie in \[1, 500\], received 501/);
    expect(() => loadMnistFixture({ limit: 0 })).toThrow(/limit/);
  });
});
