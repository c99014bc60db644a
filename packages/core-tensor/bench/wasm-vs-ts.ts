/**
 * Runs one float64 kernel on the plain-TypeScript path and on the WebAssembly SIMD path (switched
 * with `useFloat64Kernels`) in interleaved rounds and returns a table row with both GFLOP/s.
 */
import { useFloat64Kernels } from "../src/index.js";
import { fmtMs, fmtRatio, interleavedMedianCpuMs } from "./timing.js";

/** `[label, size, TS ms, wasm ms, TS GFLOP/s, wasm GFLOP/s, TS/wasm]` for `fn` doing `flops` flops. */
export function wasmVsTsRow(
  label: string,
  size: string | number,
  flops: number,
  fn: () => unknown,
  rounds = 5,
): (string | number)[] {
  const [ts, wasm] = interleavedMedianCpuMs(
    [
      () => {
        useFloat64Kernels("ts");
        fn();
      },
      () => {
        useFloat64Kernels("wasm");
        fn();
      },
    ],
    { rounds },
  ) as [number, number];
  useFloat64Kernels("wasm");
  const gf = (ms: number) => (flops / ms / 1e6).toFixed(2);
  return [label, size, fmtMs(ts), fmtMs(wasm), gf(ts), gf(wasm), fmtRatio(ts / wasm)];
}

/** Column headers of {@link wasmVsTsRow}. */
export const wasmVsTsHeaders = ["op", "size", "TS ms", "wasm ms", "TS GFLOP/s", "wasm GFLOP/s", "TS/wasm"];
