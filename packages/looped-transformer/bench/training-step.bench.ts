/**
 * Training steps per second at the protocol's e.4 sizes (batch 128, d = 5, n = 20, T = 4 and 5):
 * the float64 path (docs/method.md §c.5 manual backward; and the reduced sparse backward) against the tfjs path
 * (LoopedLsaLayer + tf.train.adam, wasm and cpu backends), all measured in this run.
 * Run: `pnpm --filter @descent/looped-transformer bench`.
 */
import { initBackend } from "@descent/core-tensor";
import { trainLooped, trainLoopedTf } from "../src/index.js";

interface Row {
  path: string;
  ms: number;
}

function timeSteps(run: (steps: number) => void, steps: number): number {
  run(2); // warm-up (JIT, kernel setup)
  const t0 = performance.now();
  run(steps);
  return (performance.now() - t0) / steps;
}

async function main(): Promise<void> {
  const base = { d: 5, n: 20, batch: 128, seed: 1 };
  for (const loops of [4, 5]) {
    for (const parameterization of ["sparse", "full"] as const) {
      const rows: Row[] = [];
      const opts = { ...base, loops, parameterization };
      if (parameterization === "sparse") {
        rows.push({
          path: "float64, reduced sparse backward (default)",
          ms: timeSteps((steps) => trainLooped({ ...opts, steps }), 200),
        });
      }
      rows.push({
        path: "float64, full LSA backward (docs/method.md §c.5)",
        ms: timeSteps((steps) => trainLooped({ ...opts, steps, sparseBackward: "lsa" }), 30),
      });
      for (const backend of ["wasm", "cpu"] as const) {
        await initBackend({ backend });
        rows.push({
          path: `tfjs ${backend}, LoopedLsaLayer + tf.train.adam`,
          ms: timeSteps(
            (steps) => trainLoopedTf({ ...opts, steps }).layer.dispose(),
            backend === "wasm" ? 20 : 10,
          ),
        });
      }
      const tfjsWasm = rows.find((r) => r.path.startsWith("tfjs wasm"))?.ms ?? Number.NaN;
      console.log(`\nT = ${loops}, '${parameterization}', batch 128, d = 5, n = 20`);
      console.log("| path | ms / step | steps / s | speed-up vs tfjs wasm |");
      console.log("| --- | --- | --- | --- |");
      for (const r of rows) {
        console.log(
          `| ${r.path} | ${r.ms.toFixed(2)} | ${(1000 / r.ms).toFixed(1)} | ${(tfjsWasm / r.ms).toFixed(2)}x |`,
        );
      }
      const general = rows.find((r) => r.path.startsWith("float64, full LSA"))?.ms ?? Number.NaN;
      const reduced = rows.find((r) => r.path.startsWith("float64, reduced"));
      // the two ratios the Speed section asks about, spelled out
      if (reduced !== undefined) {
        console.log(
          `float64 'sparse' fast path (reduced backward, what trainLooped and the e.4 demo use): ${(tfjsWasm / reduced.ms).toFixed(1)}x faster than tfjs wasm`,
        );
      }
      console.log(
        `float64 general path (full LSA backward of docs/method.md §c.5, used for 'full' and sparseBackward: 'lsa'): ${(tfjsWasm / general).toFixed(1)}x faster than tfjs wasm`,
      );
    }
  }
}

await main();
