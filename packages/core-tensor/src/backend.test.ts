import { afterAll, describe, expect, it } from "vitest";
import { availableBackends, currentBackend, initBackend, tf } from "./backend.js";
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

  it("rejects misspelt and mistyped options, naming the parameter", async () => {
    const named = async (options: object) =>
      ((await initBackend(options as never).catch((e: unknown) => e)) as DescentError).parameter;
    await expect(initBackend({ wasmPath: "/a/" } as never)).rejects.toThrow(/did you mean "wasmPaths"/);
    expect(await named({ wasmThreads: "yes" })).toBe("wasmThreads");
    expect(await named({ fallback: 1 })).toBe("fallback");
    expect(await named({ fastKernels: null })).toBe("fastKernels");
    expect(await named({ onFallback: "warn" })).toBe("onFallback");
    expect(await named({ wasmPaths: "" })).toBe("wasmPaths");
    expect(await named({ wasmPaths: { "tfjs-backend-wasm.wasm": "/a" } })).toBe("wasmPaths");
    expect(await named({ wasmPaths: { "backend.wasm": "/a" } })).toBe('wasmPaths["backend.wasm"]');
  });

  it("accepts wasmPaths and wasmThreads once wasm has started (they only apply to its first start)", async () => {
    expect(await initBackend()).toBe("wasm");
    expect(await initBackend({ wasmPaths: "/nowhere/", wasmThreads: false })).toBe("wasm");
    expect(tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0]).toBe(3);
  });

  it("offers wasm and cpu in Node, and not webgl (tfjs registers it only in browsers)", () => {
    const names = availableBackends();
    expect(names.slice(0, 2)).toEqual(["wasm", "cpu"]);
    expect(names).not.toContain("webgl");
  });
});
