import { defineConfig } from "tsup";

export default defineConfig({
  // savo-cells: the worker-thread task of the `savo` demo, imported by URL beside main.js
  entry: { main: "src/main.ts", "savo-cells": "src/demos/rl-agents/savo-cells.ts" },
  format: ["esm"],
  dts: false,
  sourcemap: true,
  clean: true,
  target: "es2022",
  banner: { js: "#!/usr/bin/env node" },
});
