/**
 * Top-K sparsification, the compressor of the AoG scheme (docs/method.md §c.1 step 4, §c.4).
 *
 * Keeps the K entries of largest magnitude over the whole flattened vector (global, not per layer [C]),
 * exactly K of them, ties broken by the lower index [D] (docs/method.md §h.7). Selection is an O(d) quickselect
 * on a copy of |a| (docs/method.md §h.12), not a sort.
 *
 * @example
 * ```ts
 * const packet = topK({ fraction: 0.05 }).compress(a); // K = ⌈0.05 d⌉ (index, value) pairs
 * ```
 */
import { assertAllFinite, assertInRange, assertInteger, DescentError } from "@descent/core-tensor";

/** A sparse packet: K (index, value) pairs of a d-dimensional vector, indices ascending. */
export interface SparseUpdate {
  /** Dimension of the dense vector. */
  readonly d: number;
  /** Positions kept, strictly ascending. */
  readonly indices: Uint32Array;
  /** Their values (Float64 so that float64 runs keep full precision). */
  readonly values: Float64Array;
}

/** Maps a dense (memory-compensated) update to the packet a user sends. */
export interface Compressor {
  readonly name: string;
  /** The number of entries kept for a vector of dimension d. */
  keptEntries(d: number): number;
  compress(a: Float32Array | Float64Array): SparseUpdate;
}

/** Options of {@link topK}: either K itself or the kept fraction K/d. */
export type TopKOptions = { k: number } | { fraction: number };

/** Squared Euclidean norm accumulated in float64. */
export function squaredNorm(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i] as number;
    s += v * v;
  }
  return s;
}

/** Expands a sparse update to a dense Float64Array (tests, docs). */
export function densify(update: SparseUpdate): Float64Array {
  const out = new Float64Array(update.d);
  for (let j = 0; j < update.indices.length; j++)
    out[update.indices[j] as number] = update.values[j] as number;
  return out;
}

/**
 * The value of the k-th largest element (k is 1-based) of `work`, which is reordered in place.
 * Iterative quickselect with a median-of-three pivot: deterministic, expected O(d).
 */
function kthLargest(work: Float64Array, k: number): number {
  let lo = 0;
  let hi = work.length - 1;
  const target = k - 1; // position in descending order
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const a = work[lo] as number;
    const b = work[mid] as number;
    const c = work[hi] as number;
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c)); // median of three
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((work[i] as number) > pivot) i++;
      while ((work[j] as number) < pivot) j--;
      if (i <= j) {
        const t = work[i] as number;
        work[i] = work[j] as number;
        work[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return work[target] as number;
  }
  return work[lo] as number;
}

/**
 * Selects exactly `k` entries of `a` by magnitude, ties to the lower index. Throws for k > d (there are
 * not K entries to keep) and for NaN or ±Infinity entries (a NaN has no magnitude order and would be
 * dropped silently).
 */
export function selectTopK(a: Float32Array | Float64Array, k: number): SparseUpdate {
  if (!(a instanceof Float32Array || a instanceof Float64Array)) {
    throw new DescentError("a must be a Float32Array or Float64Array", { parameter: "a", code: "type" });
  }
  assertInteger(k, "k", { min: 0, max: a.length });
  assertAllFinite(a, "a");
  const d = a.length;
  if (k >= d) {
    const indices = new Uint32Array(d);
    for (let i = 0; i < d; i++) indices[i] = i;
    return { d, indices, values: Float64Array.from(a) };
  }
  if (k <= 0) return { d, indices: new Uint32Array(0), values: new Float64Array(0) };
  const work = new Float64Array(d);
  for (let i = 0; i < d; i++) work[i] = Math.abs(a[i] as number);
  const threshold = kthLargest(work, k);
  let above = 0;
  for (let i = 0; i < d; i++) if (Math.abs(a[i] as number) > threshold) above++;
  let ties = k - above; // entries equal to the threshold still to take, lowest indices first
  const indices = new Uint32Array(k);
  const values = new Float64Array(k);
  let j = 0;
  for (let i = 0; i < d && j < k; i++) {
    const m = Math.abs(a[i] as number);
    if (m > threshold || (m === threshold && ties-- > 0)) {
      indices[j] = i;
      values[j] = a[i] as number;
      j++;
    }
  }
  return { d, indices, values };
}

/**
 * The top-K compressor. Default in the simulator: `topK({ fraction: 0.05 })`, i.e. K = ⌈0.05 d⌉
 * (docs/method.md §b table and §e; the authors' scripts use 0.1–0.2 [C]).
 */
export function topK(options: TopKOptions): Compressor {
  if (options === null || typeof options !== "object") {
    throw new DescentError("topK options must be { k } or { fraction }", {
      parameter: "options",
      code: "type",
    });
  }
  let keptEntries: (d: number) => number;
  let name: string;
  if ("k" in options) {
    const k = options.k;
    assertInteger(k, "k", { min: 0 });
    keptEntries = (d) => {
      // "exactly K": a K above the dimension is a configuration error, not a request for everything
      assertInteger(k, "k", { min: 0, max: d });
      return k;
    };
    name = `topK(k=${k})`;
  } else if ("fraction" in options) {
    const f = options.fraction;
    assertInRange(f, "fraction", { min: 0, max: 1 });
    keptEntries = (d) => Math.min(d, Math.ceil(f * d));
    name = `topK(${f})`;
  } else {
    throw new DescentError("topK options must be { k } or { fraction }", {
      parameter: "options",
      code: "type",
    });
  }
  return {
    name,
    keptEntries,
    compress: (a) => selectTopK(a, keptEntries(a.length)),
  };
}

/** No compression (K = d): the `idealDense` / FedAvg baseline (docs/method.md §c.3). */
export function identityCompressor(): Compressor {
  return { name: "identity", keptEntries: (d) => d, compress: (a) => selectTopK(a, a.length) };
}
