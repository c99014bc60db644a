/**
 * A wasm backend whose binaries cannot be loaded (what a bundled browser app without its `.wasm` files
 * meets) must fail loudly: the fallback message, or the error without fallback, names the binary and the
 * URL tried, and says how to fix it. Its own test file: tfjs refuses to start wasm again in this process
 * once a start has failed (vitest runs each test file in a fresh process).
 */
import { describe, expect, it } from "vitest";
import { currentBackend, initBackend } from "./backend.js";
import { DescentError } from "./errors.js";

describe("initBackend with unreachable wasm binaries", () => {
  it("falls back to cpu with a message naming the file and path, and then throws without fallback", async () => {
    const messages: string[] = [];
    const silenced = console.error;
    console.error = () => {}; // the emscripten runtime prints its own abort lines
    try {
      const backend = await initBackend({
        wasmPaths: "/nonexistent-descent-wasm/",
        onFallback: (m) => messages.push(m),
      });
      expect(backend).toBe("cpu");
      expect(currentBackend()).toBe("cpu");
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain('"/nonexistent-descent-wasm/tfjs-backend-wasm-simd.wasm"');
      expect(messages[0]).toMatch(/pass initBackend\(\{ wasmPaths \}\)/);
      expect(messages[0]).toMatch(/falling back to "cpu"/);

      const error = await initBackend({ wasmPaths: "/elsewhere/", fallback: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DescentError);
      expect((error as DescentError).parameter).toBe("backend");
      // the first start's paths are the ones tfjs keeps; the message says this call's are ignored
      expect((error as DescentError).message).toContain(
        '"/nonexistent-descent-wasm/tfjs-backend-wasm-simd.wasm"',
      );
      expect((error as DescentError).message).toMatch(/this call's wasmPaths is ignored/);
      expect(currentBackend()).toBe("cpu");
    } finally {
      console.error = silenced;
    }
  });
});
