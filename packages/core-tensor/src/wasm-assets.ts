/**
 * The `.wasm` binaries of the tfjs wasm backend and where a browser app serves them. In Node the backend
 * reads them from beside its own module; in a bundled browser app they are not part of the JavaScript
 * bundle, so the app copies them (from `@tensorflow/tfjs-backend-wasm/dist/`) and tells
 * `initBackend({ wasmPaths })` their URLs, which are handed to tfjs's `setWasmPaths`.
 */
import { DescentError, describeValue } from "./errors.js";

/**
 * File names of the tfjs wasm backend's binaries, as shipped in `@tensorflow/tfjs-backend-wasm/dist/`:
 * the plain build (no SIMD), the SIMD build (used where WebAssembly SIMD exists, i.e. every current
 * browser and Node ≥ 16) and the threaded SIMD build (used only with `wasmThreads: true` on a
 * cross-origin-isolated page). A bundler must copy the ones the app can use next to the app.
 */
export const WASM_FILES = [
  "tfjs-backend-wasm.wasm",
  "tfjs-backend-wasm-simd.wasm",
  "tfjs-backend-wasm-threaded-simd.wasm",
] as const;

/** One of {@link WASM_FILES}. */
export type WasmFileName = (typeof WASM_FILES)[number];

/**
 * Where the wasm binaries are served: a URL prefix that each file name is appended to (so it usually
 * ends in `/`, e.g. `"/assets/tfjs/"` or `"https://cdn.example.org/tfjs-backend-wasm@4.22.0/dist/"`),
 * or a map from file name to URL (e.g. the URLs a bundler gives for `?url` imports). A map must name
 * the plain and SIMD files; the threaded file only when threads are on.
 */
export type WasmPaths = string | Partial<Record<WasmFileName, string>>;

const THREADED: WasmFileName = "tfjs-backend-wasm-threaded-simd.wasm";

/**
 * Checks a `wasmPaths` option and returns what tfjs's `setWasmPaths` expects: the prefix unchanged, or a
 * complete map (tfjs requires all three names; with threads off the threaded entry, which is then never
 * fetched, may be left out and is filled with the SIMD URL).
 */
export function resolveWasmPaths(paths: unknown, threads: boolean): string | Record<WasmFileName, string> {
  if (typeof paths === "string") {
    if (paths.length === 0) {
      throw new DescentError(
        'wasmPaths must be a non-empty URL prefix (e.g. "/assets/") or a map from .wasm file name to URL, received ""',
        { parameter: "wasmPaths", code: "type" },
      );
    }
    return paths;
  }
  if (paths === null || typeof paths !== "object" || Array.isArray(paths)) {
    throw new DescentError(
      `wasmPaths must be a URL prefix (string) or a map from .wasm file name to URL, received ${describeValue(paths)}`,
      { parameter: "wasmPaths", code: "type" },
    );
  }
  const map = paths as Record<string, unknown>;
  for (const [name, url] of Object.entries(map)) {
    if (!(WASM_FILES as readonly string[]).includes(name)) {
      throw new DescentError(
        `wasmPaths["${name}"] is not a tfjs wasm binary; the file names are ${WASM_FILES.join(", ")}`,
        { parameter: `wasmPaths["${name}"]`, code: "unknown-option" },
      );
    }
    if (typeof url !== "string" || url.length === 0) {
      throw new DescentError(`wasmPaths["${name}"] must be a non-empty URL, received ${describeValue(url)}`, {
        parameter: `wasmPaths["${name}"]`,
        code: "type",
      });
    }
  }
  const required = threads ? WASM_FILES : WASM_FILES.filter((name) => name !== THREADED);
  const missing = required.filter((name) => map[name] === undefined);
  if (missing.length > 0) {
    throw new DescentError(
      `wasmPaths has no URL for ${missing.join(", ")}${threads ? " (wasmThreads is on)" : ""}; give every file or a URL prefix`,
      { parameter: "wasmPaths", code: "missing" },
    );
  }
  const simd = map["tfjs-backend-wasm-simd.wasm"] as string;
  return {
    "tfjs-backend-wasm.wasm": map["tfjs-backend-wasm.wasm"] as string,
    "tfjs-backend-wasm-simd.wasm": simd,
    [THREADED]: (map[THREADED] as string | undefined) ?? simd,
  } as Record<WasmFileName, string>;
}

/** The binary tfjs loads for the given capabilities (mirrors tfjs-backend-wasm's own choice). */
export function wasmFileFor(simd: boolean, threads: boolean): WasmFileName {
  if (simd && threads) return "tfjs-backend-wasm-threaded-simd.wasm";
  return simd ? "tfjs-backend-wasm-simd.wasm" : "tfjs-backend-wasm.wasm";
}

/** Where tfjs looked for `file`, in words, for error messages. */
export function describeWasmLocation(
  file: WasmFileName,
  paths: string | Record<WasmFileName, string> | undefined,
) {
  if (paths === undefined) {
    return `"${file}" next to the bundled script (tfjs's default, since no wasmPaths was given)`;
  }
  return `"${typeof paths === "string" ? paths + file : paths[file]}"`;
}
