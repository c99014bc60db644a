/**
 * No public entry point of a library package reaches a Node built-in when bundled for the browser
 * (esbuild, `platform: "browser"`, through the packages' built `exports`), and the Node-only parts are
 * where users are told to find them: the `./node` entries, loaded by Node through the built packages.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { browserEntries, isNodeBuiltin, nodeBuiltinsReached, publicPackages } from "./browser-bundle.js";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../../..");

/** The built file an `exports` target names for `condition` (`import` or `require`). */
function builtFile(target: unknown, condition: "import" | "require"): string | undefined {
  const branch = (target as Record<string, unknown> | undefined)?.[condition];
  if (typeof branch === "string") return branch;
  return (branch as { default?: string } | undefined)?.default;
}

describe("isNodeBuiltin", () => {
  it("recognises prefixed, bare and subpath built-ins, and nothing else", () => {
    for (const name of ["node:fs", "fs", "fs/promises", "worker_threads", "node:test", "url"]) {
      expect(isNodeBuiltin(name), name).toBe(true);
    }
    for (const name of ["@descent/core-tensor", "vega", "fsevents", "./fs", "urls"]) {
      expect(isNodeBuiltin(name), name).toBe(false);
    }
  });
});

describe("browser bundles", () => {
  it("the checker reports each built-in an entry reaches, with the import chain, lazy imports included", async () => {
    const fixtures = join(here, "fixtures");
    const reaches = await nodeBuiltinsReached(
      [
        { specifier: "./node-only-entry.mjs", resolveDir: fixtures },
        { specifier: "./browser-safe-entry.mjs", resolveDir: fixtures },
      ],
      repoRoot,
    );
    const entryFile = "packages/integration-tests/src/fixtures/node-only-entry.mjs";
    const lazyFile = "packages/integration-tests/src/fixtures/lazy-worker.mjs";
    expect(reaches).toEqual(
      expect.arrayContaining([
        { entry: "./node-only-entry.mjs", builtin: "node:os", chain: [entryFile] },
        { entry: "./node-only-entry.mjs", builtin: "worker_threads", chain: [entryFile, lazyFile] },
      ]),
    );
    expect(reaches).toHaveLength(2);
  });

  it("every public entry except ./node bundles for the browser without a Node built-in", async () => {
    const packages = publicPackages(repoRoot);
    const entries = browserEntries(packages);
    const specifiers = entries.map((e) => e.specifier);
    // the enumeration itself: main entries, other subpaths, never ./node or ./internal/*
    expect(specifiers).toEqual(
      expect.arrayContaining(["@descent/core-tensor", "@descent/core-tensor/report"]),
    );
    expect(specifiers).toEqual(expect.arrayContaining(packages.map((p) => p.name)));
    expect(specifiers.filter((s) => s.endsWith("/node") || s.includes("/internal"))).toEqual([]);
    // the bundle resolves the built files: say so plainly when a package is not built
    const unbuilt = packages.flatMap((p) =>
      Object.entries(p.exports)
        .filter(
          ([subpath, target]) => target !== null && !subpath.includes("*") && subpath !== "./package.json",
        )
        .map(([, target]) => builtFile(target, "import"))
        .filter((file): file is string => file !== undefined && !existsSync(join(p.dir, file)))
        .map((file) => `${p.name}: ${file}`),
    );
    expect(unbuilt, "build the packages first (pnpm build)").toEqual([]);

    const reaches = await nodeBuiltinsReached(entries, repoRoot);
    const report = reaches.map(
      (r) => `${r.entry} reaches Node built-in "${r.builtin}" via ${r.chain.join(" -> ")}`,
    );
    expect(report).toEqual([]);
  });

  it("the ./node entries exist in the built packages and export what moved there, and the main entries no longer do", () => {
    const moved: Record<string, { node: string[]; notIn: Record<string, string[]> }> = {
      "@descent/core-tensor": {
        node: ["WorkerPool", "chunkRanges", "svgToPng"],
        notIn: { ".": ["WorkerPool", "svgToPng"], "./report": ["svgToPng"] },
      },
      "@descent/fl-rach": { node: ["workerPoolMlpTrainer"], notIn: { ".": ["workerPoolMlpTrainer"] } },
      "@descent/kahler-grassmannian": { node: ["balancedMetricParallel", "createTOperatorPool"], notIn: {} },
    };
    const packages = publicPackages(repoRoot).filter((p) => p.name in moved);
    expect(packages.map((p) => p.name).sort()).toEqual(Object.keys(moved).sort());
    const checks = packages.flatMap((p) => {
      const { node, notIn } = moved[p.name] as (typeof moved)[string];
      const target = p.exports["./node"];
      const esm = builtFile(target, "import");
      const cjs = builtFile(target, "require");
      expect(esm, `${p.name} exports ./node for import`).toBeDefined();
      expect(cjs, `${p.name} exports ./node for require`).toBeDefined();
      return [
        {
          label: `${p.name}/node (import)`,
          dir: p.dir,
          how: "import",
          spec: join(p.dir, esm as string),
          names: node,
          absent: [],
        },
        {
          label: `${p.name}/node (require)`,
          dir: p.dir,
          how: "require",
          spec: `${p.name}/node`,
          names: node,
          absent: [],
        },
        ...Object.entries(notIn).map(([subpath, absent]) => ({
          label: `${p.name} ${subpath} (require)`,
          dir: p.dir,
          how: "require",
          spec: subpath === "." ? p.name : `${p.name}/${subpath.slice(2)}`,
          names: [],
          absent,
        })),
      ];
    });
    // Node itself, in a child process, resolves the published exports (no `source` condition, no vitest)
    const script = `
      import { createRequire } from "node:module";
      import { join } from "node:path";
      import { pathToFileURL } from "node:url";
      const checks = JSON.parse(process.argv[1]);
      const out = [];
      for (const c of checks) {
        const mod = c.how === "import"
          ? await import(pathToFileURL(c.spec).href)
          : createRequire(join(c.dir, "package.json"))(c.spec);
        out.push({ label: c.label, missing: c.names.filter((n) => typeof mod[n] !== "function"),
          stillThere: c.absent.filter((n) => n in mod) });
      }
      console.log(JSON.stringify(out));`;
    const stdout = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", script, JSON.stringify(checks)],
      {
        cwd: repoRoot,
        encoding: "utf8",
        env: { ...process.env, NODE_OPTIONS: "" },
      },
    );
    const results = JSON.parse(stdout.trim().split("\n").at(-1) as string) as {
      label: string;
      missing: string[];
      stillThere: string[];
    }[];
    expect(results.map((r) => r.label)).toEqual(checks.map((c) => c.label));
    expect(results.filter((r) => r.missing.length > 0 || r.stillThere.length > 0)).toEqual([]);
  });
});
