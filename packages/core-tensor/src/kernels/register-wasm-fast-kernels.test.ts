import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend, tf } from "../backend.js";
import {
  activeWasmFastKernels,
  registerWasmFastKernels,
  unregisterWasmFastKernels,
  WASM_FAST_KERNELS,
} from "./register-wasm-fast-kernels.js";

describe("registerWasmFastKernels", () => {
  beforeAll(async () => {
    await initBackend();
  });
  afterAll(async () => {
    await initBackend();
  });

  it("is installed by initBackend and lists BatchMatMul and _FusedMatMul", () => {
    expect([...WASM_FAST_KERNELS].sort()).toEqual(["BatchMatMul", "_FusedMatMul"]);
    expect(activeWasmFastKernels().sort()).toEqual(["BatchMatMul", "_FusedMatMul"]);
  });

  it("is idempotent, and unregistering puts tfjs's own kernel configs back", () => {
    const fast = tf.getKernel("BatchMatMul", "wasm");
    expect(registerWasmFastKernels()).toEqual([]);
    expect(tf.getKernel("BatchMatMul", "wasm")).toBe(fast);
    expect(unregisterWasmFastKernels().sort()).toEqual(["BatchMatMul", "_FusedMatMul"]);
    expect(activeWasmFastKernels()).toEqual([]);
    const original = tf.getKernel("BatchMatMul", "wasm");
    expect(original).not.toBe(fast);
    expect(unregisterWasmFastKernels()).toEqual([]);
    expect(registerWasmFastKernels().sort()).toEqual(["BatchMatMul", "_FusedMatMul"]);
    // the wrapper keeps tfjs's setup function, which binds the wasm export the original kernel calls
    expect(tf.getKernel("BatchMatMul", "wasm")?.setupFunc).toBe(original?.setupFunc);
  });

  it("can be switched off and on through initBackend's fastKernels option", async () => {
    await initBackend({ fastKernels: false });
    expect(activeWasmFastKernels()).toEqual([]);
    const y = tf.tidy(
      () => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3, 4]]), false, true).dataSync()[0],
    );
    expect(y).toBe(11);
    await initBackend();
    expect(activeWasmFastKernels().sort()).toEqual(["BatchMatMul", "_FusedMatMul"]);
  });
});
