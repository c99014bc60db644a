/**
 * Complex float64 kernels on split storage: complex GEMM (N·N and Aᴴ·B) and the Hermitian rank-k
 * update, plain TypeScript against the WebAssembly SIMD kernels (the default), in GFLOP/s.
 *
 * Run: `pnpm --filter @descent/core-tensor bench complex64` or
 * `node --conditions=source --import tsx bench/complex64.bench.ts [--quick]`.
 * Times are process CPU milliseconds per call, medians of interleaved rounds (the machines are shared).
 */
import { cpus } from "node:os";
import { printComplex64KernelTable } from "./wasm-vs-ts-tables.js";

const quick = process.argv.includes("--quick");
console.log(
  `# complex64 benchmark (${cpus()[0]?.model ?? "cpu"}, Node ${process.version}, ${new Date().toISOString()})`,
);
console.log("\n## complex float64 kernels: TypeScript vs WebAssembly SIMD (f64x2)\n");
printComplex64KernelTable(
  quick ? [64, 128] : [64, 128, 256, 512],
  quick
    ? [[1000, 50]]
    : [
        [2000, 100],
        [100000, 20],
      ],
);
