import { defineProject } from "vitest/config";

/** The unit tests of the bench:peers harness's pure logic (the benchmarks themselves are not tests). */
export default defineProject({
  test: { name: "bench-peers", include: ["*.test.ts"] },
});
