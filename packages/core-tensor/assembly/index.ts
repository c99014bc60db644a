// Entry point of the float64 WebAssembly kernels of core-tensor (compiled by `build:wasm`).
export { cholesky, lastFailedPivot, trsm } from "./cholesky";
export { gemm, gemmScratchBytes } from "./gemm";
export { gemv, gemvT } from "./gemv";

/** First free byte after the module's static data, 16-byte aligned: the host allocates from here. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}
