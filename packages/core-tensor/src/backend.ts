/**
 * One call sets up TensorFlow.js for descent: the wasm backend by default, in Node and in browsers (about
 * 20x the pure-JS cpu backend on the project's machine), cpu on request or as a logged fallback,
 * webgl/webgpu where they exist (browsers). It also registers the kernels that fill wasm's gaps (see
 * `kernels/register-wasm-gap-kernels.ts`) and keeps the console quiet in Node.
 *
 * In a bundled browser app the wasm backend's `.wasm` binaries ({@link WASM_FILES}) are not in the
 * JavaScript bundle: the app serves them and passes their location as `wasmPaths`. A failure to load
 * them is reported with the file and the URL tried (a `DescentError`, or the logged fallback message).
 *
 * @example
 * ```ts
 * import { initBackend, tf } from "@descent/core-tensor";
 * await initBackend();              // "wasm"
 * await initBackend({ backend: "cpu" });
 * // in a browser app that serves the .wasm files under /tfjs/:
 * await initBackend({ wasmPaths: "/tfjs/" });
 * ```
 */
import * as tf from "@tensorflow/tfjs";
import { DescentError, describeValue } from "./errors.js";
import { registerWasmFastKernels, unregisterWasmFastKernels } from "./kernels/register-wasm-fast-kernels.js";
import { registerWasmGapKernels } from "./kernels/register-wasm-gap-kernels.js";
import { assertOneOf } from "./validate.js";
import { assertKnownOptions } from "./validate-options.js";
import {
  describeWasmLocation,
  resolveWasmPaths,
  WASM_FILES,
  type WasmFileName,
  type WasmPaths,
  wasmFileFor,
} from "./wasm-assets.js";

/** Backends that {@link initBackend} knows how to start. */
export type BackendName = "wasm" | "cpu" | "webgl" | "webgpu";
const BACKENDS: readonly BackendName[] = ["wasm", "cpu", "webgl", "webgpu"];

/** Options of {@link initBackend}. */
export interface BackendOptions {
  /** The backend to use. Default `"wasm"` (Node and browsers alike; see platform notes §5). */
  backend?: BackendName;
  /** Fall back to `"cpu"` if the requested backend cannot start. Default `true`. */
  fallback?: boolean;
  /** Where to report a fallback. Default: `console.warn`. Pass `() => {}` to silence. */
  onFallback?: (message: string) => void;
  /**
   * On wasm, replace tfjs's `BatchMatMul`/`_FusedMatMul` kernels by descent's faster wrappers (transposed
   * operands and batches of matrices 10–25× faster, see `kernels/register-wasm-fast-kernels.ts`). Default
   * `true`; `false` restores tfjs's own kernels.
   */
  fastKernels?: boolean;
  /**
   * Where the wasm backend finds its `.wasm` binaries ({@link WASM_FILES}): a URL prefix the file names
   * are appended to (usually ending in `/`), or a map from file name to URL; passed to tfjs-backend-wasm's
   * `setWasmPaths`. Needed in a bundled browser app (copy the files from
   * `@tensorflow/tfjs-backend-wasm/dist/`); Node finds them by itself. Default: none (tfjs looks next to
   * its own script). Takes effect on the first start of the wasm backend only.
   */
  wasmPaths?: WasmPaths;
  /**
   * Let the wasm backend use its multi-threaded SIMD binary. Default `false`: the threaded build needs a
   * cross-origin-isolated page (COOP/COEP headers, `SharedArrayBuffer`), and in tfjs 4.22 its workers
   * failed to start in a Vite app even then (platform notes §5), so the single-threaded SIMD build is the
   * safe choice. `true`
   * leaves the choice to tfjs (threads only where the page is cross-origin isolated); no effect in Node,
   * where tfjs never uses threads. Takes effect on the first start of the wasm backend only.
   */
  wasmThreads?: boolean;
}

const OPTION_NAMES = [
  "backend",
  "fallback",
  "onFallback",
  "fastKernels",
  "wasmPaths",
  "wasmThreads",
] as const;

function applyFastKernels(enabled: boolean): void {
  if (enabled) registerWasmFastKernels();
  else unregisterWasmFastKernels();
}

const isNode = typeof process !== "undefined" && process.versions?.node !== undefined;
const registering = new Map<BackendName, Promise<boolean>>();

function assertBoolean(value: unknown, parameter: string): void {
  if (typeof value !== "boolean") {
    throw new DescentError(`${parameter} must be true or false, received ${describeValue(value)}`, {
      parameter,
      code: "type",
    });
  }
}

type ResolvedWasmPaths = string | Record<WasmFileName, string> | undefined;

/** The wasm settings of this process's or page's first wasm start; null before it. */
let wasmStart: { paths: ResolvedWasmPaths } | null = null;

/**
 * Applies the wasm start-up settings. They only matter for the backend's first start (tfjs compiles the
 * module once per page or process, and refuses new paths after a failed start), so later calls keep the
 * first settings; returns them.
 */
async function prepareWasm(paths: ResolvedWasmPaths, threads: boolean): Promise<ResolvedWasmPaths> {
  if (wasmStart !== null) return wasmStart.paths;
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  // registered by the import above; tfjs reads it when it picks the binary (platform notes §5)
  if (!threads) tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  if (paths !== undefined) wasm.setWasmPaths(paths);
  wasmStart = { paths };
  return paths;
}

/** Why the wasm backend did not start, naming the binary tfjs wanted and where it looked. */
async function wasmFailureReason(used: ResolvedWasmPaths, requested: ResolvedWasmPaths): Promise<string> {
  let file: WasmFileName = "tfjs-backend-wasm-simd.wasm";
  try {
    const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
    const threads = await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT");
    file = wasmFileFor(simd === true, threads === true);
  } catch {
    // flags unregistered: keep the SIMD file, the one every current runtime uses
  }
  const ignored =
    requested !== undefined && JSON.stringify(requested) !== JSON.stringify(used)
      ? " (this call's wasmPaths is ignored: tfjs takes wasm paths only before the backend's first start)"
      : "";
  return (
    `its binary could not be loaded from ${describeWasmLocation(file, used)}${ignored}. ` +
    `Serve ${WASM_FILES.join(", ")} (from @tensorflow/tfjs-backend-wasm/dist/) with your app and pass ` +
    `initBackend({ wasmPaths }) (a URL prefix or a map from file name to URL)`
  );
}

async function ensureRegistered(name: BackendName): Promise<boolean> {
  let pending = registering.get(name);
  if (pending === undefined) {
    pending = (async () => {
      if (name === "cpu" || name === "webgl") return true; // bundled in @tensorflow/tfjs
      if (name === "wasm") {
        await import("@tensorflow/tfjs-backend-wasm");
        return true;
      }
      // webgpu is an optional extra package; a missing module means the backend is unavailable
      try {
        const moduleName = "@tensorflow/tfjs-backend-webgpu";
        await import(/* @vite-ignore */ moduleName);
        return true;
      } catch {
        return false;
      }
    })();
    registering.set(name, pending);
  }
  return pending;
}

/**
 * Selects and initialises a tfjs backend; resolves to the backend actually in use. Safe to call many
 * times: when the requested backend is already active it returns at once.
 */
export async function initBackend(options: BackendOptions = {}): Promise<BackendName> {
  assertKnownOptions(options, OPTION_NAMES);
  const {
    backend = "wasm",
    fallback = true,
    onFallback = (m: string) => console.warn(m),
    fastKernels = true,
    wasmPaths,
    wasmThreads = false,
  } = options;
  assertOneOf(backend, "backend", BACKENDS);
  assertBoolean(fallback, "fallback");
  assertBoolean(fastKernels, "fastKernels");
  assertBoolean(wasmThreads, "wasmThreads");
  if (typeof onFallback !== "function") {
    throw new DescentError(`onFallback must be a function, received ${describeValue(onFallback)}`, {
      parameter: "onFallback",
      code: "type",
    });
  }
  const paths = wasmPaths === undefined ? undefined : resolveWasmPaths(wasmPaths, wasmThreads);
  // The cpu backend prints a "you are running TensorFlow.js in Node" banner on its first tensor write;
  // PROD mode only gates tfjs's console output, it disables no checks (platform notes §2).
  if (isNode) tf.env().set("PROD", true);
  // tfjs's getBackend() can name a backend whose start failed, so check that it really exists
  if (
    tf.getBackend() === backend &&
    registering.has(backend) &&
    tf.engine().registry[backend] !== undefined
  ) {
    if (backend === "wasm") applyFastKernels(fastKernels);
    return backend;
  }
  // tfjs leaves its backend name on a backend that failed to start; without a fallback, go back to this one
  const previous = tf.engine().backendName;
  let ok = false;
  let reason = "";
  try {
    ok = await ensureRegistered(backend);
    const used = ok && backend === "wasm" ? await prepareWasm(paths, wasmThreads) : undefined;
    ok = ok && (await tf.setBackend(backend));
    if (!ok) {
      reason = backend === "wasm" ? await wasmFailureReason(used, paths) : "the backend did not initialise";
    }
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  if (ok) {
    if (backend === "wasm") {
      registerWasmGapKernels();
      applyFastKernels(fastKernels);
    }
    await tf.ready();
    return backend;
  }
  if (!fallback || backend === "cpu") {
    if (previous && previous !== backend && tf.engine().registry[previous] !== undefined) {
      await tf.setBackend(previous);
    }
    throw new DescentError(`backend "${backend}" could not be started: ${reason}`, {
      parameter: "backend",
      code: "backend",
    });
  }
  onFallback(`[descent] backend "${backend}" unavailable (${reason}); falling back to "cpu"`);
  await tf.setBackend("cpu");
  await tf.ready();
  return "cpu";
}

/**
 * The backends {@link initBackend} can try here: `"wasm"` where WebAssembly exists, `"cpu"` always,
 * `"webgl"` where tfjs registered it (browsers; tfjs does not in Node), `"webgpu"` where the optional
 * `@tensorflow/tfjs-backend-webgpu` is loaded or `navigator.gpu` exists. Offered is not guaranteed: a
 * backend can still fail to start (no GPU context), which {@link initBackend} reports.
 */
export function availableBackends(): BackendName[] {
  const names: BackendName[] = [];
  if (typeof WebAssembly === "object") names.push("wasm");
  names.push("cpu");
  if (tf.findBackendFactory("webgl") !== null) names.push("webgl");
  const gpu = (globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu;
  if (tf.findBackendFactory("webgpu") !== null || (!isNode && gpu !== undefined)) names.push("webgpu");
  return names;
}

/** The name of the backend tfjs is using now. */
export function currentBackend(): string {
  return tf.getBackend();
}

export { tf };
