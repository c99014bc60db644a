/**
 * Packaging acceptance (issue 2, "Acceptance"): the tarball of `pnpm pack` installs into a project
 * OUTSIDE the workspace together with its tfjs peers, loads through ESM `import` and CJS `require`
 * (wasm backend, a seeded draw equal to the one from the sources) and type-checks under
 * `tsc --module nodenext`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Rng } from "@descent/core-tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");

function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${cmd} ${args.join(" ")} failed in ${cwd}:\n${e.stdout ?? ""}\n${e.stderr ?? e.message}`,
    );
  }
}

describe("@descent/core-tensor tarball in a fresh project", () => {
  let project = "";
  let packDir = "";

  beforeAll(() => {
    // the tarball ships dist/: build it (a turbo cache hit when `pnpm test` already built it)
    run(
      "pnpm",
      ["exec", "turbo", "run", "build", "--filter=@descent/core-tensor", "--output-logs=errors-only"],
      repoRoot,
    );
    packDir = mkdtempSync(join(tmpdir(), "descent-pack-"));
    run("pnpm", ["--filter", "@descent/core-tensor", "pack", "--pack-destination", packDir], repoRoot);
    const tarball = readdirSync(packDir).find((f) => f.endsWith(".tgz"));
    if (!tarball) throw new Error(`pnpm pack wrote no tarball into ${packDir}`);
    project = mkdtempSync(join(tmpdir(), "descent-consumer-"));
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "descent-consumer", version: "1.0.0", private: true, type: "module" }, null, 2),
    );
    // pnpm with the shared store: the tfjs packages are already there from the workspace install
    run(
      "pnpm",
      [
        "add",
        join(packDir, tarball),
        "@tensorflow/tfjs@4.22.0",
        "@tensorflow/tfjs-backend-wasm@4.22.0",
        "--config.strict-peer-dependencies=false",
        "--reporter=silent",
      ],
      project,
    );
  });

  afterAll(() => {
    for (const dir of [project, packDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const expectedDraw = new Rng(42).float();

  it("loads with ESM import: initBackend() selects wasm and Rng(42) draws what the sources draw", () => {
    writeFileSync(
      join(project, "esm.mjs"),
      [
        'import { initBackend, Rng, tf } from "@descent/core-tensor";',
        'import { markdownTable } from "@descent/core-tensor/report";',
        "const backend = await initBackend();",
        "const sum = tf.tensor1d([1, 2, 3]).sum().dataSync()[0];",
        'const table = markdownTable(["a"], [[1]]);',
        "console.log(JSON.stringify({ backend, draw: new Rng(42).float(), sum, table }));",
      ].join("\n"),
    );
    const out = JSON.parse(run("node", ["esm.mjs"], project).trim().split("\n").at(-1) ?? "{}");
    expect(out).toEqual({ backend: "wasm", draw: expectedDraw, sum: 6, table: "| a |\n| --- |\n| 1 |\n" });
  });

  it("loads with CJS require: initBackend() selects wasm and Rng(42) draws what the sources draw", () => {
    writeFileSync(
      join(project, "cjs.cjs"),
      [
        'const { initBackend, Rng } = require("@descent/core-tensor");',
        'const { formatNumber } = require("@descent/core-tensor/report");',
        "initBackend().then((backend) => {",
        "  console.log(JSON.stringify({ backend, draw: new Rng(42).float(), pi: formatNumber(Math.PI) }));",
        "});",
      ].join("\n"),
    );
    const out = JSON.parse(run("node", ["cjs.cjs"], project).trim().split("\n").at(-1) ?? "{}");
    expect(out).toEqual({ backend: "wasm", draw: expectedDraw, pi: "3.142" });
  });

  it("type-checks under tsc --module nodenext from ESM and CJS files, and rejects a wrong call", () => {
    writeFileSync(
      join(project, "check.mts"),
      [
        'import { type BackendName, DescentError, initBackend, Rng } from "@descent/core-tensor";',
        'import { type LinePlotSpec, markdownTable } from "@descent/core-tensor/report";',
        "const backend: BackendName = await initBackend();",
        "const x: number = new Rng(1).normal(0, 1);",
        'const spec: LinePlotSpec = { title: "t", xLabel: "x", yLabel: "y", series: [] };',
        'const md: string = markdownTable(["a"], [[x]]);',
        "export const values = [backend, x, spec, md, DescentError];",
      ].join("\n"),
    );
    writeFileSync(
      join(project, "check.cts"),
      [
        'import { Rng } from "@descent/core-tensor";',
        'import { formatNumber } from "@descent/core-tensor/report";',
        "export const s: string = formatNumber(new Rng(1).float());",
      ].join("\n"),
    );
    const tsconfig = (files: string[]) =>
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2022", "dom"],
          types: [],
          // tfjs 4.22's own .d.ts files do not pass a strict check (Long, PyJsonValue); every tfjs user sets this
          skipLibCheck: true,
        },
        files,
      });
    writeFileSync(join(project, "tsconfig.json"), tsconfig(["check.mts", "check.cts"]));
    writeFileSync(join(project, "tsconfig.wrong.json"), tsconfig(["wrong.mts"]));
    run("node", [tsc, "-p", "tsconfig.json"], project);
    writeFileSync(
      join(project, "wrong.mts"),
      'import { Rng } from "@descent/core-tensor";\nnew Rng("seed");\n',
    );
    expect(() => run("node", [tsc, "-p", "tsconfig.wrong.json"], project)).toThrow(/TS2345/);
  });

  it("instanceof DescentError holds across the ESM and the CJS build loaded in one process", () => {
    writeFileSync(
      join(project, "both-builds.mjs"),
      [
        'import { createRequire } from "node:module";',
        'import * as esm from "@descent/core-tensor";',
        'const cjs = createRequire(import.meta.url)("@descent/core-tensor");',
        "const fromCjs = new cjs.DescentError('bad', { parameter: 'radius' });",
        "const fromEsm = new esm.DescentError('bad', { parameter: 'radius' });",
        "console.log(JSON.stringify({",
        "  twoClasses: cjs.DescentError !== esm.DescentError,",
        "  cjsSeenByEsm: fromCjs instanceof esm.DescentError,",
        "  esmSeenByCjs: fromEsm instanceof cjs.DescentError,",
        "  plainError: new Error('x') instanceof esm.DescentError,",
        "}));",
      ].join("\n"),
    );
    const out = JSON.parse(run("node", ["both-builds.mjs"], project).trim().split("\n").at(-1) ?? "{}");
    expect(out).toEqual({ twoClasses: true, cjsSeenByEsm: true, esmSeenByCjs: true, plainError: false });
  });

  it("plotting without the optional vega peer fails with a message naming the missing package", () => {
    writeFileSync(
      join(project, "no-vega.mjs"),
      [
        'import { DescentError } from "@descent/core-tensor";',
        'import { renderVegaLiteSvg } from "@descent/core-tensor/report";',
        "try {",
        "  await renderVegaLiteSvg({ mark: 'point' });",
        "  console.log(JSON.stringify({ threw: false }));",
        "} catch (e) {",
        "  console.log(JSON.stringify({ threw: true, descent: e instanceof DescentError, message: e.message }));",
        "}",
      ].join("\n"),
    );
    const out = JSON.parse(run("node", ["no-vega.mjs"], project).trim().split("\n").at(-1) ?? "{}");
    expect(out.threw).toBe(true);
    expect(out.descent).toBe(true);
    expect(out.message).toMatch(/optional peer dependency "vega(-lite)?"/);
    expect(out.message).toMatch(/pnpm add vega vega-lite/);
  });
});
