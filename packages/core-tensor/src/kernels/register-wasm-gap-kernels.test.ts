import { beforeAll, describe, expect, it } from "vitest";
import { initBackend, tf } from "../backend.js";
import { registerWasmGapKernels, WASM_GAP_KERNELS } from "./register-wasm-gap-kernels.js";

describe("registerWasmGapKernels", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("fills exactly the kernels that tfjs 4.22's wasm backend lacks and the cpu backend has", () => {
    const cpu = new Set(tf.getKernelsForBackend("cpu").map((k) => k.kernelName));
    for (const name of WASM_GAP_KERNELS) {
      expect(cpu.has(name), name).toBe(true);
      expect(tf.getKernel(name, "wasm"), name).toBeDefined();
    }
    expect([...WASM_GAP_KERNELS].sort()).toEqual([
      "Conv2DBackpropFilter",
      "DepthwiseConv2dNativeBackpropFilter",
      "DepthwiseConv2dNativeBackpropInput",
      "UnsortedSegmentSum",
    ]);
  });

  it("is idempotent: a second call registers nothing", () => {
    expect(registerWasmGapKernels()).toEqual([]);
  });

  it("leaves the known remaining wasm gaps as tfjs errors (list kept explicit so a change is noticed)", () => {
    const wasm = new Set(tf.getKernelsForBackend("wasm").map((k) => k.kernelName));
    for (const name of ["Complex", "FFT", "IFFT", "Einsum", "Real", "Imag", "ComplexAbs"]) {
      expect(wasm.has(name), name).toBe(false);
    }
    expect(() => tf.tidy(() => tf.einsum("ij,jk->ik", tf.ones([2, 2]), tf.ones([2, 2])))).toThrow(/Einsum/);
  });
});
