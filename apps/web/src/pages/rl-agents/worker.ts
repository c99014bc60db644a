import { serveRun } from "../../worker-runner.js";
import type { LrrlConfig, LrrlProgress } from "./config.js";
import { trainWithLrrl } from "./experiment.js";

serveRun<LrrlConfig, LrrlProgress>((config, report) => trainWithLrrl(config, report), { tfjs: false });
