/**
 * Bundles package entry points for the browser as a user's bundler would (esbuild, `platform: "browser"`,
 * resolving each `@descent/...` specifier through the package's `exports` map without the workspace-only
 * `source` condition, so the built `dist/` files are what gets bundled) and reports every Node built-in
 * (`node:fs`, `worker_threads`, ...) an entry reaches, with the chain of modules that leads to it.
 *
 * A built-in that a package maps away for browsers (its `browser` field, e.g. tfjs-backend-wasm's
 * `"fs": false`) is resolved as esbuild resolves it and is not reported: only what would break the user's
 * build is.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { build, type Metafile, type Plugin } from "esbuild";

/** One entry point to bundle: `specifier` is imported from a module in `resolveDir`. */
export interface BundleEntry {
  /** The import specifier, e.g. `"@descent/core-tensor/report"`. */
  readonly specifier: string;
  /** Folder the specifier is resolved from (a package may import itself by name through its `exports`). */
  readonly resolveDir: string;
}

/** A Node built-in reached from an entry. */
export interface BuiltinReach {
  readonly entry: string;
  /** As imported, e.g. `"node:worker_threads"` or `"fs"`. */
  readonly builtin: string;
  /** Modules from the entry to the one importing the built-in, paths relative to the repository. */
  readonly chain: readonly string[];
}

const NODE_BUILTINS = new Set(builtinModules);

/** Whether an import specifier names a Node built-in module (`node:x`, `x` or `x/sub` of a built-in). */
export function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith("node:")) return true;
  return NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split("/")[0] as string);
}

const ENTRY_NAMESPACE = "descent-entry";
const OWN_RESOLVE = Symbol("resolved by esbuild itself");

/**
 * Bundles every entry in one esbuild call (one parse of shared modules such as tfjs) and returns the
 * Node built-ins each entry reaches (empty when all are browser-safe). Throws with esbuild's messages
 * when the build fails for another reason (an unresolvable module, a native `.node` file).
 */
export async function nodeBuiltinsReached(
  entries: readonly BundleEntry[],
  repoRoot: string,
): Promise<BuiltinReach[]> {
  const byId = new Map(entries.map((e) => [`${ENTRY_NAMESPACE}:${e.specifier}`, e]));
  const virtualEntries: Plugin = {
    name: "descent-virtual-entries",
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${ENTRY_NAMESPACE}:`) }, (args) =>
        args.kind === "entry-point" && byId.has(args.path)
          ? { path: args.path.slice(ENTRY_NAMESPACE.length + 1), namespace: ENTRY_NAMESPACE }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: ENTRY_NAMESPACE }, (args) => {
        const entry = byId.get(`${ENTRY_NAMESPACE}:${args.path}`) as BundleEntry;
        // `export *` keeps every export, so everything the entry can reach is bundled
        return {
          contents: `export * from ${JSON.stringify(entry.specifier)};`,
          resolveDir: entry.resolveDir,
        };
      });
    },
  };
  const builtins = [...NODE_BUILTINS].map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  const builtinFilter = new RegExp(`^(node:.*|(${builtins})(/.*)?)$`);
  const markBuiltinsExternal: Plugin = {
    name: "descent-node-builtins",
    setup(b) {
      b.onResolve({ filter: builtinFilter }, async (args) => {
        if (args.pluginData === OWN_RESOLVE) return undefined;
        // esbuild first: a package's "browser" field may map the built-in to an empty module
        const own = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          namespace: args.namespace,
          pluginData: OWN_RESOLVE,
        });
        if (own.errors.length === 0) return undefined; // esbuild's own resolution then applies
        // what the user's build would fail on: keep it as an external import, listed in the metafile
        return { path: args.path, external: true };
      });
    },
  };
  const result = await build({
    entryPoints: entries.map((e, i) => ({ in: `${ENTRY_NAMESPACE}:${e.specifier}`, out: `entry-${i}` })),
    absWorkingDir: repoRoot,
    bundle: true,
    platform: "browser",
    format: "esm",
    splitting: true, // shared modules (tfjs) are generated once, not once per entry
    write: false,
    outdir: "browser-bundle-out",
    metafile: true,
    logLevel: "silent",
    plugins: [virtualEntries, markBuiltinsExternal],
  }).catch((error: { errors?: { text: string; location?: { file: string } | null }[] }) => {
    const messages = (error.errors ?? []).map((e) => `${e.text} (in ${e.location?.file ?? "?"})`);
    throw new Error(`the browser bundle failed:\n${messages.join("\n") || String(error)}`);
  });
  return reachesFromMetafile(result.metafile, entries);
}

function reachesFromMetafile(meta: Metafile, entries: readonly BundleEntry[]): BuiltinReach[] {
  const reaches: BuiltinReach[] = [];
  for (const entry of entries) {
    const start = `${ENTRY_NAMESPACE}:${entry.specifier}`;
    // breadth-first over the module graph from the entry: the first path to each module is a shortest one
    const parent = new Map<string, string | null>([[start, null]]);
    const queue = [start];
    const found = new Map<string, string>(); // built-in -> importing module
    while (queue.length > 0) {
      const file = queue.shift() as string;
      for (const imported of meta.inputs[file]?.imports ?? []) {
        if (imported.external) {
          if (isNodeBuiltin(imported.path) && !found.has(imported.path)) found.set(imported.path, file);
          continue;
        }
        if (!parent.has(imported.path)) {
          parent.set(imported.path, file);
          queue.push(imported.path);
        }
      }
    }
    for (const [builtin, importer] of found) {
      const chain: string[] = [];
      for (let at: string | null = importer; at !== null; at = parent.get(at) ?? null) {
        chain.unshift(at); // metafile paths are relative to absWorkingDir, the repository root
      }
      reaches.push({ entry: entry.specifier, builtin, chain: chain.slice(1) });
    }
  }
  return reaches;
}

/** A publishable workspace package: its folder and manifest. */
export interface PublicPackage {
  readonly dir: string;
  readonly name: string;
  /** The `exports` map a user gets (`publishConfig.exports`, else `exports`). */
  readonly exports: Record<string, unknown>;
}

/** Every package under `packages/` that is not `private`. */
export function publicPackages(repoRoot: string): PublicPackage[] {
  const root = join(repoRoot, "packages");
  return readdirSync(root)
    .filter((d) => existsSync(join(root, d, "package.json")))
    .map((d) => ({
      dir: join(root, d),
      manifest: JSON.parse(readFileSync(join(root, d, "package.json"), "utf8")),
    }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({
      dir,
      name: manifest.name as string,
      exports: (manifest.publishConfig?.exports ?? manifest.exports ?? { ".": manifest.main }) as Record<
        string,
        unknown
      >,
    }));
}

/**
 * The entries a browser app may import: each subpath of each public package's `exports` except the
 * Node-only `./node`, wildcard or blocked subpaths (`./internal/*`) and `./package.json`.
 */
export function browserEntries(packages: readonly PublicPackage[]): BundleEntry[] {
  return packages.flatMap((pkg) =>
    Object.entries(pkg.exports)
      .filter(([subpath, target]) => target !== null && !subpath.includes("*"))
      .filter(([subpath]) => subpath !== "./node" && subpath !== "./package.json")
      .map(([subpath]) => ({
        specifier: subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
        resolveDir: pkg.dir,
      })),
  );
}
