/**
 * The core-tensor bench runner (`pnpm --filter @descent/core-tensor bench`, or `pnpm bench core-tensor`
 * from the root): runs every `bench/*.bench.ts` of this package, one after the other, in name order.
 * Each bench prints its own table of ratios measured in the same run. Discovery keeps this file free of
 * per-bench edits, so benches added by different helpers never conflict here.
 */
import { readdirSync } from "node:fs";

const here = new URL(".", import.meta.url);
// flags such as --quick/--full are for the benches themselves, not names to filter by
const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
for (const file of readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort()) {
  if (only.length > 0 && !only.some((name) => file.startsWith(name))) continue;
  console.log(`\n# bench/${file}`);
  await import(new URL(file, here).href);
}
