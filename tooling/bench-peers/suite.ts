/**
 * What a package's `bench/peers.bench.ts` exports for `pnpm bench:peers`: its TypeScript cases, each
 * paired with a case of the package's Python reference script (`bench/peers/*.py`).
 */

/** One computation measured on both sides. */
export interface PeerCase {
  /** Row label, e.g. "f64 GEMM n=512". */
  name: string;
  /** The Python module the peer case needs ("numpy" or "torch"); the row is skipped without it. */
  peer: "numpy" | "torch";
  /** Key of the case in the script's CASES dict. */
  pyCase: string;
  /**
   * JSON parameters of the Python setup (arrays through {@link f64}/{@link f32}/{@link i32}). A function
   * is called after the TS side's first call, so it may carry what that call drew (e.g. a replay batch).
   */
  params?: Record<string, unknown> | (() => Record<string, unknown>);
  /**
   * Builds the TS computation and returns one call of it. The first call runs from the fresh state and
   * its return value is compared with the peer's first call (the check).
   */
  prepare: () => (() => number) | Promise<() => number>;
  /** Relative tolerance of the check (float32 work needs more than float64). */
  rtol: number;
  /** Absolute tolerance of the check; default 0. */
  atol?: number;
  /** Releases what `prepare` made (tensors), after the timings. */
  dispose?: () => void;
}

/** The export `suite` of a package's `bench/peers.bench.ts`. */
export interface PeerSuite {
  /** The Python reference script, relative to the package's `bench/` folder. */
  script: string;
  /** Called once before the cases: e.g. `initBackend()`; returns a line describing the TS side's threads. */
  init: () => Promise<string>;
  /** The cases, in table order. */
  cases: () => PeerCase[];
}

function base64(view: ArrayBufferView): string {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString("base64");
}

/** A float64 array as the peer protocol carries it (little-endian base64; decoded to a numpy array). */
export function f64(a: ArrayLike<number>): { $f64: string } {
  return { $f64: base64(a instanceof Float64Array ? a : Float64Array.from(a)) };
}

/** A float32 array as the peer protocol carries it. */
export function f32(a: ArrayLike<number>): { $f32: string } {
  return { $f32: base64(a instanceof Float32Array ? a : Float32Array.from(a)) };
}

/** An int32 array as the peer protocol carries it. */
export function i32(a: ArrayLike<number>): { $i32: string } {
  return { $i32: base64(a instanceof Int32Array ? a : Int32Array.from(a)) };
}

/** One line on the tfjs side's threads: backend, SIMD, and whether the wasm build runs worker threads. */
export function tfjsThreads(tf: { getBackend(): string; env(): { getBool(flag: string): boolean } }): string {
  const backend = tf.getBackend();
  if (backend !== "wasm") return `tfjs ${backend}, 1 thread`;
  const mt = tf.env().getBool("WASM_HAS_MULTITHREAD_SUPPORT");
  return `tfjs wasm (SIMD ${tf.env().getBool("WASM_HAS_SIMD_SUPPORT") ? "on" : "off"}), ${mt ? "multithreaded build" : "1 thread"}`;
}
