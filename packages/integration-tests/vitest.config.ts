import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  // packing and installing into a fresh project takes tens of seconds on a loaded machine
  test: {
    name: "integration-tests",
    include: ["src/**/*.test.ts"],
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
