/**
 * The cost measurement of method §e.4-6 (time per attack, attack-state memory), made robust to the load of a
 * shared machine: each attack is timed in process CPU time (user + system; tfjs-wasm runs single-threaded
 * in this process, so CPU time is the attack's own work and does not grow while other processes hold the
 * cores, unlike wall time), over the whole evaluation set with the result read back (method §h.8), repeated
 * with the attacks interleaved in a rotating order (a load burst hits every attack alike), and summarised
 * by the median of the repeats. Wall time is recorded beside it.
 */
import type { tf } from "@descent/core-tensor";
import { type AttackResult, type LogitsFn, loraPgd, pgd } from "@descent/lowrank-pgd";
import type { DemoContext } from "../../demo.js";
import { median } from "../../seed-statistics.js";

/** One timed attack: medians over the repeats, per batch. */
export interface TimingRow {
  attack: "pgd" | "lora" | "pgd-proj";
  /** Rank for LoRa-PGD and the projection baseline; undefined for PGD. */
  rank: number | undefined;
  /** Median over repeats of the process CPU time per batch (ms). */
  cpuMsPerBatch: number;
  /** Median over repeats of the wall time per batch (ms). */
  wallMsPerBatch: number;
  /** Every repeat's CPU time per batch (ms), in repeat order. */
  cpuSamples: number[];
  stateFloatsPerImage: number;
}

interface Job {
  attack: TimingRow["attack"];
  rank: number | undefined;
  run: (xb: tf.Tensor4D, yb: tf.Tensor1D, batch: number) => AttackResult & { u?: tf.Tensor; v?: tf.Tensor };
}

/** CPU ms (user + system) since `start`. */
const cpuSince = (start: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};

/** Options of {@link timeAttacks}. */
export interface TimingOptions {
  eps: number;
  /** LoRa-PGD ranks to time. */
  loraRanks: number[];
  /** Ranks of the PGD + rank-r SVD projection baseline (method §c.3). */
  projectionRanks: number[];
  /** Interleaved repeats; the median is reported. */
  repeats: number;
  batchSize: number;
  seed: number;
}

/**
 * Times PGD-ℓ2 (paper setting), LoRa-PGD (random init) and PGD + rank-r projection on `data`, interleaved
 * over `repeats` rounds after one untimed warm-up of each attack; returns one row per attack.
 */
export function timeAttacks(
  ctx: DemoContext,
  model: LogitsFn,
  data: { x: tf.Tensor4D; y: tf.Tensor1D },
  o: TimingOptions,
): TimingRow[] {
  const { eps } = o;
  const jobs: Job[] = [
    { attack: "pgd", rank: undefined, run: (xb, yb) => pgd(model, xb, yb, { norm: "l2", eps }) },
    ...o.loraRanks.map(
      (rank): Job => ({
        attack: "lora",
        rank,
        run: (xb, yb, b) => loraPgd(model, xb, yb, { rank, eps, init: { kind: "random", seed: o.seed + b } }),
      }),
    ),
    ...o.projectionRanks.map(
      (rank): Job => ({
        attack: "pgd-proj",
        rank,
        run: (xb, yb) => pgd(model, xb, yb, { norm: "l2", eps, projectRank: rank }),
      }),
    ),
  ];
  const n = data.x.shape[0];
  const batches: { x: tf.Tensor4D; y: tf.Tensor1D }[] = [];
  for (let start = 0; start < n; start += o.batchSize) {
    const size = Math.min(o.batchSize, n - start);
    batches.push({
      x: data.x.slice(start, size) as tf.Tensor4D,
      y: data.y.slice(start, size) as tf.Tensor1D,
    });
  }
  const cpu: number[][] = jobs.map(() => []);
  const wall: number[][] = jobs.map(() => []);
  const state: number[] = jobs.map(() => 0);
  const runOnce = (j: number): { cpuMs: number; wallMs: number } => {
    let cpuMs = 0;
    let wallMs = 0;
    batches.forEach((batch, b) => {
      const w0 = performance.now();
      const c0 = process.cpuUsage();
      const r = (jobs[j] as Job).run(batch.x, batch.y, b); // the attack reads its result back (method §h.8)
      cpuMs += cpuSince(c0);
      wallMs += performance.now() - w0;
      state[j] = r.stateFloatsPerImage;
      r.adv.dispose();
      r.u?.dispose();
      r.v?.dispose();
    });
    return { cpuMs: cpuMs / batches.length, wallMs: wallMs / batches.length };
  };
  ctx.progress.start("timing", jobs.length * (o.repeats + 1));
  try {
    // warm-up: kernels compiled and buffers allocated before anything is timed
    for (let j = 0; j < jobs.length; j++) {
      runOnce(j);
      ctx.progress.tick(1, "warm-up");
    }
    for (let rep = 0; rep < o.repeats; rep++) {
      for (let k = 0; k < jobs.length; k++) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        const j = (k + rep) % jobs.length; // rotating order: no attack always runs first or last
        const t = runOnce(j);
        (cpu[j] as number[]).push(t.cpuMs);
        (wall[j] as number[]).push(t.wallMs);
        ctx.progress.tick(1, `repeat ${rep + 1}`);
      }
    }
  } finally {
    ctx.progress.stop();
    for (const b of batches) {
      b.x.dispose();
      b.y.dispose();
    }
  }
  return jobs.map((job, j) => ({
    attack: job.attack,
    rank: job.rank,
    cpuMsPerBatch: median(cpu[j] as number[]),
    wallMsPerBatch: median(wall[j] as number[]),
    cpuSamples: cpu[j] as number[],
    stateFloatsPerImage: state[j] as number,
  }));
}
