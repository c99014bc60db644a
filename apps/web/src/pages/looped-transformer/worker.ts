import { serveRun, yieldToEventLoop } from "../../worker-runner.js";
import type { LoopedConfig, LoopedProgress } from "./config.js";
import { runLoopCount } from "./experiment.js";

serveRun<LoopedConfig, LoopedProgress>(
  async (config, report) => {
    for (const loops of config.loops) {
      report(runLoopCount(config, loops, report));
      await yieldToEventLoop();
    }
  },
  { tfjs: false },
);
