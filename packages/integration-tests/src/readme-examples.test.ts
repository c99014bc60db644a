/**
 * Every public package's README examples run (convention in `readme-examples.ts` and the root README,
 * "Contributing"): each runnable ```ts block is written to a file inside its package folder (so that
 * `@descent/*` resolves through the workspace and the `source` condition), run with
 * `node --conditions=source --import tsx`, and must exit with 0 and print its documented ```text output.
 * Packages are discovered from `packages/*`, so a new package is covered without editing this file.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { missingOutputLines, type ReadmeExample, readmeExamples } from "./readme-examples.js";

const packagesDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** One example's limit; the whole file stays under about a minute on a loaded 2-core machine. */
const EXAMPLE_TIMEOUT_MS = 45_000;
const TEST_TIMEOUT_MS = EXAMPLE_TIMEOUT_MS + 15_000;
const TEMP_PREFIX = ".readme-example-";

const TYPECHECK_TIMEOUT_MS = 120_000;
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");

interface PublicPackage {
  dir: string;
  name: string;
  readme: string | undefined;
}

function publicPackages(): PublicPackage[] {
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(packagesDir, e.name, "package.json")))
    .map((e) => {
      const dir = join(packagesDir, e.name);
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name: string;
        private?: boolean;
      };
      const readmePath = join(dir, "README.md");
      return {
        dir,
        name: manifest.name,
        private: manifest.private === true,
        readme: existsSync(readmePath) ? readFileSync(readmePath, "utf8") : undefined,
      };
    })
    .filter((p) => !p.private)
    .map(({ dir, name, readme }) => ({ dir, name, readme }));
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function runExample(pkgDir: string, example: ReadmeExample): Promise<RunResult> {
  const file = join(pkgDir, `${TEMP_PREFIX}${example.index}-${process.pid}.ts`);
  writeFileSync(file, `${example.code}\n`);
  const started = performance.now();
  return new Promise<RunResult>((done) => {
    execFile(
      process.execPath,
      ["--conditions=source", "--import", "tsx", file],
      { cwd: pkgDir, timeout: EXAMPLE_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        rmSync(file, { force: true });
        const failure = error as (Error & { code?: number | string; signal?: NodeJS.Signals }) | null;
        done({
          code: failure ? (typeof failure.code === "number" ? failure.code : null) : 0,
          signal: failure?.signal ?? null,
          stdout,
          stderr,
          ms: performance.now() - started,
        });
      },
    );
  });
}

function describeFailure(pkg: PublicPackage, example: ReadmeExample, result: RunResult): string {
  const how = result.signal
    ? `was killed (${result.signal}) after ${Math.round(result.ms)} ms (limit ${EXAMPLE_TIMEOUT_MS} ms)`
    : `exited with ${result.code}`;
  return `${pkg.name} README example ${example.index} (line ${example.line}) ${how}\n--- stderr\n${result.stderr.slice(-4000)}\n--- stdout\n${result.stdout.slice(-2000)}`;
}

async function expectExampleRuns(pkg: PublicPackage, example: ReadmeExample): Promise<void> {
  const result = await runExample(pkg.dir, example);
  if (result.code !== 0) throw new Error(describeFailure(pkg, example, result));
  expect(
    missingOutputLines(example.expectedOutput, result.stdout),
    "documented output lines missing",
  ).toEqual([]);
}

const packages = publicPackages();

describe("README examples of every public package", () => {
  it("finds the public packages, each with a README", () => {
    expect(packages.map((p) => p.name)).toContain("@descent/core-tensor");
    expect(packages.filter((p) => p.readme === undefined).map((p) => p.name)).toEqual([]);
  });

  const notRun: string[] = [];
  for (const pkg of packages) {
    const examples = readmeExamples(pkg.readme ?? "");
    describe.sequential(pkg.name, () => {
      it("has at least one runnable README example", () => {
        expect(examples.filter((e) => e.notRunReason === undefined).length).toBeGreaterThan(0);
      });
      for (const example of examples) {
        const title = `example ${example.index} (README line ${example.line})`;
        if (example.notRunReason !== undefined) {
          notRun.push(`${pkg.name} ${title}: ${example.notRunReason}`);
          continue;
        }
        it(`${title} runs`, { timeout: TEST_TIMEOUT_MS }, () => expectExampleRuns(pkg, example));
      }
    });
  }

  it("runnable examples type-check under the workspace's strict tsconfig (unused locals allowed)", {
    timeout: TYPECHECK_TIMEOUT_MS,
  }, async () => {
    const files = new Map<string, string>();
    for (const pkg of packages) {
      const short = pkg.dir.split(/[\\/]/).at(-1) ?? pkg.name;
      for (const example of readmeExamples(pkg.readme ?? "")) {
        if (example.notRunReason !== undefined) continue;
        const file = join(pkg.dir, `${TEMP_PREFIX}tc-${example.index}-${process.pid}.ts`);
        // `export {}` keeps each example a module, so top-level names of two examples never clash
        writeFileSync(file, `${example.code}\nexport {};\n`);
        files.set(file, `${short}#${example.index}`);
      }
    }
    const project = join(packagesDir, "integration-tests", `${TEMP_PREFIX}tsconfig-${process.pid}.json`);
    writeFileSync(
      project,
      JSON.stringify({
        extends: "../../tooling/tsconfig/base.json",
        compilerOptions: { noUnusedLocals: false },
        files: [...files.keys()],
      }),
    );
    let output = "";
    try {
      output = await new Promise<string>((done) => {
        execFile(
          process.execPath,
          [tsc, "--noEmit", "--pretty", "false", "-p", project],
          { cwd: dirname(project), timeout: TYPECHECK_TIMEOUT_MS - 10_000, maxBuffer: 16 * 1024 * 1024 },
          (_error, stdout, stderr) => done(`${stdout}${stderr}`),
        );
      });
    } finally {
      for (const file of [...files.keys(), project]) rmSync(file, { force: true });
    }
    const failing = new Set<string>();
    for (const line of output.split("\n")) {
      const file = /^(.*?\.ts)\(\d+,\d+\): error/.exec(line)?.[1];
      if (file !== undefined) failing.add(files.get(resolve(dirname(project), file)) ?? file);
    }
    expect([...failing].sort(), output).toEqual([]);
  });

  it("lists the examples marked not run, each with its reason", () => {
    if (notRun.length > 0) console.info(`README examples not run in CI:\n  ${notRun.join("\n  ")}`);
    for (const line of notRun) expect(line).toMatch(/: \S/);
  });

  it("leaves no temporary example files behind", () => {
    const left = packages.flatMap((p) =>
      readdirSync(p.dir).filter((f) => f.startsWith(TEMP_PREFIX) && f.includes(`-${process.pid}.`)),
    );
    expect(left).toEqual([]);
  });
});
