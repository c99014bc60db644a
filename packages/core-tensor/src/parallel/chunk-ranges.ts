/**
 * `chunkRanges`: contiguous, nearly equal ranges of `[0, n)`. Choosing the chunks by a fixed count (not by
 * the number of workers) is what keeps a `WorkerPool`'s (`@descent/core-tensor/node`) reductions bit-identical for any pool size.
 * Plain arithmetic, so it is exported from the main entry too (browsers may chunk work for Web Workers).
 */
import { assertInteger } from "../validate.js";

/** Splits [0, n) into `chunks` contiguous ranges of sizes differing by at most 1, in order. */
export function chunkRanges(n: number, chunks: number): Array<{ start: number; end: number }> {
  assertInteger(n, "n", { min: 0 });
  assertInteger(chunks, "chunks", { min: 1 });
  const ranges: Array<{ start: number; end: number }> = [];
  for (let k = 0; k < chunks; k++) {
    const start = Math.floor((k * n) / chunks);
    const end = Math.floor(((k + 1) * n) / chunks);
    if (end > start) ranges.push({ start, end });
  }
  return ranges;
}
