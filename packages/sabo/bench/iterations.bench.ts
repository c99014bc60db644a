/**
 * Iterations per second of SABO, INGO and CMA-ES (full and separable) at d = 100 and d = 1000 on a cheap
 * objective (the sphere), so the optimiser's own work dominates, plus SABO against an "obvious"
 * implementation of the same iteration on plain `number[]` arrays with per-element allocation.
 * Run: `pnpm --filter @descent/sabo bench`. All ratios are measured in this run.
 */
import { Rng } from "@descent/core-tensor";
import { type AskTellOptimizer, CmaEs, Ingo, Sabo } from "../src/index.js";

const sphere = (x: Float64Array) => {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += (x[j] as number) ** 2;
  return s;
};

/** Runs whole iterations for about `ms` milliseconds (after a warm-up) and returns iterations per second. */
function rate(make: () => AskTellOptimizer, ms: number): number {
  const opt = make();
  const iterate = () => {
    const it = opt.iteration;
    while (opt.iteration === it) {
      const { points } = opt.ask();
      opt.tell(points.map(sphere));
    }
  };
  for (let i = 0; i < 5; i++) iterate();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    iterate();
    n++;
  }
  return (n * 1000) / (performance.now() - t0);
}

/** The obvious SABO iteration: nested number[] arrays, map/reduce, a new array per step (same maths). */
function naiveSaboRate(d: number, ms: number): number {
  const rng = new Rng(0);
  const n = 20;
  const rho = 0.5 * Math.sqrt(d);
  const beta = 1 / Math.sqrt(d);
  let mu: number[] = new Array(d).fill(0.5);
  let s: number[] = new Array(d).fill(1);
  const grads = (m: number[], v: number[]) => {
    const zs = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
    const xs = zs.map((z) => z.map((zj, j) => (m[j] as number) + Math.sqrt(v[j] as number) * zj));
    const f = xs.map((x) => x.reduce((a, xj) => a + xj * xj, 0));
    const mean = f.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(f.reduce((a, b) => a + (b - mean) ** 2, 0) / n) || 1;
    const fh = f.map((fi) => (fi - mean) / sd);
    const g = m.map(
      (_, j) =>
        zs.reduce((a, z, i) => a + (fh[i] as number) * (z[j] as number), 0) / (n * Math.sqrt(v[j] as number)),
    );
    const G = m.map(
      (_, j) =>
        zs.reduce((a, z, i) => a + (fh[i] as number) * ((z[j] as number) ** 2 - 1), 0) /
        (2 * n * (v[j] as number)),
    );
    return { g, G };
  };
  const iterate = () => {
    const a = grads(mu, s);
    const q = s.reduce(
      (acc, sj, j) => acc + 0.5 * sj * (a.g[j] as number) ** 2 + sj * sj * (a.G[j] as number) ** 2,
      0,
    );
    const lambda = Math.sqrt(q) / rho;
    const pm = mu.map((m, j) => m + ((s[j] as number) * (a.g[j] as number)) / lambda);
    const ps = s.map(
      (sj, j) => sj * (1 + Math.max(-0.5, Math.min(0.5, (2 * sj * (a.G[j] as number)) / lambda))),
    );
    const b = grads(pm, ps);
    const sNext = s.map((sj, j) => 1 / Math.max(1 / sj + 2 * beta * (b.G[j] as number), 1e-12));
    mu = mu.map((m, j) => m - beta * (sNext[j] as number) * (b.g[j] as number));
    s = sNext;
  };
  for (let i = 0; i < 5; i++) iterate();
  let count = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    iterate();
    count++;
  }
  return (count * 1000) / (performance.now() - t0);
}

const ms = Number(process.env["BENCH_MS"] ?? 1500);
const rows: string[] = [];
for (const d of [100, 1000]) {
  const sabo = rate(() => new Sabo({ dim: d, mean0: 0.5, seed: 1 }), ms);
  const ingo = rate(() => new Ingo({ dim: d, mean0: 0.5, seed: 1 }), ms);
  const sep = rate(() => new CmaEs({ dim: d, mean0: 0.5, populationSize: 20, separable: true, seed: 1 }), ms);
  let full = Number.NaN;
  if (d <= 100) {
    try {
      full = rate(() => new CmaEs({ dim: d, mean0: 0.5, populationSize: 20, seed: 1 }), ms);
    } catch (e) {
      if ((e as { code?: string }).code !== "unsupported") throw e;
    }
  }
  const naive = naiveSaboRate(d, ms);
  rows.push(
    `| ${d} | ${sabo.toFixed(0)} | ${ingo.toFixed(0)} | ${sep.toFixed(0)} | ${Number.isNaN(full) ? "n/a" : full.toFixed(0)} | ` +
      `${naive.toFixed(0)} | ${(ingo / sabo).toFixed(2)} | ${(sabo / naive).toFixed(2)} |`,
  );
}
console.log("Iterations per second on the sphere (N = λ = 20; SABO = 2 batches per iteration)\n");
console.log(
  "| d | SABO | INGO | sep-CMA-ES | CMA-ES (full) | naive SABO (number[]) | INGO / SABO | SABO / naive |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) console.log(r);
