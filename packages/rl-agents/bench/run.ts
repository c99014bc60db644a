/**
 * `pnpm bench` for @descent/rl-agents: environment throughput, DQN update throughput (ts path vs
 * tfjs layers path) and SAVO's update cost against TD3. Ratios are measured in the same run.
 * `pnpm bench savo` runs only the SAVO part.
 */
import { markdownTable } from "@descent/core-tensor/report";
import { benchDqnUpdates } from "./dqn-update.bench.js";
import { benchEnvSteps } from "./env-steps.bench.js";
import { benchNetworkCrossover } from "./network-crossover.bench.js";
import { benchSavoEnvSteps, benchSavoUpdates } from "./savo.bench.js";

const fmt = (rows: (string | number)[][]) =>
  rows.map((r) =>
    r.map((c) => (typeof c === "number" ? (Number.isInteger(c) ? c : Number(c.toPrecision(3))) : c)),
  );

const savoOnly = process.argv.slice(2).includes("savo");
if (!savoOnly) {
  console.log("## Environment steps per second (random actions, auto-reset)\n");
  console.log(
    markdownTable(
      ["environment", "single env steps/s", "VectorEnv(8) steps/s", "vector / single"],
      fmt(benchEnvSteps()),
    ),
  );
  console.log("\n## DQN updates per second, 4-w-w-2, batch 64 (wasm backend for tfjs)\n");
  console.log(
    markdownTable(
      [
        "width",
        "ts updates/s",
        "tfjs (core-tensor dense) updates/s",
        "tfjs layers updates/s",
        "ts / layers",
        "dense / layers",
      ],
      fmt(await benchDqnUpdates()),
    ),
  );
  console.log("\n## ts vs tfjs network backend: CPU ms per DQN update, 4-w-w-2 (sets TFJS_CROSSOVER_MACS)\n");
  console.log(
    markdownTable(
      ["batch", "width", "MACs per forward", "ts ms/update", "tfjs ms/update", "ts / tfjs"],
      fmt(await benchNetworkCrossover()),
    ),
  );
}
console.log("\n## SAVO: update steps per second vs TD3, 64-64 nets, batch 128 (CPU time)\n");
console.log(markdownTable(["agent", "updates/s", "TD3 time / agent time"], fmt(benchSavoUpdates())));
console.log("\n## SAVO's environments: steps (or greedy actions) per second (CPU time)\n");
console.log(markdownTable(["environment", "steps/s"], fmt(benchSavoEnvSteps())));
