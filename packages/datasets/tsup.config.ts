import { defineConfig } from "tsup";

// ESM only: the package is private (demos and tests) and locates its data with import.meta.url.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
});
