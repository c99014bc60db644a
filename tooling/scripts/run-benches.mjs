// `pnpm bench [name ...]`: runs the `bench` script of every workspace package that has one (or only the
// named ones, by short or full name), one after the other so that timings do not compete, printing each
// package's own tables, then a summary. Exits non-zero if a bench failed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
const wanted = process.argv.slice(2);

const packages = [];
for (const group of ["packages", "apps"]) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).sort()) {
    const manifest = join(dir, name, "package.json");
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, "utf8"));
    const script = pkg.scripts?.bench;
    if (!script) continue;
    const short = pkg.name.replace(/^@descent\//, "");
    if (wanted.length > 0 && !wanted.includes(short) && !wanted.includes(pkg.name)) continue;
    packages.push({ name: pkg.name, short, dir: join(dir, name), script });
  }
}
if (wanted.length > 0) {
  const found = new Set(packages.flatMap((p) => [p.name, p.short]));
  const unknown = wanted.filter((w) => !found.has(w));
  if (unknown.length > 0) {
    process.stderr.write(`no bench script in: ${unknown.join(", ")}\n`);
    process.exit(2);
  }
}

const summary = [];
for (const p of packages) {
  // a bench script names its entry file; a package whose benches are not written yet is skipped, not failed
  const entry = p.script.match(/\bbench\/[\w./-]+\.[cm]?[jt]s\b/)?.[0];
  if (entry && !existsSync(join(p.dir, entry))) {
    summary.push([p.name, "skipped", `${entry} does not exist yet`]);
    continue;
  }
  process.stdout.write(`\n━━ ${p.name} ━━ ${p.script}\n`);
  const started = performance.now();
  const r = spawnSync("pnpm", ["--filter", p.name, "--silent", "run", "bench"], {
    cwd: root,
    stdio: "inherit",
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  summary.push([p.name, r.status === 0 ? "ok" : `failed (exit ${r.status})`, `${seconds} s`]);
}

process.stdout.write("\n| package | bench | time |\n| --- | --- | --- |\n");
for (const row of summary) process.stdout.write(`| ${row.join(" | ")} |\n`);
if (packages.length === 0) process.stdout.write("(no package has a bench script)\n");
process.exit(summary.some((r) => r[1].startsWith("failed")) ? 1 : 0);
