import { defineProject } from "vitest/config";

/**
 * The vitest project of one workspace package: tests beside the code (`src/**\/*.test.ts`), run against
 * the sources of every workspace dependency through the `source` export condition, so no build is needed.
 * With Vite 8 the SSR resolve conditions are the ones that matter for Node tests (core-tensor platform notes §1).
 */
export function packageTestProject(
  name: string,
  options: { testTimeout?: number; hookTimeout?: number } = {},
) {
  return defineProject({
    resolve: { conditions: ["source"] },
    ssr: { resolve: { conditions: ["source"] } },
    test: {
      name,
      include: ["src/**/*.test.ts"],
      testTimeout: options.testTimeout ?? 30_000,
      ...(options.hookTimeout === undefined ? {} : { hookTimeout: options.hookTimeout }),
    },
  });
}
