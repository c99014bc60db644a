import { serveRun, yieldToEventLoop } from "../../worker-runner.js";
import type { HiFmConfig, HiFmProgress } from "./config.js";
import { buildSetup, dataMessage, flowFrames, nllMessages } from "./experiment.js";

serveRun<HiFmConfig, HiFmProgress>(
  async (config, report) => {
    const setup = buildSetup(config);
    report(dataMessage(setup));
    for (const frame of flowFrames(config, setup)) {
      report(frame);
      await yieldToEventLoop();
    }
    for (const m of nllMessages(setup)) report(m);
  },
  { tfjs: false },
);
