import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: { name: "lowrank-pgd", include: ["src/**/*.test.ts"], testTimeout: 60_000 },
});
