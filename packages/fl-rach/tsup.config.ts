import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "mlp-worker": "src/mlp-worker.ts" },
  shims: true,
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
});
