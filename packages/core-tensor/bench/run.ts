/**
 * Runs every `*.bench.ts` of core-tensor in sequence (each prints its own tables). Extra arguments
 * (`--quick`, `--full`) are passed through via `process.argv`.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort();
for (const f of files) {
  console.log(`\n=== ${f} ===\n`);
  await import(pathToFileURL(join(dir, f)).href);
}
