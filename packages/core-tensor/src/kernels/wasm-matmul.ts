/**
 * Fast `BatchMatMul` and `_FusedMatMul` kernels for tfjs's wasm backend, wrapped around tfjs's own.
 *
 * tfjs-backend-wasm 4.22 multiplies with XNNPACK only when neither operand is transposed and both have a
 * batch of one; every other call (`transposeA`/`transposeB`, a batch of matrices) runs a naive loop at
 * 1–3 GFLOP/s instead of 25–37 (measured in `bench/wasm-matmul.bench.ts`). The gradient of every matMul
 * uses the transposed forms, so every backward pass of every tfjs model took the slow loop. The wrappers
 * here bring each call back to the fast case:
 * - a transposed operand is materialised once (a cache-blocked copy, far cheaper than the product), or,
 *   when that moves fewer elements, the transposed product Cᵀ = op(B)ᵀ·op(A)ᵀ is formed from the operands
 *   as stored and only the result is transposed (our choice: pick by counting the elements copied);
 * - a batch of left operands against one right matrix is one tall product (same memory, no copy);
 * - other batches run matrix by matrix on views into the operands' memory, when each matrix is large
 *   enough for that to pay (below that, tfjs's loop is kept).
 *
 * They also fix a wrong result of tfjs's `_FusedMatMul` on its slow path: a rank-1 bias was added as
 * bias[min(i·n + j, n − 1)] instead of bias[j], so `tf.fused.matMul` with a transposed operand or a
 * batch and a bias returned wrong rows (see the tests). Results otherwise equal tfjs's kernel to float32
 * rounding (the summation order differs).
 *
 * The wrappers work on the backend level (TensorInfo, tfjs's own wasm kernels, the wasm heap), through the
 * few fields of tfjs-backend-wasm's backend named in {@link WasmBackend}; `registerWasmFastKernels`
 * installs them and can restore tfjs's kernels.
 */
// tfjs directly, not ../backend.js: backend.ts imports this module (no import cycle)
import * as tf from "@tensorflow/tfjs";

/** The fields of tfjs-backend-wasm's `BackendWasm` (4.22) that the wrappers use. */
interface WasmBackend {
  dataIdMap: {
    get(dataId: tf.DataId): { id: number; memoryOffset: number } | undefined;
    delete(dataId: tf.DataId): boolean;
  };
  wasm: { HEAPF32: Float32Array; tfjs: { disposeData(id: number): void } };
  makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number): tf.TensorInfo;
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
}

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** The attrs of `_FusedMatMul` (tfjs-core's `_FusedMatMulAttrs`, which the tfjs bundle does not export). */
interface FusedAttrs {
  transposeA?: boolean;
  transposeB?: boolean;
  activation?: string;
  leakyreluAlpha?: number;
}
type Run = (inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap) => tf.TensorInfo;

/**
 * Below this many multiply-adds per matrix, a batch of distinct matrices stays on tfjs's loop: the
 * per-matrix cost of a kernel call (about 10 µs) would exceed what XNNPACK saves. Our choice, from the
 * crossover measured by `bench/wasm-matmul.bench.ts` (16³ loses, 32³ wins).
 */
const MIN_MACS_PER_MATRIX = 24 * 24 * 24;

/**
 * Below this many multiply-adds in all, calls go straight to tfjs's kernel: the product takes a few
 * microseconds either way and the wrapper's copies would not pay. Our choice, measured as above.
 */
const MIN_MACS_TOTAL = 8 * 8 * 8;

/** Row counts that are multiples of this make tfjs's wasm Transpose kernel 5–15× slower (cache aliasing). */
const TRANSPOSE_ALIASING_ROWS = 128;

function sizeOf(shape: readonly number[]): number {
  let s = 1;
  for (const d of shape) s *= d;
  return s;
}

function heapOffset(backend: WasmBackend, info: tf.TensorInfo): number {
  const data = backend.dataIdMap.get(info.dataId);
  if (data === undefined) throw new Error("wasm matMul fast path: input is not on the wasm backend");
  return data.memoryOffset;
}

/** A matrix operand: `batch` matrices of `rows × cols` (row-major), with the outer (batch) dims kept. */
interface Operand {
  info: tf.TensorInfo;
  outer: number[];
  batch: number;
  rows: number;
  cols: number;
  /** Whether the wrapper allocated `info` and must dispose it. */
  owned: boolean;
}

function operand(info: tf.TensorInfo): Operand {
  const r = info.shape.length;
  const outer = info.shape.slice(0, -2);
  return {
    info,
    outer,
    batch: sizeOf(outer),
    rows: info.shape[r - 2] as number,
    cols: info.shape[r - 1] as number,
    owned: false,
  };
}

function release(backend: WasmBackend, op: Operand): void {
  if (op.owned) backend.disposeData(op.info.dataId);
}

/** Cache-blocked transpose of one `rows × cols` matrix on the heap, in 4×4 tiles inside 16×16 blocks. */
function transposeBlock(heap: Float32Array, src: number, dst: number, rows: number, cols: number): void {
  const r4 = rows - (rows % 4);
  const c4 = cols - (cols % 4);
  for (let i0 = 0; i0 < r4; i0 += 16) {
    const i1 = Math.min(i0 + 16, r4);
    for (let j0 = 0; j0 < c4; j0 += 16) {
      const j1 = Math.min(j0 + 16, c4);
      for (let i = i0; i < i1; i += 4) {
        for (let j = j0; j < j1; j += 4) {
          const a = src + i * cols + j;
          const b = a + cols;
          const c = b + cols;
          const e = c + cols;
          let d = dst + j * rows + i;
          heap[d] = heap[a] as number;
          heap[d + 1] = heap[b] as number;
          heap[d + 2] = heap[c] as number;
          heap[d + 3] = heap[e] as number;
          d += rows;
          heap[d] = heap[a + 1] as number;
          heap[d + 1] = heap[b + 1] as number;
          heap[d + 2] = heap[c + 1] as number;
          heap[d + 3] = heap[e + 1] as number;
          d += rows;
          heap[d] = heap[a + 2] as number;
          heap[d + 1] = heap[b + 2] as number;
          heap[d + 2] = heap[c + 2] as number;
          heap[d + 3] = heap[e + 2] as number;
          d += rows;
          heap[d] = heap[a + 3] as number;
          heap[d + 1] = heap[b + 3] as number;
          heap[d + 2] = heap[c + 3] as number;
          heap[d + 3] = heap[e + 3] as number;
        }
      }
    }
  }
  for (let i = r4; i < rows; i++)
    for (let j = 0; j < cols; j++) heap[dst + j * rows + i] = heap[src + i * cols + j] as number;
  for (let i = 0; i < r4; i++)
    for (let j = c4; j < cols; j++) heap[dst + j * rows + i] = heap[src + i * cols + j] as number;
}

/**
 * The operand with its last two dims swapped, as a new (owned) tensor. tfjs's Transpose kernel is the
 * faster copy unless the row count is a multiple of 128, where its strided writes alias in the cache;
 * then the blocked copy above runs on the heap (measured: 0.9 ns vs 3.5–9 ns per element).
 */
function transposed(backend: WasmBackend, op: Operand, transpose: tf.KernelFunc): Operand {
  const { batch, rows, cols } = op;
  let info: tf.TensorInfo;
  if (rows % TRANSPOSE_ALIASING_ROWS !== 0) {
    info = transpose({
      inputs: { x: { dataId: op.info.dataId, shape: [batch, rows, cols], dtype: "float32" } },
      backend: backend as unknown as tf.KernelBackend,
      attrs: { perm: [0, 2, 1] },
    }) as tf.TensorInfo;
  } else {
    info = backend.makeOutput([batch, cols, rows], "float32");
    const heap = backend.wasm.HEAPF32; // read after the allocation: the heap may have grown
    const src = heapOffset(backend, op.info) / 4;
    const dst = heapOffset(backend, info) / 4;
    for (let b = 0; b < batch; b++)
      transposeBlock(heap, src + b * rows * cols, dst + b * rows * cols, rows, cols);
  }
  return {
    info: { ...info, shape: [...op.outer, cols, rows] },
    outer: op.outer,
    batch,
    rows: cols,
    cols: rows,
    owned: true,
  };
}

/** A tensor registered at `byteOffset` inside memory owned by another tensor (no copy, no free). */
function view(backend: WasmBackend, byteOffset: number, shape: number[]): tf.TensorInfo {
  return backend.makeOutput(shape, "float32", byteOffset);
}

function releaseView(backend: WasmBackend, info: tf.TensorInfo): void {
  const data = backend.dataIdMap.get(info.dataId);
  if (data === undefined) return;
  // unregister without freeing: the memory belongs to the tensor the view points into
  backend.wasm.tfjs.disposeData(data.id);
  backend.dataIdMap.delete(info.dataId);
}

/** Flat index into `inner` (broadcast against `outer`, aligned from the right) of outer flat index `o`. */
function broadcastIndex(o: number, outer: readonly number[], inner: readonly number[]): number {
  let index = 0;
  let stride = 1;
  let rest = o;
  for (let d = outer.length - 1, e = inner.length - 1; d >= 0; d--, e--) {
    const coordinate = rest % (outer[d] as number);
    rest = Math.floor(rest / (outer[d] as number));
    if (e >= 0) {
      const size = inner[e] as number;
      if (size !== 1) index += coordinate * stride;
      stride *= size;
    }
  }
  return index;
}

/**
 * L·R for plain (untransposed) operands, through tfjs's fast case: `run` is tfjs's kernel called with
 * untransposed attrs (plus whatever other inputs and attrs the caller binds). Returns a new tensor of shape
 * [...outer, L.rows, R.cols].
 */
function plainProduct(
  backend: WasmBackend,
  left: Operand,
  right: Operand,
  outer: number[],
  run: Run,
): tf.TensorInfo {
  const { rows: m, cols: k } = left;
  const n = right.cols;
  const outShape = [...outer, m, n];
  if (right.batch === 1) {
    // one tall product: a batch of left matrices is one [batch·m, k] matrix in memory (with a right batch
    // of one, the output batch is the left one)
    const a = { dataId: left.info.dataId, shape: [1, left.batch * m, k], dtype: "float32" as const };
    const out = run({ a, b: { dataId: right.info.dataId, shape: [1, k, n], dtype: "float32" } }, {});
    return { ...out, shape: outShape };
  }
  const batch = sizeOf(outer);
  const out = backend.makeOutput([batch, m, n], "float32");
  const leftBase = heapOffset(backend, left.info);
  const rightBase = heapOffset(backend, right.info);
  const outBase = heapOffset(backend, out);
  for (let o = 0; o < batch; o++) {
    const li = broadcastIndex(o, outer, left.outer);
    const ri = broadcastIndex(o, outer, right.outer);
    const a = view(backend, leftBase + 4 * li * m * k, [1, m, k]);
    const b = view(backend, rightBase + 4 * ri * k * n, [1, k, n]);
    const item = run({ a, b }, {});
    const heap = backend.wasm.HEAPF32;
    const itemStart = heapOffset(backend, item) / 4;
    heap.copyWithin(outBase / 4 + o * m * n, itemStart, itemStart + m * n);
    backend.disposeData(item.dataId);
    releaseView(backend, a);
    releaseView(backend, b);
  }
  return { ...out, shape: outShape };
}

/** Shapes of op(A)·op(B) after tfjs's broadcasting of the outer dims. */
interface Geometry {
  a: Operand;
  b: Operand;
  m: number;
  k: number;
  n: number;
  outer: number[];
  batch: number;
}

function geometry(
  aInfo: tf.TensorInfo,
  bInfo: tf.TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): Geometry {
  const a = operand(aInfo);
  const b = operand(bInfo);
  const m = transposeA ? a.cols : a.rows;
  const k = transposeA ? a.rows : a.cols;
  const n = transposeB ? b.rows : b.cols;
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.outer, b.outer);
  return { a, b, m, k, n, outer, batch: sizeOf(outer) };
}

/**
 * Whether the transposed-product form (transpose only the result) copies fewer elements than
 * materialising the transposed operands. Counted: the transposes, plus XNNPACK's packing of the right
 * operand, which it redoes for every new right-hand tensor.
 */
function transposeResult(g: Geometry, transposeA: boolean, transposeB: boolean): boolean {
  const { m, k, n } = g;
  const direct = (transposeA ? m * k : 0) + (transposeB ? k * n : 0) + k * n;
  const swapped = (transposeA ? 0 : m * k) + (transposeB ? 0 : k * n) + m * n + k * m;
  return swapped < direct;
}

/** Whether the wrapper should leave the call to tfjs's kernel unchanged. */
function keepOriginal(g: Geometry, rightBatch: number, plain: boolean): boolean {
  if (g.m * g.k * g.n * g.batch < MIN_MACS_TOTAL) return true;
  if (plain && g.a.batch === 1 && g.b.batch === 1) return true; // already XNNPACK
  // distinct right matrices per batch entry run one by one: only worth it for large enough matrices
  return rightBatch > 1 && g.m * g.k * g.n < MIN_MACS_PER_MATRIX;
}

/** The fast `BatchMatMul` kernel function around tfjs's own (`original`) and its wasm `Transpose` kernel. */
export function fastBatchMatMul(original: tf.KernelFunc, transpose: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { inputs, attrs } = args;
    const backend = args.backend as unknown as WasmBackend;
    const aInfo = inputs.a as tf.TensorInfo;
    const bInfo = inputs.b as tf.TensorInfo;
    const { transposeA = false, transposeB = false } = attrs as unknown as tf.BatchMatMulAttrs;
    if (aInfo.dtype !== "float32" || bInfo.dtype !== "float32") return original(args);
    const g = geometry(aInfo, bInfo, transposeA, transposeB);
    const swap = transposeResult(g, transposeA, transposeB);
    if (keepOriginal(g, swap ? g.a.batch : g.b.batch, !transposeA && !transposeB)) return original(args);
    const run: Run = (ins) =>
      original({
        inputs: ins,
        backend: args.backend,
        attrs: { transposeA: false, transposeB: false },
      }) as tf.TensorInfo;
    if (!swap) {
      const left = transposeA ? transposed(backend, g.a, transpose) : g.a;
      const right = transposeB ? transposed(backend, g.b, transpose) : g.b;
      try {
        return plainProduct(backend, left, right, g.outer, run);
      } finally {
        release(backend, left);
        release(backend, right);
      }
    }
    // Cᵀ = op(B)ᵀ·op(A)ᵀ: op(B)ᵀ is B as stored when transposeB, op(A)ᵀ is A as stored when transposeA
    const left = transposeB ? g.b : transposed(backend, g.b, transpose);
    const right = transposeA ? g.a : transposed(backend, g.a, transpose);
    let ct: Operand | undefined;
    try {
      ct = operand(plainProduct(backend, left, right, g.outer, run));
      ct.owned = true;
      const c = transposed(backend, ct, transpose);
      return c.info;
    } finally {
      release(backend, left);
      release(backend, right);
      if (ct !== undefined) release(backend, ct);
    }
  };
}

const ACTIVATION_KERNELS: Record<string, string> = {
  relu: "Relu",
  relu6: "Relu6",
  elu: "Elu",
  sigmoid: "Sigmoid",
  leakyrelu: "LeakyRelu",
  prelu: "Prelu",
};

function wasmKernel(name: string): tf.KernelFunc {
  const config = tf.getKernel(name, "wasm");
  if (config === undefined) throw new Error(`wasm matMul fast path: tfjs kernel ${name} is missing`);
  return config.kernelFunc;
}

/**
 * The fast `_FusedMatMul` kernel function around tfjs's own (`original`), its plain `BatchMatMul` and
 * `Transpose` kernels. Transposed operands are materialised (the bias runs along the
 * rows of the result, so the transposed-product form is not used here); a batch against one right matrix
 * is one tall fused product; a batch of right matrices is computed as product, then bias and activation
 * with tfjs's wasm kernels (tfjs's fused kernel would add the bias wrongly there).
 */
export function fastFusedMatMul(
  original: tf.KernelFunc,
  batchMatMul: tf.KernelFunc,
  transpose: tf.KernelFunc,
): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { inputs, attrs } = args;
    const backend = args.backend as unknown as WasmBackend;
    const aInfo = inputs.a as tf.TensorInfo;
    const bInfo = inputs.b as tf.TensorInfo;
    const bias = inputs.bias as tf.TensorInfo | undefined;
    const prelu = inputs.preluActivationWeights as tf.TensorInfo | undefined;
    const fusedAttrs = attrs as unknown as FusedAttrs;
    const { transposeA = false, transposeB = false } = fusedAttrs;
    if (aInfo.dtype !== "float32" || bInfo.dtype !== "float32") return original(args);
    if (bias != null && bias.shape.length !== 1) return original(args); // tfjs's own error
    const g = geometry(aInfo, bInfo, transposeA, transposeB);
    const plain = !transposeA && !transposeB;
    if (plain && g.a.batch === 1 && g.b.batch === 1) return original(args); // XNNPACK, right
    // without a bias tfjs's kernel is right everywhere, so the products too small to gain stay on it
    if (bias == null && keepOriginal(g, g.b.batch, plain)) return original(args);
    const left = transposeA ? transposed(backend, g.a, transpose) : g.a;
    const right = transposeB ? transposed(backend, g.b, transpose) : g.b;
    const plainAttrs = { ...fusedAttrs, transposeA: false, transposeB: false } as unknown as tf.NamedAttrMap;
    try {
      if (right.batch === 1) {
        const fused: Run = (ins) =>
          original({
            inputs: { ...inputs, ...ins },
            backend: args.backend,
            attrs: plainAttrs,
          }) as tf.TensorInfo;
        return plainProduct(backend, left, right, g.outer, fused);
      }
      const run: Run = (ins) =>
        batchMatMul({
          inputs: ins,
          backend: args.backend,
          attrs: { transposeA: false, transposeB: false },
        }) as tf.TensorInfo;
      let out = plainProduct(backend, left, right, g.outer, run);
      const step = (next: tf.TensorInfo) => {
        backend.disposeData(out.dataId);
        out = next;
      };
      if (bias != null)
        step(
          wasmKernel("Add")({
            inputs: { a: out, b: bias },
            backend: args.backend,
            attrs: {},
          }) as tf.TensorInfo,
        );
      const activation = fusedAttrs.activation ?? "linear";
      if (activation !== "linear") {
        const name = ACTIVATION_KERNELS[activation];
        if (name === undefined)
          throw new Error(`${activation} activation not yet supported for _FusedMatMul on wasm`);
        const kernelInputs: tf.NamedTensorInfoMap =
          name === "Prelu" ? { x: out, alpha: prelu as tf.TensorInfo } : { x: out };
        const kernelAttrs = name === "LeakyRelu" ? { alpha: fusedAttrs.leakyreluAlpha ?? 0.2 } : {};
        step(
          wasmKernel(name)({
            inputs: kernelInputs,
            backend: args.backend,
            attrs: kernelAttrs,
          }) as tf.TensorInfo,
        );
      }
      return out;
    } finally {
      release(backend, left);
      release(backend, right);
    }
  };
}
