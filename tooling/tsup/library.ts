import { defineConfig, type Options } from "tsup";

/**
 * The build of a publishable descent package: ESM + CJS + `.d.ts` for each entry, sourcemaps, ES2022
 * (core-tensor platform notes §1: in a `"type": "module"` package tsup emits `.js`/`.cjs`/`.d.ts`/`.d.cts`, which the
 * packages' `exports` maps name).
 */
export function libraryBuild(entry: Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    ...overrides,
  });
}
