/**
 * Hot paths of @descent/hi-fm on the wasm backend, measured in this run as median process CPU time:
 * after a warm-up of 1 s of CPU per computation on both sides: one flow-matching training step (batch 256, MLP 3×64 SiLU, d = 2 and d = 8, HI-FM batch building
 * included), one exact-divergence field evaluation on 500 samples (the inner op of the likelihood ODE),
 * and one EGNN training step at LJ13 (batch 32, width 32, 3 layers). When `/usr/bin/python3` with torch is
 * present, `bench/torch_reference.py` times the same computations in PyTorch (one CPU thread) and the
 * ratios ours / PyTorch are printed; otherwise it says so and prints ours only.
 *
 * Run: `pnpm --filter @descent/hi-fm bench`.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { initBackend, Rng, tf } from "@descent/core-tensor";
import {
  anisotropicWells,
  egnnField,
  exactDivergence,
  hessianInformedPath,
  hessianSpectra,
  icosahedron13,
  isotropicSpectra,
  mlpField,
  trainFlowMatching,
  volumeMatchedEndTemperature,
} from "../src/index.js";

const REPEATS = 9;
/** CPU time each side spends warming up a computation before it is timed (JIT, kernel caches). */
const WARMUP_MS = 1000;

async function medianCpuMs(run: () => Promise<unknown> | unknown): Promise<number> {
  const w0 = process.cpuUsage();
  do await run();
  while ((process.cpuUsage(w0).user + process.cpuUsage(w0).system) / 1000 < WARMUP_MS);
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const c0 = process.cpuUsage();
    await run();
    const d = process.cpuUsage(c0);
    times.push((d.user + d.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

async function mlpStep(dim: number): Promise<number> {
  const e = anisotropicWells({ dim, seed: 1 });
  const data = e.sample(256, new Rng(0));
  const spectra = hessianSpectra(e, data, { floor: 1, cap: 400 });
  const path = hessianInformedPath(data, spectra, {
    endTemperature: volumeMatchedEndTemperature(0.2, spectra),
  });
  const field = mlpField({ dim, seed: 1 });
  const ms = await medianCpuMs(() =>
    trainFlowMatching(field, path, { steps: 10, batchSize: 256, seed: 2, progressEvery: 1000 }),
  );
  field.dispose();
  return ms / 10;
}

async function divergenceEval(dim: number): Promise<number> {
  const field = mlpField({ dim, seed: 1 });
  const x = tf.randomNormal([500, dim], 0, 1, "float32", 3) as tf.Tensor2D;
  const ms = await medianCpuMs(async () => {
    const { v, div } = exactDivergence(field, x, 0.5);
    await div.data();
    tf.dispose([v, div]);
  });
  x.dispose();
  field.dispose();
  return ms;
}

async function egnnStep(): Promise<number> {
  const layout = { nParticles: 13, spaceDim: 3 } as const;
  const rng = new Rng(2);
  const data = Array.from({ length: 64 }, () => {
    const x = icosahedron13();
    for (let k = 0; k < 39; k++) x[k] = (x[k] as number) + 0.05 * rng.normal();
    return x;
  });
  const path = hessianInformedPath(data, isotropicSpectra(39, 64, 10, layout), {
    endTemperature: 0.1,
    layout,
  });
  const field = egnnField({ layout, seed: 1 });
  const ms = await medianCpuMs(() =>
    trainFlowMatching(field, path, { steps: 2, batchSize: 32, seed: 2, progressEvery: 1000 }),
  );
  field.dispose();
  return ms / 2;
}

function torchReference(): Record<string, number> | string {
  const python = "/usr/bin/python3";
  if (!existsSync(python)) return "skipped: /usr/bin/python3 not found";
  try {
    execFileSync(python, ["-c", "import torch"], { stdio: "ignore" });
  } catch {
    return "skipped: torch is not installed for /usr/bin/python3 (apt-get install -y python3-torch)";
  }
  const script = fileURLToPath(new URL("./torch_reference.py", import.meta.url));
  return JSON.parse(execFileSync(python, [script], { encoding: "utf8" })) as Record<string, number>;
}

async function main(): Promise<void> {
  const backend = await initBackend();
  const ours: Record<string, number> = {
    mlp_step_d2: await mlpStep(2),
    mlp_step_d8: await mlpStep(8),
    exact_div_d2: await divergenceEval(2),
    exact_div_d8: await divergenceEval(8),
    egnn_step_lj13: await egnnStep(),
  };
  const ref = torchReference();
  const load = (await import("node:os"))
    .loadavg()
    .map((v) => v.toFixed(1))
    .join(" ");
  console.log(
    `hi-fm bench: backend ${backend}, median CPU ms of ${REPEATS} after ${WARMUP_MS} ms warm-up (PyTorch: 1 thread); load average ${load}`,
  );
  if (typeof ref === "string") console.log(`PyTorch reference ${ref}`);
  console.log(
    `${"computation".padEnd(52)}${"ours ms".padStart(10)}${"torch ms".padStart(10)}${"ours/torch".padStart(12)}`,
  );
  const label: Record<string, string> = {
    mlp_step_d2: "training step, B=256, MLP 3×64, d=2",
    mlp_step_d8: "training step, B=256, MLP 3×64, d=8",
    exact_div_d2: "exact divergence + field, 500 samples, d=2",
    exact_div_d8: "exact divergence + field, 500 samples, d=8",
    egnn_step_lj13: "EGNN training step, LJ13, B=32, F=32, L=3",
  };
  for (const [k, v] of Object.entries(ours)) {
    const t = typeof ref === "string" ? undefined : ref[k];
    console.log(
      `${(label[k] ?? k).padEnd(52)}${v.toFixed(2).padStart(10)}${(t === undefined ? "–" : t.toFixed(2)).padStart(10)}${(t === undefined ? "–" : (v / t).toFixed(2)).padStart(12)}`,
    );
  }
}

await main();
