// Runs vitest over the workspace and ends with the line "N passed, N failed" that CI reads,
// derived from vitest's JSON report (vitest's own summary is not in that form).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";

mkdirSync(".vitest", { recursive: true });
const out = ".vitest/report.json";
const args = [
  "exec",
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile=${out}`,
  ...process.argv.slice(2),
];
const run = spawnSync("pnpm", args, { stdio: "inherit" });
let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(out, "utf8"));
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
} catch {
  failed = 1;
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(run.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
