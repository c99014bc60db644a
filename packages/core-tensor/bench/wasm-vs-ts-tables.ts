/**
 * The float64 and complex float64 kernels, plain TypeScript against WebAssembly SIMD, in GFLOP/s
 * (CPU time, medians of interleaved rounds). Printed by `linalg64.bench.ts` and
 * `complex64.bench.ts`.
 */
import {
  cholesky,
  choleskySolve,
  cmatmul,
  hermitianGram,
  type Matrix64,
  matmul,
  randomComplexNormalMatrix,
  randomNormalMatrix,
  weightedGram,
} from "../src/index.js";
import { printTable } from "./timing.js";
import { wasmVsTsHeaders, wasmVsTsRow } from "./wasm-vs-ts.js";

function spd(n: number): Matrix64 {
  const X = randomNormalMatrix(11, n, n);
  const S = matmul(X, X, { transA: true });
  for (let i = 0; i < n; i++) S.data[i * n + i] = (S.data[i * n + i] as number) + n;
  return S;
}

/** Fewer rounds for the slow TypeScript runs at large n. */
const roundsFor = (n: number) => (n >= 1024 ? 3 : 5);

/** GEMM (plain and transposed), weighted Gram, Cholesky and the Cholesky solve at each n. */
export function printReal64KernelTable(sizes: readonly number[], gram: readonly [number, number][]): void {
  const rows: (string | number)[][] = [];
  for (const n of sizes) {
    const A = randomNormalMatrix(1, n, n);
    const B = randomNormalMatrix(2, n, n);
    const r = roundsFor(n);
    rows.push(wasmVsTsRow("matmul A·B", n, 2 * n ** 3, () => matmul(A, B), r));
    rows.push(
      wasmVsTsRow("matmul Aᵀ·Bᵀ", n, 2 * n ** 3, () => matmul(A, B, { transA: true, transB: true }), r),
    );
    const S = spd(n);
    rows.push(wasmVsTsRow("cholesky", n, n ** 3 / 3, () => cholesky(S), r));
    const L = cholesky(S);
    rows.push(wasmVsTsRow("choleskySolve, n right-hand sides", n, 2 * n ** 3, () => choleskySolve(L, B), r));
  }
  for (const [n, d] of gram) {
    const X = randomNormalMatrix(12, n, d);
    const w = Float64Array.from({ length: n }, (_, i) => 0.5 + (i % 7) / 7);
    // Flops of the symmetric product: d(d+1)/2 entries, n multiply-adds each.
    rows.push(wasmVsTsRow("weightedGram XᵀWX", `${n}×${d}`, n * d * (d + 1), () => weightedGram(X, w)));
  }
  printTable(wasmVsTsHeaders, rows);
}

/** Complex GEMM (N·N and Aᴴ·B) and the Hermitian rank-k update at each size. */
export function printComplex64KernelTable(sizes: readonly number[], herk: readonly [number, number][]): void {
  const rows: (string | number)[][] = [];
  for (const n of sizes) {
    const A = randomComplexNormalMatrix(5, n, n);
    const B = randomComplexNormalMatrix(6, n, n);
    const r = roundsFor(n);
    rows.push(wasmVsTsRow("cmatmul A·B", n, 8 * n ** 3, () => cmatmul(A, B), r));
    rows.push(wasmVsTsRow("cmatmul Aᴴ·B", n, 8 * n ** 3, () => cmatmul(A, B, { opA: "C" }), r));
  }
  for (const [k, N] of herk) {
    const Z = randomComplexNormalMatrix(7, k, N);
    const w = Float64Array.from({ length: k }, (_, i) => 1 + (i % 5) / 5);
    // A Hermitian product: half of the 8kN² flops of the general one.
    rows.push(
      wasmVsTsRow("hermitianGram Σ wᵢzᵢzᵢᴴ", `k=${k}, N=${N}`, 4 * k * N * N, () => hermitianGram(Z, w)),
    );
  }
  printTable(wasmVsTsHeaders, rows);
}
