/**
 * Runs one demo end to end: sets up the backend, times it, writes its report with a header that states
 * the verdict, the seed, the mode and the machine.
 */
import { cpus } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { initBackend } from "@descent/core-tensor";
import type { Demo, DemoOutcome } from "./demo.js";
import { type Progress, silentProgress } from "./progress.js";
import { Report } from "./report-writer.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The link to the method document and the definitions of the report's terms, placed under the verdict. */
function methodAndTerms(demo: Demo, outDir: string): string[] {
  const lines: string[] = [];
  if (demo.method) {
    const link = relative(resolve(outDir), join(repoRoot, demo.method)).split("\\").join("/");
    lines.push(
      `Method, defaults and the statements checked (its reproduction protocol): [${demo.method}](${link}). ` +
        'In quick mode, a statement that the smaller run cannot decide is marked "not judged (quick)", not failed.',
      "",
    );
  }
  const terms = Object.entries(demo.terms ?? {});
  if (terms.length > 0) {
    lines.push("**Terms.**", "", ...terms.map(([term, meaning]) => `- **${term}**: ${meaning}`), "");
  }
  return lines;
}

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
    // the method link and the terms come first, so that the description and every table read with them defined
    ...methodAndTerms(demo, outDir),
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
