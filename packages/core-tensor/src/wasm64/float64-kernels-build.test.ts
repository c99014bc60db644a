import { describe, expect, it } from "vitest";
import { compileFloat64Kernels, renderGeneratedModule } from "../../scripts/wasm-module.mjs";
import { FLOAT64_KERNELS_WASM_BASE64 } from "./float64-kernels.generated.js";

describe("embedded float64 wasm kernels", () => {
  it("match a fresh asc build of assembly/ (else run `pnpm --filter @descent/core-tensor build:wasm`)", async () => {
    const bytes = await compileFloat64Kernels();
    expect(bytes.length).toBeGreaterThan(1000);
    const fresh = Buffer.from(bytes).toString("base64");
    expect(fresh === FLOAT64_KERNELS_WASM_BASE64, "the committed module is stale: run build:wasm").toBe(true);
    expect(renderGeneratedModule(bytes)).toContain(FLOAT64_KERNELS_WASM_BASE64);
  });
});
