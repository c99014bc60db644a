import { serveRun, yieldToEventLoop } from "../../worker-runner.js";
import type { KahlerConfig, KahlerProgress } from "./config.js";
import { donaldsonAt, methodA, sampleClouds } from "./experiment.js";

serveRun<KahlerConfig, KahlerProgress>(
  async (config, report) => {
    const clouds = sampleClouds(config);
    for (const k of config.ks) {
      report(donaldsonAt(config, clouds, k));
      await yieldToEventLoop();
    }
    methodA(config, clouds, report);
  },
  { tfjs: false },
);
