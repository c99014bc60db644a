import { describe, expect, it } from "vitest";
import { DescentError } from "./errors.js";
import { describeWasmLocation, resolveWasmPaths, WASM_FILES, wasmFileFor } from "./wasm-assets.js";

const urls = {
  "tfjs-backend-wasm.wasm": "/a/plain.wasm",
  "tfjs-backend-wasm-simd.wasm": "/a/simd.wasm",
  "tfjs-backend-wasm-threaded-simd.wasm": "/a/threaded.wasm",
};

describe("WASM_FILES", () => {
  it("names exactly the binaries that @tensorflow/tfjs-backend-wasm ships in dist/", async () => {
    const { readdirSync } = await import("node:fs");
    const { createRequire } = await import("node:module");
    const { dirname } = await import("node:path");
    const entry = createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm");
    const shipped = readdirSync(dirname(entry)).filter((f) => f.endsWith(".wasm"));
    expect([...WASM_FILES].sort()).toEqual(shipped.sort());
  });
});

describe("resolveWasmPaths", () => {
  it("passes a URL prefix through unchanged", () => {
    expect(resolveWasmPaths("/assets/tfjs/", false)).toBe("/assets/tfjs/");
  });

  it("keeps a complete map, and fills the threaded entry from the SIMD one when threads are off", () => {
    expect(resolveWasmPaths(urls, true)).toEqual(urls);
    const { "tfjs-backend-wasm-threaded-simd.wasm": _, ...twoFiles } = urls;
    expect(resolveWasmPaths(twoFiles, false)).toEqual({
      ...twoFiles,
      "tfjs-backend-wasm-threaded-simd.wasm": "/a/simd.wasm",
    });
  });

  it("rejects an empty prefix, a non-string non-object and arrays, naming wasmPaths", () => {
    for (const bad of ["", 42, null, ["/a/"], true]) {
      const error = (() => {
        try {
          resolveWasmPaths(bad, false);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(DescentError);
      expect((error as DescentError).parameter).toBe("wasmPaths");
    }
  });

  it("rejects an unknown file name and an empty URL, naming the entry", () => {
    expect(() => resolveWasmPaths({ ...urls, "tfjs-backend-wasm-simd.was": "/x" }, false)).toThrow(
      /wasmPaths\["tfjs-backend-wasm-simd\.was"\] is not a tfjs wasm binary/,
    );
    expect(() => resolveWasmPaths({ ...urls, "tfjs-backend-wasm.wasm": "" }, false)).toThrow(
      /wasmPaths\["tfjs-backend-wasm\.wasm"\] must be a non-empty URL, received ""/,
    );
  });

  it("rejects a map missing a binary the backend may load, naming it", () => {
    expect(() => resolveWasmPaths({ "tfjs-backend-wasm.wasm": "/a" }, false)).toThrow(
      /no URL for tfjs-backend-wasm-simd\.wasm;/,
    );
    const { "tfjs-backend-wasm-threaded-simd.wasm": _, ...twoFiles } = urls;
    expect(() => resolveWasmPaths(twoFiles, true)).toThrow(
      /no URL for tfjs-backend-wasm-threaded-simd\.wasm \(wasmThreads is on\)/,
    );
  });
});

describe("wasmFileFor / describeWasmLocation", () => {
  it("picks the binary as tfjs does (threads need SIMD)", () => {
    expect(wasmFileFor(true, false)).toBe("tfjs-backend-wasm-simd.wasm");
    expect(wasmFileFor(true, true)).toBe("tfjs-backend-wasm-threaded-simd.wasm");
    expect(wasmFileFor(false, true)).toBe("tfjs-backend-wasm.wasm");
  });

  it("names the URL tried: prefix + file, the map's entry, or tfjs's default", () => {
    expect(describeWasmLocation("tfjs-backend-wasm-simd.wasm", "/t/")).toBe(
      '"/t/tfjs-backend-wasm-simd.wasm"',
    );
    expect(describeWasmLocation("tfjs-backend-wasm.wasm", urls)).toBe('"/a/plain.wasm"');
    expect(describeWasmLocation("tfjs-backend-wasm.wasm", undefined)).toMatch(/next to the bundled script/);
  });
});
