import { serveRun } from "../../worker-runner.js";
import type { FlRachConfig, FlRachProgress } from "./config.js";
import { runPolicies } from "./experiment.js";

serveRun<FlRachConfig, FlRachProgress>((config, report) => runPolicies(config, report, report), {
  tfjs: true,
  backend: (config) => config.backend,
});
