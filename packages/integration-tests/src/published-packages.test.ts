/**
 * What a user gets from each publishable package's tarball (`pnpm pack`, as `pnpm publish` packs it):
 * a manifest without the workspace-only `source` export condition, with `repository`, `homepage` and
 * `bugs`, listing `CHANGELOG.md` in `files`; a README whose relative links and images resolve inside the
 * tarball and whose install line names every package its examples import.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicPackages } from "./browser-bundle.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

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

/** Keys of an `exports` map at any depth (conditions and subpaths). */
function exportKeys(value: unknown): string[] {
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...exportKeys(v)]);
}

/** Fenced code blocks of a Markdown text with their language tag. */
function codeBlocks(markdown: string): { lang: string; code: string }[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map((m) => ({
    lang: m[1] as string,
    code: m[2] as string,
  }));
}

/** npm package names imported by TypeScript/JavaScript code (bare specifiers, subpaths folded). */
function importedPackages(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)) {
    const spec = m[1] as string;
    if (spec.startsWith(".") || spec.startsWith("node:") || spec.startsWith("/")) continue;
    const parts = spec.split("/");
    names.add(spec.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] as string));
  }
  return names;
}

/** Packages named by the `pnpm add` / `npm install` lines of shell blocks (versions stripped). */
function installedPackages(markdown: string): Set<string> {
  const names = new Set<string>();
  for (const { lang, code } of codeBlocks(markdown)) {
    if (!["sh", "bash", "shell", ""].includes(lang)) continue;
    for (const line of code.split("\n")) {
      const m = line.match(/^\s*(?:pnpm add|npm (?:install|i)|yarn add)\s+(.*)$/);
      if (!m) continue;
      for (const word of (m[1] as string).split(/\s+/)) {
        if (word === "" || word.startsWith("-")) continue;
        names.add(word.replace(/(?<=.)@[^@/]*$/, ""));
      }
    }
  }
  return names;
}

const packages = publicPackages(repoRoot);

describe("published package tarballs", () => {
  const packDir = mkdtempSync(join(tmpdir(), "descent-pack-all-"));
  const unpacked = new Map<string, string>();

  beforeAll(() => {
    for (const { dir, name } of packages) {
      const before = new Set(readdirSync(packDir));
      run("pnpm", ["pack", "--pack-destination", packDir], dir);
      const tarball = readdirSync(packDir).find((f) => f.endsWith(".tgz") && !before.has(f));
      if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${name}`);
      const target = join(packDir, tarball.replace(/\.tgz$/, ""));
      run("mkdir", ["-p", target], packDir);
      run("tar", ["-xzf", join(packDir, tarball), "-C", target], packDir);
      unpacked.set(name, join(target, "package"));
    }
  });

  afterAll(() => rmSync(packDir, { recursive: true, force: true }));

  it("covers every publishable package of the workspace", () => {
    expect(packages.map((p) => p.name)).toEqual(
      expect.arrayContaining(["@descent/core-tensor", "@descent/sabo", "@descent/rl-agents"]),
    );
  });

  describe.each(packages.map((p) => p.name))("%s", (name) => {
    const manifest = () =>
      JSON.parse(readFileSync(join(unpacked.get(name) as string, "package.json"), "utf8"));
    const readme = () => readFileSync(join(unpacked.get(name) as string, "README.md"), "utf8");

    it("publishes no `source` export condition (the workspace's raw .ts entry)", () => {
      const m = manifest();
      expect(m.exports).toBeDefined();
      expect(exportKeys(m.exports)).not.toContain("source");
    });

    it("names its repository (with directory), homepage and issue tracker", () => {
      const m = manifest();
      expect(m.repository?.url).toMatch(/^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
      expect(m.repository?.directory).toMatch(/^packages\/[\w-]+$/);
      expect(m.homepage).toMatch(/^https:\/\//);
      expect(m.bugs?.url).toMatch(/^https:\/\/.+\/issues$/);
    });

    it("ships CHANGELOG.md (listed in files; present in the tarball once changesets wrote it)", () => {
      const m = manifest();
      expect(m.files).toContain("CHANGELOG.md");
      const source = packages.find((p) => p.name === name)?.dir as string;
      if (existsSync(join(source, "CHANGELOG.md")))
        expect(existsSync(join(unpacked.get(name) as string, "CHANGELOG.md"))).toBe(true);
    });

    it("has a README whose relative links and images resolve inside the tarball", () => {
      const broken: string[] = [];
      for (const m of readme().matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        const target = m[1] as string;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#")) continue;
        const path = join(unpacked.get(name) as string, decodeURIComponent(target.split("#")[0] as string));
        if (!existsSync(path)) broken.push(target);
      }
      expect(broken).toEqual([]);
    });

    it("has a README install line naming every package its examples import", () => {
      const text = readme();
      const installed = installedPackages(text);
      expect(installed.has(name)).toBe(true);
      const imported = new Set<string>();
      for (const { lang, code } of codeBlocks(text)) {
        if (["ts", "typescript", "js", "javascript", "mjs"].includes(lang))
          for (const p of importedPackages(code)) imported.add(p);
      }
      expect([...imported].filter((p) => !installed.has(p))).toEqual([]);
    });
  });
});
