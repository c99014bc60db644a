/**
 * One call sets up TensorFlow.js for descent: the wasm backend in Node by default (about 20x the pure-JS
 * cpu backend on the project's machine), cpu on request or as a logged fallback, webgl/webgpu in browsers.
 * It also registers the kernels that fill wasm's gaps (see `kernels/register-wasm-gap-kernels.ts`) and keeps the console quiet.
 *
 * @example
 * ```ts
 * import { initBackend, tf } from "@descent/core-tensor";
 * await initBackend();              // "wasm"
 * await initBackend({ backend: "cpu" });
 * ```
 */
import * as tf from "@tensorflow/tfjs";
import { DescentError } from "./errors.js";
import { registerWasmFastKernels, unregisterWasmFastKernels } from "./kernels/register-wasm-fast-kernels.js";
import { registerWasmGapKernels } from "./kernels/register-wasm-gap-kernels.js";
import { assertOneOf } from "./validate.js";

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
}

function applyFastKernels(enabled: boolean): void {
  if (enabled) registerWasmFastKernels();
  else unregisterWasmFastKernels();
}

const isNode = typeof process !== "undefined" && process.versions?.node !== undefined;
const registering = new Map<BackendName, Promise<boolean>>();

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
  const {
    backend = "wasm",
    fallback = true,
    onFallback = (m: string) => console.warn(m),
    fastKernels = true,
  } = options;
  assertOneOf(backend, "backend", BACKENDS);
  // The cpu backend prints a "you are running TensorFlow.js in Node" banner on its first tensor write;
  // PROD mode only gates tfjs's console output, it disables no checks (platform notes §2).
  if (isNode) tf.env().set("PROD", true);
  if (tf.getBackend() === backend && registering.has(backend)) {
    if (backend === "wasm") applyFastKernels(fastKernels);
    return backend;
  }
  let ok = false;
  let reason = "";
  try {
    ok = (await ensureRegistered(backend)) && (await tf.setBackend(backend));
    if (!ok) reason = "the backend did not initialise";
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

/** The name of the backend tfjs is using now. */
export function currentBackend(): string {
  return tf.getBackend();
}

export { tf };
