/**
 * Starts the tfjs wasm backend inside a page's worker. A bundler does not know that tfjs-backend-wasm fetches
 * its `.wasm` binaries at run time, so we import them as asset URLs (Vite copies them into `dist/assets`
 * under hashed names) and hand the map to core-tensor's `initBackend({ wasmPaths })`.
 */
import { initBackend } from "@descent/core-tensor";
import plainWasm from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import simdWasm from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import threadedWasm from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";

/** The backends a page may offer: wasm (default), webgl (software WebGL2 where there is no GPU), cpu. */
export type BrowserBackend = "wasm" | "webgl" | "cpu";

let started: Promise<string> | null = null;

/**
 * Resolves to the backend in use; fails loudly instead of falling back to another backend, so a page never
 * reports numbers from a backend it did not ask for. One worker starts one backend.
 */
export function startBrowserBackend(backend: BrowserBackend = "wasm"): Promise<string> {
  started ??= initBackend({
    backend,
    fallback: false,
    // one SIMD thread per page worker (the default): the threaded build needs a cross-origin-isolated page
    wasmThreads: false,
    wasmPaths: {
      "tfjs-backend-wasm.wasm": plainWasm,
      "tfjs-backend-wasm-simd.wasm": simdWasm,
      "tfjs-backend-wasm-threaded-simd.wasm": threadedWasm,
    },
  });
  return started;
}
