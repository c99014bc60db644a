import { defineConfig } from "vitest/config";

// One vitest run over the whole workspace; each package has its own project config.
export default defineConfig({
  test: { projects: ["packages/*", "apps/*", "tooling/bench-peers"] },
});
