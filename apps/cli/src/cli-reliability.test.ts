import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClaimStatus, Demo } from "./demo.js";
import { cliVersion, runCli } from "./program.js";
import { silentProgress } from "./progress.js";

async function cli(argv: string[], demos: readonly Demo[]) {
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
    demos,
  });
  return { out, err, code };
}

function demo(name: string, status: ClaimStatus, ran: { count: number } = { count: 0 }): Demo {
  return {
    name,
    packageName: `@descent/${name}`,
    title: `${name} title`,
    description: "A stand-in demo for the CLI tests.",
    async run(ctx) {
      ran.count++;
      ctx.report.section("numbers").table(["seed"], [[ctx.seed]]);
      return { status, headline: `${name} headline` };
    },
  };
}

describe("descent CLI: --out checked first, honest marks, --version", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "descent-cli-rel-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("an unusable --out fails before any demo runs, with one line and no stack trace", async () => {
    const ran = { count: 0 };
    const file = join(dir, "a-file");
    await writeFile(file, "");
    for (const out of [join(file, "reports"), "/proc/descent-reports"]) {
      const r = await cli(["run", "alpha", "--out", out], [demo("alpha", "reproduced", ran)]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).toMatch(/^error: --out /);
      expect(r.err).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
      expect(r.out).toBe("");
    }
    expect(ran.count).toBe(0);
  });

  it("a demo whose verdict is 'not reproduced' is marked ✘, not ✔", async () => {
    const r = await cli(
      ["run", "all", "--out", join(dir, "all")],
      [demo("good", "reproduced"), demo("bad", "not reproduced")],
    );
    expect(r.out).toMatch(/✔ good \[reproduced\]/);
    expect(r.out).toMatch(/✘ bad \[not reproduced\]/);
    expect(r.out).not.toMatch(/✔ bad/);
    expect(await readFile(join(dir, "all", "index.md"), "utf8")).toContain("bad");
  });

  it("--version prints the CLI's version and exits 0", async () => {
    const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
    expect(cliVersion).toBe(pkg.version);
    const r = await cli(["--version"], []);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(pkg.version);
  });
});
