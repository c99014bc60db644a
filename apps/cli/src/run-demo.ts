/**
 * Runs one demo end to end: sets up the backend, times it, writes its report with a header that states
 * the verdict, the seed, the mode and the machine.
 */
import { cpus } from "node:os";
import { join } from "node:path";
import { initBackend } from "@descent/core-tensor";
import type { Demo, DemoOutcome } from "./demo.js";
import { type Progress, silentProgress } from "./progress.js";
import { Report } from "./report-writer.js";

/** Options of {@link runDemo}. */
export interface RunDemoOptions {
  quick: boolean;
  seed: number;
  /** Root folder of reports; the demo writes into `<outRoot>/<demo.name>`. */
  outRoot: string;
  progress?: Progress;
  signal?: AbortSignal;
  log?: (message: string) => void;
}

/** What a finished run produced. */
export interface DemoRunResult extends DemoOutcome {
  demo: string;
  title: string;
  reportPath: string;
  seconds: number;
}

/** Runs `demo` and writes its report. */
export async function runDemo(demo: Demo, options: RunDemoOptions): Promise<DemoRunResult> {
  const { quick, seed, outRoot, progress = silentProgress, log = () => {} } = options;
  const outDir = join(outRoot, demo.name);
  const backend = await initBackend();
  const report = new Report();
  const started = performance.now();
  const outcome = await demo.run({
    quick,
    seed,
    outDir,
    report,
    progress,
    signal: options.signal ?? new AbortController().signal,
    log,
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const date = new Date().toISOString().slice(0, 10);
  const header = [
    `# ${demo.title}`,
    "",
    `**Verdict: ${outcome.status}.** ${outcome.headline}`,
    "",
    `Package \`${demo.packageName}\` · mode \`${quick ? "quick" : "full"}\` · seed ${seed} · backend ${backend} · ` +
      `${cpus().length} × ${cpu} · Node ${process.versions.node} · ${date} · ${seconds.toFixed(1)} s`,
    "",
    demo.description,
    "",
  ].join("\n");
  const reportPath = await report.write(outDir, header, {
    demo: demo.name,
    package: demo.packageName,
    quick,
    seed,
    backend,
    date,
    seconds,
    status: outcome.status,
    headline: outcome.headline,
  });
  return { ...outcome, demo: demo.name, title: demo.title, reportPath, seconds };
}
