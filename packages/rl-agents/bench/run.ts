/**
 * `pnpm bench` for @descent/rl-agents: environment throughput and DQN update throughput (ts path vs
 * tfjs layers path). Ratios are measured in the same run.
 */
import { markdownTable } from "@descent/core-tensor/report";
import { benchDqnUpdates } from "./dqn-update.bench.js";
import { benchEnvSteps } from "./env-steps.bench.js";
import { benchNetworkCrossover } from "./network-crossover.bench.js";

const fmt = (rows: (string | number)[][]) =>
  rows.map((r) =>
    r.map((c) => (typeof c === "number" ? (Number.isInteger(c) ? c : Number(c.toPrecision(3))) : c)),
  );

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
