import { serveRun, yieldToEventLoop } from "../../worker-runner.js";
import type { AdversarialConfig, AdversarialProgress } from "./config.js";
import { coefficientPath, solverRace } from "./experiment.js";

serveRun<AdversarialConfig, AdversarialProgress>(
  async (config, report) => {
    for (const norm of ["linf", "l2"] as const)
      for (const point of coefficientPath(config, norm)) {
        report(point);
        await yieldToEventLoop();
      }
    for (const trace of solverRace(config)) {
      report(trace);
      await yieldToEventLoop();
    }
  },
  { tfjs: false },
);
