/** Test-only data (not exported from `src/index.ts`, not published: `files` excludes `src/testing`). */
import { Rng } from "@descent/core-tensor";
import type { LabelledData } from "../mlp-trainer.js";

/** Options of {@link gaussianBlobs}. */
export interface GaussianBlobsOptions {
  /** Input dimension (≥ 3). */
  dim: number;
  /** Mean of coordinate c of class c (the others have mean 0); every coordinate has unit variance. */
  separation: number;
  /** Label array type: both the `LabelledData` accepts. */
  labels: "int32" | "uint8";
}

/** Three Gaussian classes, sample i of class i mod 3, drawn row by row from `new Rng(seed)`. */
export function gaussianBlobs(n: number, seed: number, options: GaussianBlobsOptions): LabelledData {
  const { dim, separation } = options;
  const rng = new Rng(seed);
  const x = new Float32Array(n * dim);
  const y = options.labels === "int32" ? new Int32Array(n) : new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    y[i] = c;
    for (let j = 0; j < dim; j++) x[i * dim + j] = rng.normal(j === c ? separation : 0, 1);
  }
  return { x, y, inputDim: dim };
}
