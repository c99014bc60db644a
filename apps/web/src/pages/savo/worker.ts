import { serveRun, yieldToEventLoop } from "../../worker-runner.js";
import type { SavoConfig, SavoProgress } from "./config.js";
import { buildAgents, buildTask, evaluation, landscape, proposalsOf, trainInChunks } from "./experiment.js";

serveRun<SavoConfig, SavoProgress>(
  async (config, report) => {
    const env = buildTask(config);
    report(landscape(config, env));
    for (const { label, agent } of buildAgents(config, env)) {
      for (const step of trainInChunks(config, env, agent)) {
        report(proposalsOf(label, agent, step));
        await yieldToEventLoop();
      }
      report(evaluation(config, label, agent, env));
    }
  },
  { tfjs: false },
);
