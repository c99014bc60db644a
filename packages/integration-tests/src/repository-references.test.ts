/**
 * The repository stands alone: no file cites a document that is not in it (a design brief, a
 * shared folder, an absolute machine path), and every relative Markdown link or image, and every
 * `*.md` file named in a comment or a string, resolves to a file of the repository; every section cited
 * in a repository document ("docs/method.md §e.4", "method §c.2, h.5", "platform notes §2") exists in it.
 * Sources cite the paper or their package's `docs/method.md` instead.
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

/** A section id: letters or numbers joined by dots ("e", "c.2", "B.e", "8", "h.12"). */
const SECTION_ID = String.raw`(?:[A-Za-z]|\d+)(?:\.(?:[A-Za-z]|\d+))*`;

/**
 * The sections of a Markdown document: every heading that starts with an id ("## c.2 …", "# Part A — …",
 * "## 1. …"), every paragraph that opens with a bold id ("**e.2 Error versus loops.**"), and every numbered
 * list item "N." under a heading or bold id X as X.N (pitfalls h.7, oracles f.13).
 */
function documentSections(markdown: string): Set<string> {
  const ids = new Set<string>();
  let current: string | undefined;
  const heading = new RegExp(String.raw`^#{1,6}\s+(?:Part\s+)?(${SECTION_ID})(?:[.:]|\s+[—–-])?\s`);
  const bold = new RegExp(String.raw`^\*\*(${SECTION_ID})[\s.:]`);
  for (const line of markdown.split("\n")) {
    if (/^#{1,6}\s/.test(line)) {
      const m = heading.exec(line);
      current = m ? (m[1] as string) : undefined;
      if (current) ids.add(current);
      continue;
    }
    const paragraph = bold.exec(line);
    if (paragraph) {
      current = paragraph[1] as string;
      ids.add(current);
      continue;
    }
    const item = /^(\d+)\.\s/.exec(line);
    if (item && current) ids.add(`${current}.${item[1]}`);
  }
  return ids;
}

/** One cited section: the document it is looked up in (repository path) and the id. */
interface SectionCitation {
  document: string;
  section: string;
  text: string;
}

/** The package a file belongs to, also for the CLI's demos (`apps/cli/src/demos/<package>/…`). */
function owningPackage(file: string): string | undefined {
  const m = /^(?:packages|apps\/cli\/src\/demos)\/([\w-]+)\//.exec(file);
  return m?.[1];
}

/**
 * Section citations of repository documents in `text` of `file`: "docs/method.md §X" or "method §X" (the
 * package's method document, or "<package>'s docs/method.md" / "<package> method §X"), "docs/savo.md §X", "platform notes §X" and
 * "platform-notes.md §X" (core-tensor's), and a bare "§X" inside a document (itself); "Section X" counts as
 * "§X". Lists and ranges ("§c.2, h.5", "§c.1–c.3", "§f.1–§f.7") cite every id named; "§e.4-6" is item 6
 * of e.4.
 */
function sectionCitations(file: string, text: string): SectionCitation[] {
  const pkg = owningPackage(file);
  const cites: SectionCitation[] = [];
  const ref = String.raw`(?:§\s?|\b[Ss]ection\s+)`;
  // an id ends where no letter or digit follows ("§b, Hölder" cites b only)
  const end = String.raw`(?![\p{L}\d])`;
  const list = String.raw`(${SECTION_ID})${end}((?:\s*(?:,|–|-|\band\b|\bto\b)\s*(?:§\s?)?${SECTION_ID}${end})*)`;
  const re = new RegExp(
    String.raw`(?:(?:\b(?!method\b|docs\b)([a-z][\w-]*)(?:['’]s)?\s+)?(\bdocs\/method\.md|\bmethod|\bdocs\/savo\.md|\bsavo\.md|\bplatform[ -]notes(?:\.md)?))?\s*${ref}${list}`,
    "gu",
  );
  for (const m of text.matchAll(re)) {
    const [whole, owner, doc, first, rest] = m as unknown as [
      string,
      string | undefined,
      string | undefined,
      string,
      string,
    ];
    let document: string | undefined;
    if (doc === undefined) {
      // a bare § refers to the document it is written in; elsewhere it may be the paper's own section
      if (/^packages\/[\w-]+\/docs\/[\w.-]+\.md$/.test(file) && !/\bSection\b/.test(whole)) document = file;
    } else if (/platform/.test(doc)) document = "packages/core-tensor/docs/platform-notes.md";
    else if (/savo/.test(doc)) document = "packages/rl-agents/docs/savo.md";
    else {
      // "lowrank-pgd method §e.1", "kahler-grassmannian's docs/method.md §5": another package's document
      const named = owner !== undefined && existsSync(join(repoRoot, "packages", owner)) ? owner : undefined;
      if (named ?? pkg) document = `packages/${named ?? pkg}/docs/method.md`;
    }
    if (document === undefined) continue;
    let previous = first;
    cites.push({ document, section: first, text: whole.trim() });
    const continuation = new RegExp(
      String.raw`(,|–|-|\band\b|\bto\b)\s*(?:§\s?)?(${SECTION_ID})${end}`,
      "gu",
    );
    for (const c of rest.matchAll(continuation)) {
      const [, sep, id] = c as unknown as [string, string, string];
      let section = id;
      // "§c.4-3": item 3 of c.4; "§h.4, 5" or "§c.1–3": a sibling of the previous id
      if (/^\d+$/.test(id) && previous.includes(".")) {
        section = sep === "-" ? `${previous}.${id}` : previous.replace(/[^.]+$/, id);
      } else if (/^\d+$/.test(id) && /^[A-Za-z]$/.test(previous) && sep === "-") {
        section = `${previous}.${id}`;
      }
      cites.push({ document, section, text: whole.trim() });
      previous = section;
    }
  }
  return cites;
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

  it("every cited section of a repository document exists in it", () => {
    const sections = new Map<string, Set<string> | null>();
    const sectionsOf = (document: string) => {
      if (!sections.has(document)) {
        const path = join(repoRoot, document);
        sections.set(document, existsSync(path) ? documentSections(readFileSync(path, "utf8")) : null);
      }
      return sections.get(document);
    };
    const dangling: string[] = [];
    let checked = 0;
    for (const file of files) {
      const lines = readFileSync(join(repoRoot, file), "utf8").split("\n");
      lines.forEach((line, i) => {
        for (const { document, section, text } of sectionCitations(file, line)) {
          const ids = sectionsOf(document);
          checked++;
          if (ids === null)
            dangling.push(`${file}:${i + 1}: "${text}" cites ${document}, which does not exist`);
          else if (!ids?.has(section))
            dangling.push(`${file}:${i + 1}: "${text}": no §${section} in ${document}`);
        }
      });
    }
    expect(checked).toBeGreaterThan(100);
    expect(dangling, dangling.join("\n")).toEqual([]);
  });
});

describe("section citations", () => {
  const doc = [
    "# Title",
    "## a. The paper",
    "## c. Algorithms",
    "### c.2 Inner step",
    "1. first",
    "2. second",
    "# Part B — LRRL",
    "## B.e Protocol",
    "## 8. Grassmannian learning",
    "**8.2 Method B.** text",
    "1. item",
    "## Conditional flow matching",
    "## h. Pitfalls",
    "12. twelfth",
  ].join("\n");

  it("finds heading ids and numbered items under them", () => {
    expect([...documentSections(doc)].sort()).toEqual([
      "8",
      "8.2",
      "8.2.1",
      "B",
      "B.e",
      "a",
      "c",
      "c.2",
      "c.2.1",
      "c.2.2",
      "h",
      "h.12",
    ]);
  });

  it("reads lists, ranges and items, and resolves the document from the file's package", () => {
    const ids = (file: string, text: string) =>
      sectionCitations(file, text).map((c) => `${c.document} ${c.section}`);
    expect(ids("packages/sabo/src/a.ts", "(docs/method.md §c.2, h.5)")).toEqual([
      "packages/sabo/docs/method.md c.2",
      "packages/sabo/docs/method.md h.5",
    ]);
    expect(ids("apps/cli/src/demos/lowrank-pgd/x.ts", "method §e.4-6 and §c.1–c.3")).toEqual([
      "packages/lowrank-pgd/docs/method.md e.4",
      "packages/lowrank-pgd/docs/method.md e.4.6",
      "packages/lowrank-pgd/docs/method.md c.1",
      "packages/lowrank-pgd/docs/method.md c.3",
    ]);
    expect(ids("packages/datasets/src/a.ts", "per lowrank-pgd method §e.1")).toEqual([
      "packages/lowrank-pgd/docs/method.md e.1",
    ]);
    expect(ids("packages/sabo/src/a.ts", "(docs/method.md §b, Hölder equality)")).toEqual([
      "packages/sabo/docs/method.md b",
    ]);
    expect(ids("packages/sabo/src/a.ts", "core-tensor's docs/method.md §b; platform notes §2")).toEqual([
      "packages/core-tensor/docs/method.md b",
      "packages/core-tensor/docs/platform-notes.md 2",
    ]);
    expect(ids("packages/sabo/docs/method.md", "as in §h.1–3")).toEqual([
      "packages/sabo/docs/method.md h.1",
      "packages/sabo/docs/method.md h.3",
    ]);
    // the paper's own sections are not repository documents
    expect(ids("packages/sabo/src/a.ts", "paper §3.2, Section 4")).toEqual([]);
  });
});
