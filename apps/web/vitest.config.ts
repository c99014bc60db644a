import { defineProject } from "vitest/config";

// The browser suite: builds the site, serves dist/ and drives Debian's chromium through playwright-core.
export default defineProject({
  test: {
    name: "web",
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
