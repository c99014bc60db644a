/**
 * The `descent` command line: `list`, `run <demo> [--quick] [--seed N] [--out DIR]`, `run all [--quick]`.
 * Argument parsing and help come from commander; {@link runCli} returns the exit code instead of exiting,
 * so that tests drive it in-process.
 */
import { createRequire } from "node:module";
import { relative } from "node:path";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import type { Demo } from "./demo.js";
import { writeIndexPage } from "./index-page.js";
import { OutDirError, prepareOutDir } from "./out-dir.js";
import { createProgress, type Progress } from "./progress.js";
import { demos as registeredDemos } from "./registry.js";
import { type DemoRunResult, runDemo } from "./run-demo.js";

/** Where the CLI writes; defaults to the process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress display for demos (a bar on a TTY, plain lines otherwise). */
  progress?: Progress;
  /** The demos to offer (tests pass a small list). Default: the registry. */
  demos?: readonly Demo[];
  /** Aborts a running demo (SIGINT in `main.ts`). */
  signal?: AbortSignal;
}

/** `--seed`: a non-negative safe integer. */
export function parseSeed(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < 0 || n > Number.MAX_SAFE_INTEGER) {
    throw new InvalidArgumentError(`--seed must be a non-negative integer, received "${value}"`);
  }
  return n;
}

/** The CLI's own version (src/ and dist/ both sit one level below the package root). */
export const cliVersion: string = (createRequire(import.meta.url)("../package.json") as { version: string })
  .version;

/** Builds the commander program; actions report failures through `state.exitCode`. */
function createProgram(io: CliIo, state: { exitCode: number }): Command {
  const demos = io.demos ?? registeredDemos;
  const names = demos.map((d) => d.name);
  const program = new Command()
    .name("descent")
    .description(
      "Reduced-scale reproductions of the descent papers; each run writes reports/<demo>/report.md",
    )
    .version(cliVersion, "-V, --version", "print the version and exit")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError("(add --help for usage)")
    .addHelpText(
      "after",
      "\nIn the browser: `pnpm --filter web dev` serves the interactive gallery (apps/web); " +
        "`pnpm --filter web build` writes the static site to apps/web/dist.",
    );

  program
    .command("list")
    .description("list the registered demos")
    .action(() => {
      for (const d of demos) io.stdout(`${d.name.padEnd(22)} ${d.packageName.padEnd(30)} ${d.title}\n`);
    });

  program
    .command("run")
    .description('run one demo by name, or "all" (then also writes <out>/index.md)')
    .argument("<demo>", `demo name (${names.join(", ")}) or "all"`)
    .option("-q, --quick", "quick mode: under a minute per demo (the main job)", false)
    .option("-s, --seed <n>", "random seed (non-negative integer)", parseSeed, 0)
    .option("-o, --out <dir>", "reports folder", "reports")
    .action(async (name: string, opts: { quick: boolean; seed: number; out: string }) => {
      const one = demos.find((d) => d.name === name);
      if (name !== "all" && one === undefined) {
        program.error(`error: unknown demo "${name}"; known demos: ${[...names, "all"].join(", ")}`, {
          exitCode: 2,
          code: "descent.unknownDemo",
        });
      }
      try {
        await prepareOutDir(opts.out);
      } catch (error) {
        if (!(error instanceof OutDirError)) throw error;
        io.stderr(`error: ${error.message}\n`);
        state.exitCode = 2;
        return;
      }
      const selected = one === undefined ? [...demos] : [one];
      const progress = io.progress ?? createProgress();
      const results: DemoRunResult[] = [];
      for (const demo of selected) {
        io.stderr(`▶ ${demo.name}: ${demo.title}${opts.quick ? " (quick)" : ""}\n`);
        try {
          const r = await runDemo(demo, {
            quick: opts.quick,
            seed: opts.seed,
            outRoot: opts.out,
            progress,
            ...(io.signal ? { signal: io.signal } : {}),
            log: (m) => io.stderr(`  ${m}\n`),
          });
          results.push(r);
          // a claim that did not hold is a finished run, but not a success to tick
          const mark = r.status === "not reproduced" ? "✘" : "✔";
          io.stdout(
            `${mark} ${demo.name} [${r.status}] ${r.headline} (${r.seconds.toFixed(1)} s) → ${relative(process.cwd(), r.reportPath)}\n`,
          );
        } catch (error) {
          state.exitCode = 1;
          progress.stop();
          io.stderr(
            `✘ ${demo.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`,
          );
        }
      }
      if (name === "all") {
        const index = await writeIndexPage(opts.out, results, { quick: opts.quick, seed: opts.seed });
        io.stdout(`index → ${relative(process.cwd(), index)}\n`);
      }
    });
  return program;
}

/**
 * Runs the CLI on `argv` (without the `node` and script entries) and resolves to the exit code:
 * 0 on success (also for `--help`), 1 when a demo failed, commander's code (1) or 2 for usage errors.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const state = { exitCode: 0 };
  const program = createProgram(io, state);
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" || error.code === "commander.version"
        ? 0
        : error.exitCode;
    }
    throw error;
  }
  return state.exitCode;
}
