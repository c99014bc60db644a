import { afterAll, describe, expect, it } from "vitest";
import { currentBackend, initBackend, tf } from "./backend.js";
import { DescentError } from "./errors.js";
import { WASM_GAP_KERNELS } from "./kernels/register-wasm-gap-kernels.js";

describe("initBackend", () => {
  afterAll(async () => {
    await initBackend();
  });

  it("starts wasm by default, registers the gap kernels, and switches to cpu on request", async () => {
    expect(await initBackend()).toBe("wasm");
    expect(currentBackend()).toBe("wasm");
    for (const kernel of WASM_GAP_KERNELS) expect(tf.getKernel(kernel, "wasm")).toBeDefined();
    expect(await initBackend({ backend: "cpu" })).toBe("cpu");
    expect(currentBackend()).toBe("cpu");
    expect(await initBackend({ backend: "wasm" })).toBe("wasm");
  });

  it("rejects an unknown backend name", async () => {
    await expect(initBackend({ backend: "tpu" as never })).rejects.toThrow(DescentError);
    await expect(initBackend({ backend: "tpu" as never })).rejects.toThrow(/backend must be one of/);
  });

  it("falls back to cpu with a message when a backend cannot start (webgpu is not installed in Node)", async () => {
    const messages: string[] = [];
    expect(await initBackend({ backend: "webgpu", onFallback: (m) => messages.push(m) })).toBe("cpu");
    expect(currentBackend()).toBe("cpu");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/webgpu.*falling back to "cpu"/);
    const error = await initBackend({ backend: "webgpu", fallback: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DescentError);
    expect((error as DescentError).parameter).toBe("backend");
  });
});
