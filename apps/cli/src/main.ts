/**
 * The `descent` command: `list`, `run <demo> [--quick] [--seed N] [--out DIR]`, `run all [--quick]`.
 * From the repository root: `pnpm demo <command>`.
 */
import { runCli } from "./program.js";

const controller = new AbortController();
process.once("SIGINT", () => controller.abort());
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  signal: controller.signal,
});
