import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Demo } from "./demo.js";
import { parseSeed, runCli } from "./program.js";
import { silentProgress } from "./progress.js";

interface Captured {
  out: string;
  err: string;
  code: number;
}

async function cli(argv: string[], demos?: readonly Demo[]): Promise<Captured> {
  let out = "";
  let err = "";
  const code = await runCli(argv, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    progress: silentProgress,
    ...(demos ? { demos } : {}),
  });
  return { out, err, code };
}

const fakeDemo = (name: string, fail = false): Demo => ({
  name,
  packageName: `@descent/${name}`,
  title: `${name} title`,
  description: "A stand-in demo for the CLI tests.",
  async run(ctx) {
    if (fail) throw new Error(`${name} broke`);
    ctx.report.section("numbers").table(["seed", "quick"], [[ctx.seed, String(ctx.quick)]]);
    return { status: "not applicable", headline: `${name} ran with seed ${ctx.seed}` };
  },
});

describe("descent CLI", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "descent-cli-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("run core-tensor --quick writes report.md with a table and an SVG figure, and results.json", async () => {
    const r = await cli(["run", "core-tensor", "--quick", "--seed", "3", "--out", dir]);
    expect(r.err).not.toMatch(/failed/);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✔ core-tensor \[/);
    const folder = join(dir, "core-tensor");
    const md = await readFile(join(folder, "report.md"), "utf8");
    expect(md).toMatch(/^# /);
    expect(md).toMatch(/\*\*Verdict: (reproduced|partially reproduced|not reproduced|not applicable)\.\*\*/);
    expect(md).toMatch(/seed 3/);
    expect(md).toMatch(/\n\| [^\n]+ \|\n\| (---|:?---:?)/); // a Markdown table
    const svgs = (await readdir(folder)).filter((f) => f.endsWith(".svg"));
    expect(svgs.length).toBeGreaterThan(0);
    for (const svg of svgs) {
      expect(md).toContain(`](${svg})`);
      expect(await readFile(join(folder, svg), "utf8")).toMatch(/^<svg[\s\S]*<\/svg>$/);
    }
    const json = JSON.parse(await readFile(join(folder, "results.json"), "utf8"));
    expect(json).toMatchObject({ demo: "core-tensor", quick: true, seed: 3 });
    expect(json.results.matmul.sizes).toEqual([64, 128, 256]);
    // the float64 solver table: every planted-answer check within its tolerance
    const accuracy = json.results.solverAccuracy as { method: string; error: number; tolerance: number }[];
    expect(new Set(accuracy.map((r) => r.method))).toEqual(
      new Set(["Cholesky", "LU solve", "QR", "eigh", "SVD", "CG"]),
    );
    for (const r of accuracy) expect(r.error).toBeLessThanOrEqual(r.tolerance);
    expect(md).toMatch(/## float64 solver accuracy/);
  });

  it("run all writes one report per demo and an index page, and a failing demo fails the run", async () => {
    const out = join(dir, "all");
    const r = await cli(
      ["run", "all", "--quick", "--out", out],
      [fakeDemo("alpha"), fakeDemo("beta", true), fakeDemo("gamma")],
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/✘ beta failed: Error: beta broke/);
    const index = await readFile(join(out, "index.md"), "utf8");
    expect(index).toMatch(/\[alpha\]\(alpha\/report\.md\)/);
    expect(index).toMatch(/\[gamma\]\(gamma\/report\.md\)/);
    expect(index).not.toMatch(/beta/);
    expect(index).toMatch(/Mode `quick`, seed 0/);
    expect(await readFile(join(out, "gamma", "report.md"), "utf8")).toMatch(/gamma ran with seed 0/);
  });

  it("run <unknown> fails with exit code 2 and a message listing the known demos", async () => {
    const r = await cli(["run", "nope", "--out", dir], [fakeDemo("alpha")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown demo "nope"; known demos: alpha, all/);
  });

  it("rejects a bad --seed before running anything", async () => {
    for (const bad of ["-1", "1.5", "abc", ""]) {
      const r = await cli(["run", "alpha", "--seed", bad, "--out", dir], [fakeDemo("alpha")]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/--seed must be a non-negative integer/);
      expect(r.out).toBe("");
    }
    expect(parseSeed("42")).toBe(42);
  });

  it("has --help on every command and lists the demos", async () => {
    for (const argv of [["--help"], ["run", "--help"], ["list", "--help"], ["help", "run"]]) {
      const r = await cli(argv);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Usage: descent/);
    }
    expect((await cli(["run", "--help"])).out).toMatch(/--quick[\s\S]*--seed <n>[\s\S]*--out <dir>/);
    const list = await cli(["list"], [fakeDemo("alpha"), fakeDemo("beta")]);
    expect(list.out).toMatch(/^alpha\s+@descent\/alpha\s+alpha title\nbeta/);
  });
});
