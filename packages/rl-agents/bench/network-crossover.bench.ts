/**
 * Where the `tfjs` network backend overtakes the `ts` one: CPU milliseconds of one `DqnAgent.update()`
 * (CartPole-shaped 4-w-w-2 net, batches 32 and 128 (the DQN default) at widths 64–512, and batch 64 at
 * widths 48–96 around the crossover) on each backend, medians
 * of repeats interleaved between the two backends so that both see the same machine load. The crossover
 * found here sets `TFJS_CROSSOVER_MACS` in `src/tfjs-mlp.ts` (the `'auto'` backend, the default).
 *
 * Run alone: `node --conditions=source --import tsx bench/network-crossover.bench.ts`.
 */
import { initBackend } from "@descent/core-tensor";
import { DqnAgent } from "../src/index.js";
import { networkMacsPerUpdate } from "../src/tfjs-mlp.js";

const OBS = 4;
const ACTIONS = 2;
function filledAgent(width: number, batch: number, backend: "ts" | "tfjs"): DqnAgent {
  const agent = new DqnAgent(OBS, ACTIONS, {
    hiddenSizes: [width, width],
    batchSize: batch,
    minReplay: 1e9,
    seed: 1,
    backend,
  });
  for (let i = 0; i < 1000; i++) {
    const o = Float64Array.from({ length: OBS }, (_, k) => Math.sin(i * 0.37 + k));
    agent.replay.add(o, i % 2, 1, o, i % 50 === 0);
  }
  return agent;
}

function cpuMsPerUpdate(agent: DqnAgent, updates: number): number {
  const t0 = process.cpuUsage();
  for (let i = 0; i < updates; i++) agent.update();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000 / updates;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] as number;
}

/** Rows [batch, width, MACs per batch forward pass, ts ms, tfjs ms, ts / tfjs]. */
export async function benchNetworkCrossover(repeats = 7): Promise<(string | number)[][]> {
  await initBackend();
  const rows: (string | number)[][] = [];
  for (const batch of [32, 64, 128]) {
    for (const width of batch === 64 ? [48, 64, 96] : [64, 128, 256, 512]) {
      const macs = networkMacsPerUpdate([OBS, width, width, ACTIONS], batch);
      const updates = Math.max(3, Math.round(3e7 / macs));
      const ts = filledAgent(width, batch, "ts");
      const tfjs = filledAgent(width, batch, "tfjs");
      cpuMsPerUpdate(ts, 2);
      cpuMsPerUpdate(tfjs, 2);
      const tsMs: number[] = [];
      const tfjsMs: number[] = [];
      for (let r = 0; r < repeats; r++) {
        tsMs.push(cpuMsPerUpdate(ts, updates));
        tfjsMs.push(cpuMsPerUpdate(tfjs, updates));
      }
      const [a, b] = [median(tsMs), median(tfjsMs)];
      rows.push([batch, width, macs, a, b, a / b]);
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { markdownTable } = await import("@descent/core-tensor/report");
  console.log(
    markdownTable(
      ["batch", "width", "MACs per forward", "ts ms/update", "tfjs ms/update", "ts / tfjs"],
      (await benchNetworkCrossover()).map((r) =>
        r.map((c) => (typeof c === "number" ? Number(c.toPrecision(3)) : c)),
      ),
    ),
  );
}
