/**
 * Starts the tfjs wasm backend inside a page's worker. A bundler does not know that tfjs-backend-wasm fetches
 * its `.wasm` binaries at run time, so we import them as asset URLs (Vite copies them into `dist/assets`)
 * and tell the backend where they are; without this the backend gets a 404 and cannot start.
 */
import { initBackend, tf } from "@descent/core-tensor";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import plainWasm from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import simdWasm from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import threadedWasm from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";

let started: Promise<string> | null = null;

/** Resolves to the backend in use ("wasm"); fails loudly instead of falling back to the slow cpu backend. */
export function startBrowserBackend(): Promise<string> {
  started ??= (async () => {
    // tfjs's threaded build needs cross-origin isolation and crashes in workers started from a worker;
    // one SIMD thread per page worker is what we measure and what a static host can serve.
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    setWasmPaths({
      "tfjs-backend-wasm.wasm": plainWasm,
      "tfjs-backend-wasm-simd.wasm": simdWasm,
      "tfjs-backend-wasm-threaded-simd.wasm": threadedWasm,
    });
    return initBackend({ backend: "wasm", fallback: false });
  })();
  return started;
}
