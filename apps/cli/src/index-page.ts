/** The `reports/index.md` page that `run all` writes: one row per demo with its verdict. */
import { mkdir, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { markdownTable } from "@descent/core-tensor/report";
import type { DemoRunResult } from "./run-demo.js";

/** Writes `<outRoot>/index.md` and returns its path. */
export async function writeIndexPage(
  outRoot: string,
  results: readonly DemoRunResult[],
  meta: { quick: boolean; seed: number },
): Promise<string> {
  await mkdir(outRoot, { recursive: true });
  const rows = results.map((r) => [
    `[${r.demo}](${relative(outRoot, r.reportPath)})`,
    r.title,
    r.status,
    r.headline,
    Number(r.seconds.toFixed(1)),
  ]);
  const md = [
    "# descent reproductions",
    "",
    `Mode \`${meta.quick ? "quick" : "full"}\`, seed ${meta.seed}, ${new Date().toISOString().slice(0, 10)}.`,
    "",
    markdownTable(["demo", "paper", "verdict", "headline", "seconds"], rows),
  ].join("\n");
  const path = join(outRoot, "index.md");
  await writeFile(path, md);
  return path;
}
