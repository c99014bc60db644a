/**
 * The `descent` command: `list`, `run <demo> [--quick] [--seed N] [--out DIR]`, `run all [--quick]`.
 * From the repository root: `pnpm demo <command>`.
 */
import { relative } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { writeIndexPage } from "./index-page.js";
import { createProgress } from "./progress.js";
import { demos, findDemo } from "./registry.js";
import { type DemoRunResult, runDemo } from "./run-demo.js";

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > Number.MAX_SAFE_INTEGER) {
    throw new InvalidArgumentError(`--seed must be a non-negative integer, received "${value}"`);
  }
  return n;
}

const program = new Command()
  .name("descent")
  .description("Reduced-scale reproductions of the descent papers; each run writes reports/<demo>/report.md")
  .showHelpAfterError();

program
  .command("list")
  .description("list the registered demos")
  .action(() => {
    for (const d of demos)
      process.stdout.write(`${d.name.padEnd(22)} ${d.packageName.padEnd(30)} ${d.title}\n`);
  });

program
  .command("run")
  .description('run one demo by name, or "all"')
  .argument("<demo>", `demo name (${demos.map((d) => d.name).join(", ")}) or "all"`)
  .option("-q, --quick", "quick mode: under a minute per demo (the main job)", false)
  .option("-s, --seed <n>", "random seed", parseSeed, 0)
  .option("-o, --out <dir>", "reports folder", "reports")
  .action(async (name: string, opts: { quick: boolean; seed: number; out: string }) => {
    const selected = name === "all" ? [...demos] : [findDemo(name)];
    if (selected[0] === undefined) {
      program.error(`unknown demo "${name}"; known: ${demos.map((d) => d.name).join(", ")}, all`);
    }
    const progress = createProgress();
    const controller = new AbortController();
    process.once("SIGINT", () => controller.abort());
    const results: DemoRunResult[] = [];
    let failed = 0;
    for (const demo of selected as typeof demos) {
      process.stderr.write(`▶ ${demo.name}: ${demo.title}${opts.quick ? " (quick)" : ""}\n`);
      try {
        const r = await runDemo(demo, {
          quick: opts.quick,
          seed: opts.seed,
          outRoot: opts.out,
          progress,
          signal: controller.signal,
          log: (m) => process.stderr.write(`  ${m}\n`),
        });
        results.push(r);
        process.stdout.write(
          `✔ ${demo.name} [${r.status}] ${r.headline} (${r.seconds.toFixed(1)} s) → ${relative(process.cwd(), r.reportPath)}\n`,
        );
      } catch (error) {
        failed++;
        progress.stop();
        process.stderr.write(
          `✘ ${demo.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`,
        );
      }
    }
    if (name === "all") {
      const index = await writeIndexPage(opts.out, results, { quick: opts.quick, seed: opts.seed });
      process.stdout.write(`index → ${relative(process.cwd(), index)}\n`);
    }
    if (failed > 0) process.exitCode = 1;
  });

await program.parseAsync(process.argv);
