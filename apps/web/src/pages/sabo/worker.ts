import { serveRun, yieldToEventLoop } from "../../worker-runner.js";
import type { SaboConfig, SaboProgress } from "./config.js";
import { buildLandscape, createOptimizers, describe, landscapeGrid, stepIteration } from "./experiment.js";

serveRun<SaboConfig, SaboProgress>(
  async (config, report) => {
    const task = buildLandscape(config.seed);
    const runs = createOptimizers(config);
    report({
      landscape: landscapeGrid(task),
      states: runs.map((r) => describe(r.label, r.optimizer, [], task)),
    });
    for (let t = 0; t < config.iterations; t++) {
      const states = runs.map((r) =>
        describe(r.label, r.optimizer, stepIteration(r.optimizer, task.train), task),
      );
      report({ states });
      if (config.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.delayMs));
      else await yieldToEventLoop();
    }
  },
  { tfjs: false },
);
