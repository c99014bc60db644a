import { describe, expect, it } from "vitest";
import { bytesToUnitFloats, classCounts, imageAt, selectImages } from "./image-dataset.js";
import { loadMnistFixture } from "./mnist-fixture.js";

describe("ImageDataset helpers", () => {
  const ds = loadMnistFixture({ limit: 10 });

  it("imageAt returns a 784-pixel view of image i", () => {
    const img = imageAt(ds, 3);
    expect(img.length).toBe(784);
    expect(img[0]).toBe(ds.images[3 * 784]);
    expect(() => imageAt(ds, 10)).toThrow(/index must lie in \[0, 9\]/);
  });

  it("selectImages copies the chosen images and labels in order", () => {
    const sub = selectImages(ds, [4, 0]);
    expect(Array.from(sub.labels)).toEqual([4, 7]);
    expect(Array.from(sub.images.subarray(784))).toEqual(Array.from(imageAt(ds, 0)));
    expect(() => selectImages(ds, [0, 11])).toThrow(/indices\[1\]/);
  });

  it("classCounts counts labels and rejects out-of-range ones", () => {
    expect(Array.from(classCounts([0, 2, 2], 3))).toEqual([1, 0, 2]);
    expect(() => classCounts([3], 3)).toThrow(/labels\[0\]/);
  });

  it("bytesToUnitFloats maps 0 → 0 and 255 → 1", () => {
    expect(Array.from(bytesToUnitFloats(Uint8Array.from([0, 255, 51])))).toEqual([0, 1, Math.fround(0.2)]);
  });
});
