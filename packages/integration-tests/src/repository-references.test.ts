/**
 * The repository stands alone: no file cites a document that is not in it (a design brief, a
 * shared folder, an absolute machine path), and every relative Markdown link or image, and every
 * `*.md` file named in a comment or a string, resolves to a file of the repository. Sources cite the
 * paper or their package's `docs/method.md` instead.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const self = relative(repoRoot, fileURLToPath(import.meta.url));

/** Tracked and untracked-but-not-ignored files: what a clone or a merge would carry. */
function repositoryFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: repoRoot,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return out
    .split("\n")
    .filter((f) => f !== "" && f !== self && existsSync(join(repoRoot, f)))
    .filter((f) => /\.(ts|tsx|mts|cts|js|mjs|cjs|md|yml|yaml)$/.test(f) || f.endsWith("package.json"));
}

/** Each pattern names a kind of reference to a document outside the repository. */
const externalReferences: { name: string; pattern: RegExp }[] = [
  { name: "ECOSYSTEM document", pattern: /\bECOSYSTEM(?:\.md)?\b/ },
  { name: "PACKAGE.md", pattern: /\bPACKAGE\.md\b/ },
  { name: "shared folder", pattern: /\bshared\/(?:papers|ECOSYSTEM|PACKAGE|STYLE|hooks)\b/ },
  { name: "absolute machine path", pattern: /(?:^|[\s("'`])\/work\// },
  { name: "the spec", pattern: /\b[Tt]he spec\b/ },
  { name: "spec's", pattern: /\b[Ss]pec's\b/ },
  { name: "(spec)", pattern: /\s\(spec\)/ },
  {
    name: "spec section",
    pattern:
      /\b[Ss]pec\s+(?:§|section\b|sections\b|pitfall\b|part\b|[A-C]-R\d|[A-C]\.[a-h0-9]|[a-h](?:\.\d+)?\b(?!['’]))/,
  },
];

/** Files written at run or release time (the CLI's `report.md` and `reports/index.md`; changesets' `CHANGELOG.md`). */
const generatedOutputs = new Set(["report.md", "index.md", "reports/index.md", "CHANGELOG.md"]);

/** `[text](target)` and `![alt](target)`, without absolute URLs and in-page anchors. */
function markdownLinks(text: string): string[] {
  const links: string[] = [];
  for (const m of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const target = m[1] as string;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#")) continue;
    links.push(target.split("#")[0] as string);
  }
  return links;
}

/** The nearest folder above `file` that holds a package.json (the package root). */
function packageRoot(file: string): string {
  let dir = dirname(join(repoRoot, file));
  while (dir.startsWith(repoRoot)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    dir = dirname(dir);
  }
  return repoRoot;
}

/**
 * `*.md` paths named in prose or code ("docs/method.md §c.2", "core-tensor's docs/autodiff.md"):
 * each must exist relative to the file, its package, the repository root, or the package the
 * sentence names ("<package>'s docs/…").
 */
function namedMarkdownFiles(text: string): { path: string; owner?: string }[] {
  const found: { path: string; owner?: string }[] = [];
  const re = /(?:\b([a-z][\w-]*)['’]s\s+)?`?((?:\.{1,2}\/|[\w@-]+\/)*[\w.-]+\.md)\b/g;
  for (const m of text.matchAll(re)) {
    const path = m[2] as string;
    // inside a Markdown link the link check decides; URLs are not repository files
    const before = text.slice(Math.max(0, (m.index ?? 0) - 1), m.index ?? 0);
    if (before === "(" || before === "/" || before === "." || generatedOutputs.has(path)) continue;
    found.push(m[1] ? { path, owner: m[1] } : { path });
  }
  return found;
}

function resolves(file: string, target: string, owner?: string): boolean {
  const bases = [dirname(join(repoRoot, file)), packageRoot(file), repoRoot];
  if (owner) bases.unshift(join(repoRoot, "packages", owner));
  return bases.some((base) => {
    const p = resolve(base, decodeURIComponent(target));
    return p.startsWith(repoRoot) && existsSync(p) && (statSync(p).isFile() || statSync(p).isDirectory());
  });
}

describe("the repository stands alone", () => {
  const files = repositoryFiles();

  it("scans the sources, READMEs and docs of every package and app", () => {
    expect(files.some((f) => f.startsWith("packages/core-tensor/src/"))).toBe(true);
    expect(files.some((f) => f.startsWith("apps/cli/src/demos/"))).toBe(true);
    expect(files).toContain("README.md");
  });

  it("no file refers to a document outside the repository", () => {
    const offences: string[] = [];
    for (const file of files) {
      const lines = readFileSync(join(repoRoot, file), "utf8").split("\n");
      lines.forEach((line, i) => {
        for (const { name, pattern } of externalReferences) {
          if (pattern.test(line)) offences.push(`${file}:${i + 1} (${name}): ${line.trim().slice(0, 160)}`);
        }
      });
    }
    expect(offences, offences.join("\n")).toEqual([]);
  });

  it("every relative Markdown link and image resolves to a file of the repository", () => {
    const broken: string[] = [];
    for (const file of files.filter((f) => f.endsWith(".md"))) {
      const text = readFileSync(join(repoRoot, file), "utf8");
      for (const target of markdownLinks(text)) {
        if (target !== "" && !resolves(file, target)) broken.push(`${file}: ${target}`);
      }
    }
    expect(broken, broken.join("\n")).toEqual([]);
  });

  it("every Markdown file named in a comment, string or text exists in the repository", () => {
    const missing: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(repoRoot, file), "utf8");
      for (const { path, owner } of namedMarkdownFiles(text)) {
        if (!resolves(file, path, owner)) missing.push(`${file}: ${owner ? `${owner}'s ` : ""}${path}`);
      }
    }
    expect(missing, missing.join("\n")).toEqual([]);
  });
});
