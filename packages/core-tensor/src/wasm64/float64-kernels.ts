/**
 * The float64 WebAssembly SIMD (f64x2) kernels behind linalg64 and complex64: packed GEMM (with
 * weights and the triangle-only variants of the Gram/SYRK products), blocked Cholesky and blocked
 * triangular solves. Their sources are the AssemblyScript files in `assembly/`; the bytes are
 * embedded in `float64-kernels.generated.ts`, so nothing is fetched or read from disk.
 *
 * Loading: the module is compiled synchronously on first use (allowed in Node and for small modules
 * in browsers); where a host refuses synchronous compilation, `await initFloat64Kernels()` once.
 * Without WebAssembly SIMD, or when switched off with `useFloat64Kernels("ts")` or the environment
 * variable `DESCENT_FLOAT64_KERNELS=ts`, every public function runs its plain-TypeScript kernel.
 *
 * Operands are copied into the module's linear memory (which grows as needed and is reused by the
 * next call), computed there and copied back: row-major, the layout of `Matrix64` and of each part
 * of a `CMatrix`.
 */
import { FLOAT64_KERNELS_WASM_BASE64 } from "./float64-kernels.generated.js";

/** Which implementation the float64 kernels use: WebAssembly SIMD or plain TypeScript. */
export type Float64KernelBackend = "wasm" | "ts";

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  gemmScratchBytes(m: number, n: number, p: number): number;
  gemm(
    m: number,
    n: number,
    p: number,
    a: number,
    ars: number,
    acs: number,
    b: number,
    brs: number,
    bcs: number,
    c: number,
    ldc: number,
    part: number,
    alpha: number,
    w: number,
    scratch: number,
  ): void;
  cholesky(n: number, a: number, l: number, shift: number, scratch: number): number;
  lastFailedPivot(): number;
  gemv(m: number, n: number, a: number, x: number, y: number): void;
  gemvT(m: number, n: number, a: number, x: number, y: number): void;
  trsm(
    n: number,
    t: number,
    x: number,
    k: number,
    lower: number,
    trans: number,
    unit: number,
    scratch: number,
  ): void;
}

/**
 * Products with fewer multiply-adds (`m·n·p`) than this stay in TypeScript, where the copies in and
 * out of wasm memory cost more than they save (measured crossover, `bench/linalg64.bench.ts`).
 */
export const WASM_GEMM_MIN_MADDS = 8 * 8 * 8;
/** Cholesky factorisations of smaller order stay in TypeScript (measured crossover). */
export const WASM_CHOLESKY_MIN_ORDER = 16;
/** Triangular solves with `n²·k` below this stay in TypeScript (measured crossover). */
export const WASM_TRSM_MIN_MADDS = 8 * 8 * 8;

let kernels: KernelExports | null = null;
/** The compiled module, kept to instantiate private copies (see {@link wasmResidentMatrix}). */
let compiled: WebAssembly.Module | null = null;
let loadFailed = false;
let forcedTs = readEnvironmentSwitch();

function readEnvironmentSwitch(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.["DESCENT_FLOAT64_KERNELS"] === "ts";
}

function wasmBytes(): Uint8Array<ArrayBuffer> {
  const text = atob(FLOAT64_KERNELS_WASM_BASE64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function loadSync(): void {
  if (kernels !== null || loadFailed) return;
  try {
    const module = new WebAssembly.Module(wasmBytes());
    kernels = new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
    compiled = module;
  } catch {
    // No WebAssembly, no SIMD, or synchronous compilation refused: the TypeScript kernels run
    // (initFloat64Kernels can still compile asynchronously).
    loadFailed = true;
  }
}

/**
 * Compiles the WebAssembly kernels asynchronously (for browsers that refuse synchronous compilation
 * on the main thread; in Node they load on first use anyway) and returns the backend now in use.
 * Never throws: without WebAssembly SIMD it resolves to `"ts"`.
 *
 * @example
 * ```ts
 * await initFloat64Kernels(); // "wasm" where supported
 * ```
 */
export async function initFloat64Kernels(): Promise<Float64KernelBackend> {
  if (kernels === null && typeof WebAssembly === "object") {
    try {
      const { instance, module } = await WebAssembly.instantiate(wasmBytes(), {});
      kernels = instance.exports as unknown as KernelExports;
      compiled = module;
      loadFailed = false;
    } catch {
      loadFailed = true;
    }
  }
  return float64Kernels();
}

/**
 * Chooses the implementation of the float64 kernels: `"wasm"` (the default; used where WebAssembly
 * SIMD is available, above per-kernel size thresholds) or `"ts"` (always the plain-TypeScript
 * kernels, e.g. to compare or to rule the wasm path out). The environment variable
 * `DESCENT_FLOAT64_KERNELS=ts` sets `"ts"` at start-up.
 */
export function useFloat64Kernels(backend: Float64KernelBackend): void {
  if (backend !== "wasm" && backend !== "ts") {
    throw new TypeError(`backend must be "wasm" or "ts", received ${String(backend)}`);
  }
  forcedTs = backend === "ts";
}

/** The implementation the float64 kernels use now (`"ts"` when wasm is switched off or unavailable). */
export function float64Kernels(): Float64KernelBackend {
  return active() === null ? "ts" : "wasm";
}

function active(): KernelExports | null {
  if (forcedTs) return null;
  loadSync();
  return kernels;
}

/** Number of doubles spanned by a `rows × cols` operand read at `i·rs + j·cs`. */
function extent(rows: number, cols: number, rs: number, cs: number): number {
  return rows > 0 && cols > 0 ? (rows - 1) * rs + (cols - 1) * cs + 1 : 0;
}

/**
 * Reserves 16-byte-aligned regions of `sizes[i]` doubles, then `scratchBytes`, from the heap base,
 * growing memory when needed. Returns their byte addresses and a view on the whole memory, or null
 * when memory cannot grow (the caller then falls back to TypeScript).
 */
function reserve(
  k: KernelExports,
  sizes: readonly number[],
  scratchBytes: number,
): { at: number[]; scratch: number; heap: Float64Array } | null {
  let p = k.heapBase();
  const at = sizes.map((s) => {
    const q = p;
    p += (s * 8 + 15) & ~15;
    return q;
  });
  const scratch = p;
  p += scratchBytes;
  const have = k.memory.buffer.byteLength;
  if (p > have) {
    try {
      k.memory.grow(Math.ceil((p - have) / 65536));
    } catch {
      return null;
    }
  }
  return { at, scratch, heap: new Float64Array(k.memory.buffer) };
}

/** Which entries of C a GEMM must produce (see `gemmAccumulate`). */
export type WasmGemmPart = "full" | "upper" | "lower";

const PART_CODE: Record<WasmGemmPart, number> = { full: 0, upper: 1, lower: 2 };

/**
 * `C += op(A)·diag(w)·op(B)` on raw strided buffers (see `gemmAccumulate`; `w` weights the inner
 * dimension). Returns false, having done nothing, when the wasm path is off, unavailable or the
 * product is below {@link WASM_GEMM_MIN_MADDS}.
 */
export function wasmGemm(
  m: number,
  n: number,
  p: number,
  a: Float64Array,
  ars: number,
  acs: number,
  b: Float64Array,
  brs: number,
  bcs: number,
  c: Float64Array,
  ldc: number,
  part: WasmGemmPart = "full",
  w?: Float64Array,
): boolean {
  if (m * n * p < WASM_GEMM_MIN_MADDS) return false;
  const k = active();
  if (k === null) return false;
  const aLen = extent(m, p, ars, acs);
  const bLen = extent(p, n, brs, bcs);
  const cLen = extent(m, n, ldc, 1);
  const shared = a === b;
  const sizes = shared ? [Math.max(aLen, bLen), 0, cLen, p] : [aLen, bLen, cLen, p];
  const r = reserve(k, sizes, k.gemmScratchBytes(m, n, p));
  if (r === null) return false;
  const [pa, pb0, pc, pw] = r.at as [number, number, number, number];
  const pb = shared ? pa : pb0;
  r.heap.set(shared ? a.subarray(0, Math.max(aLen, bLen)) : a.subarray(0, aLen), pa / 8);
  if (!shared) r.heap.set(b.subarray(0, bLen), pb / 8);
  r.heap.set(c.subarray(0, cLen), pc / 8);
  if (w !== undefined) r.heap.set(w.subarray(0, p), pw / 8);
  k.gemm(
    m,
    n,
    p,
    pa,
    ars,
    acs,
    pb,
    brs,
    bcs,
    pc,
    ldc,
    PART_CODE[part],
    1,
    w === undefined ? 0 : pw,
    r.scratch,
  );
  c.set(r.heap.subarray(pc / 8, pc / 8 + cLen));
  return true;
}

/**
 * The complex product `op(A)·op(B)` on split storage into the zeroed `cre`, `cim` (`m × n`), where
 * op(A) has entry (i, k) = `are[i·ars + k·acs] + i·sA·aim[…]` (sA = −1 conjugates) and likewise B.
 * Four real GEMMs on one copy of the operands. Returns false when the wasm path is not taken.
 */
export function wasmComplexGemm(
  m: number,
  n: number,
  p: number,
  are: Float64Array,
  aim: Float64Array,
  ars: number,
  acs: number,
  sA: number,
  bre: Float64Array,
  bim: Float64Array,
  brs: number,
  bcs: number,
  sB: number,
  cre: Float64Array,
  cim: Float64Array,
): boolean {
  if (4 * m * n * p < WASM_GEMM_MIN_MADDS) return false;
  const k = active();
  if (k === null) return false;
  const aLen = extent(m, p, ars, acs);
  const bLen = extent(p, n, brs, bcs);
  const cLen = m * n;
  const r = reserve(k, [aLen, aLen, bLen, bLen, cLen, cLen], k.gemmScratchBytes(m, n, p));
  if (r === null) return false;
  const [par, pai, pbr, pbi, pcr, pci] = r.at as [number, number, number, number, number, number];
  r.heap.set(are.subarray(0, aLen), par / 8);
  r.heap.set(aim.subarray(0, aLen), pai / 8);
  r.heap.set(bre.subarray(0, bLen), pbr / 8);
  r.heap.set(bim.subarray(0, bLen), pbi / 8);
  r.heap.fill(0, pcr / 8, pcr / 8 + cLen);
  r.heap.fill(0, pci / 8, pci / 8 + cLen);
  const s = r.scratch;
  // Re C = Ar·Br − sA·sB·Ai·Bi,  Im C = sB·Ar·Bi + sA·Ai·Br.
  k.gemm(m, n, p, par, ars, acs, pbr, brs, bcs, pcr, n, 0, 1, 0, s);
  k.gemm(m, n, p, pai, ars, acs, pbi, brs, bcs, pcr, n, 0, -sA * sB, 0, s);
  k.gemm(m, n, p, par, ars, acs, pbi, brs, bcs, pci, n, 0, sB, 0, s);
  k.gemm(m, n, p, pai, ars, acs, pbr, brs, bcs, pci, n, 0, sA, 0, s);
  cre.set(r.heap.subarray(pcr / 8, pcr / 8 + cLen));
  cim.set(r.heap.subarray(pci / 8, pci / 8 + cLen));
  return true;
}

/**
 * For the `k × N` complex Z = X + iY (split rows `zre`, `zim`) and weights w (all ones when
 * omitted), writes `XᵀWX + YᵀWY` into `re` (upper-triangle tiles only, the rest zero or partial)
 * and `YᵀWX` into `cross` (both `N × N`, zeroed by the caller). Returns false when not taken.
 */
export function wasmHermitianGramParts(
  k: number,
  N: number,
  zre: Float64Array,
  zim: Float64Array,
  w: Float64Array | undefined,
  re: Float64Array,
  cross: Float64Array,
): boolean {
  if (3 * k * N * N < WASM_GEMM_MIN_MADDS) return false;
  const x = active();
  if (x === null) return false;
  const len = k * N;
  const r = reserve(x, [len, len, k, N * N, N * N], x.gemmScratchBytes(N, N, k));
  if (r === null) return false;
  const [pr, pi, pw, pre, pp] = r.at as [number, number, number, number, number];
  r.heap.set(zre, pr / 8);
  r.heap.set(zim, pi / 8);
  if (w !== undefined) r.heap.set(w, pw / 8);
  r.heap.fill(0, pre / 8, pre / 8 + N * N);
  r.heap.fill(0, pp / 8, pp / 8 + N * N);
  const wp = w === undefined ? 0 : pw;
  const s = r.scratch;
  x.gemm(N, N, k, pr, 1, N, pr, N, 1, pre, N, 1, 1, wp, s);
  x.gemm(N, N, k, pi, 1, N, pi, N, 1, pre, N, 1, 1, wp, s);
  x.gemm(N, N, k, pi, 1, N, pr, N, 1, pp, N, 0, 1, wp, s);
  re.set(r.heap.subarray(pre / 8, pre / 8 + N * N));
  cross.set(r.heap.subarray(pp / 8, pp / 8 + N * N));
  return true;
}

/**
 * Factors `a + shift·I` (lower triangle read, `n × n`) into `l`. Returns null on success, the
 * failing pivot, or `undefined` when the wasm path is not taken (nothing written).
 */
export function wasmCholesky(
  n: number,
  a: Float64Array,
  l: Float64Array,
  shift: number,
): { index: number; value: number } | null | undefined {
  if (n < WASM_CHOLESKY_MIN_ORDER) return undefined;
  const k = active();
  if (k === null) return undefined;
  const r = reserve(k, [n * n, n * n], k.gemmScratchBytes(n, n, n));
  if (r === null) return undefined;
  const [pa, pl] = r.at as [number, number];
  r.heap.set(a.subarray(0, n * n), pa / 8);
  const failed = k.cholesky(n, pa, pl, shift, r.scratch);
  if (failed >= 0) return { index: failed, value: k.lastFailedPivot() };
  l.set(r.heap.subarray(pl / 8, pl / 8 + n * n));
  return null;
}

/**
 * Overwrites the `n × k` row-major `x` by the solution of `op(T)·X = X` (see
 * `triangularSolveInPlace`). Returns false, having done nothing, when the wasm path is not taken.
 */
export function wasmTriangularSolve(
  n: number,
  t: Float64Array,
  x: Float64Array,
  k: number,
  lower: boolean,
  transpose: boolean,
  unitDiagonal: boolean,
): boolean {
  if (n * n * k < WASM_TRSM_MIN_MADDS) return false;
  const e = active();
  if (e === null) return false;
  const r = reserve(e, [n * n, n * k], e.gemmScratchBytes(n, k, n));
  if (r === null) return false;
  const [pt, px] = r.at as [number, number];
  r.heap.set(t.subarray(0, n * n), pt / 8);
  r.heap.set(x.subarray(0, n * k), px / 8);
  e.trsm(n, pt, px, k, lower ? 1 : 0, transpose ? 1 : 0, unitDiagonal ? 1 : 0, r.scratch);
  x.set(r.heap.subarray(px / 8, px / 8 + n * k));
  return true;
}

/**
 * Products `A·x` and `Aᵀ·x` with a matrix that stays in WebAssembly memory (see
 * `residentMatrix`): the matrix is copied once, each product copies only x in and y out.
 */
export interface WasmResidentMatrix {
  /** `out = A·x` (`x` has `cols` entries, `out` `rows`). */
  matvec(x: Float64Array, out: Float64Array): void;
  /** `out = Aᵀ·x` (`x` has `rows` entries, `out` `cols`). */
  matvecT(x: Float64Array, out: Float64Array): void;
  /**
   * `out = XᵀWX` (`cols × cols`, W = diag(w), identity when omitted): the upper-triangle tiles only,
   * as `wasmGemm(…, "upper", w)` computes them for `weightedGram` (bitwise the same entries).
   */
  gramUpper(w: Float64Array | undefined, out: Float64Array): void;
  /** Hands the private instance back for reuse; the object must not be used afterwards. */
  release(): void;
}

/**
 * Private instances handed back by {@link WasmResidentMatrix.release}, reused by the next resident
 * matrix: a fresh instance's memory must be mapped page by page as it is first written (about 3 ms
 * for 800 kB on our 2-core Linux machine), a reused one is already resident.
 */
const residentPool: KernelExports[] = [];
/** At most this many released instances are kept (our choice: bounded memory, enough for nested fits). */
const RESIDENT_POOL_SIZE = 4;
/** Instances whose memory grew past this are left to the garbage collector instead. */
const RESIDENT_POOL_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Matrix–vector products with fewer multiply-adds than this stay in TypeScript even for a resident
 * matrix (the call and the copies of x and y cost more than SIMD saves: measured at 1000 × 100,
 * 6× faster than TypeScript; at 16 × 16 TypeScript still wins, at 32 × 32 wasm is 4× faster).
 */
export const WASM_GEMV_MIN_MADDS = 1024;

/**
 * A private instance of the kernels (its own memory, freed with the returned object) holding a copy
 * of the row-major `rows × cols` matrix `data`; null when the wasm path is off or unavailable or the
 * matrix is below {@link WASM_GEMV_MIN_MADDS}.
 */
export function wasmResidentMatrix(
  rows: number,
  cols: number,
  data: Float64Array,
): WasmResidentMatrix | null {
  if (rows * cols < WASM_GEMV_MIN_MADDS) return null;
  if (active() === null || compiled === null) return null;
  let k: KernelExports;
  const pooled = residentPool.pop();
  if (pooled !== undefined) k = pooled;
  else {
    try {
      k = new WebAssembly.Instance(compiled, {}).exports as unknown as KernelExports;
    } catch {
      return null;
    }
  }
  // scratch and the Gram regions are reserved up front: untouched pages cost nothing until used
  const r = reserve(k, [rows * cols, cols, rows, rows, cols * cols], k.gemmScratchBytes(cols, cols, rows));
  if (r === null) return null;
  const [pa, pcol, prow, pw, pg] = r.at as [number, number, number, number, number];
  r.heap.set(data.subarray(0, rows * cols), pa / 8);
  // the memory does not grow while this object owns the instance, so one view serves every call
  const heap = r.heap;
  return {
    matvec(x, out) {
      heap.set(x, pcol / 8);
      k.gemv(rows, cols, pa, pcol, prow);
      out.set(heap.subarray(prow / 8, prow / 8 + rows));
    },
    matvecT(x, out) {
      heap.set(x, prow / 8);
      k.gemvT(rows, cols, pa, prow, pcol);
      out.set(heap.subarray(pcol / 8, pcol / 8 + cols));
    },
    gramUpper(w, out) {
      heap.fill(0, pg / 8, pg / 8 + cols * cols);
      if (w !== undefined) heap.set(w, pw / 8);
      // the same call as weightedGram's (see wasmGemm), on the resident copy
      k.gemm(cols, cols, rows, pa, 1, cols, pa, cols, 1, pg, cols, 1, 1, w === undefined ? 0 : pw, r.scratch);
      out.set(heap.subarray(pg / 8, pg / 8 + cols * cols));
    },
    release() {
      const small = k.memory.buffer.byteLength <= RESIDENT_POOL_MAX_BYTES;
      if (small && residentPool.length < RESIDENT_POOL_SIZE && !residentPool.includes(k))
        residentPool.push(k);
    },
  };
}
