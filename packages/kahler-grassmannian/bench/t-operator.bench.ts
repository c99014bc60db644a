/**
 * One T-operator iteration M(H) = Σ (w/s†Hs)·ss† at k = 3 and k = 4 (N = 35, 70) on 10⁵ points:
 * GFLOP/s single-threaded (process CPU time), the wall-clock speed-up with two worker threads
 * (measured interleaved with the single-threaded run), and the ratio to the same computation in numpy
 * (bench/t_operator_reference.py, one BLAS thread) when python3 with numpy is installed.
 * Sections are tabulated on a cloud's first use (docs/method.md §10), so both paths are warmed once
 * first and that one-time tabulation is printed separately; numpy's script likewise starts from given
 * sections. `KG_BENCH_POINTS` overrides the point count, `KG_BENCH_REPEATS` the repeats (default 3).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { balancedMetric, evaluateSections, samplePoints, sectionBasis, tOperator } from "../src/index.js";
import { createTOperatorPool } from "../src/node.js";

const n = Number(process.env.KG_BENCH_POINTS ?? 100_000);
const repeats = Number(process.env.KG_BENCH_REPEATS ?? 3);
const cloud = samplePoints({ psi: 0.5, nPoints: n, seed: 1 });

function cpuMs(fn: () => unknown): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

function numpySeconds(points: number, N: number): { seconds: number; numpy: string } | string {
  const script = fileURLToPath(new URL("./t_operator_reference.py", import.meta.url));
  for (const py of ["/usr/bin/python3", "python3"]) {
    const r = spawnSync(py, [script, String(points), String(N), String(repeats)], {
      encoding: "utf8",
      env: { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
    });
    if (r.status === 0) return JSON.parse(r.stdout.trim().split("\n").at(-1) as string);
  }
  return "skipped: python3 with numpy not found (apt-get install -y python3-numpy)";
}

const pool = await createTOperatorPool({ workers: 2 });
// one worker: the same message and shared-memory path, so 2 workers vs 1 isolates the parallel efficiency
const pool1 = await createTOperatorPool({ workers: 1 });
const rows: string[][] = [];
try {
  for (const k of [3, 4]) {
    const basis = sectionBasis(k);
    const H = balancedMetric(samplePoints({ psi: 0.5, nPoints: 4 * basis.size * 10, seed: 2 }), basis, {
      iterations: 1,
    }).H;
    const flops = 12 * n * basis.size ** 2;
    // interleaved repeats: single-thread CPU and wall, two-worker wall
    let cpu = Number.POSITIVE_INFINITY;
    let wall1 = Number.POSITIVE_INFINITY;
    let wall2 = Number.POSITIVE_INFINITY;
    let wallW1 = Number.POSITIVE_INFINITY;
    const tabulate = cpuMs(() => evaluateSections(cloud, basis, 0, n)); // one-time table, single thread
    tOperator(cloud, basis, H);
    await pool.tOperator(cloud, basis, H); // warm the workers (they fill the shared table)
    await pool1.tOperator(cloud, basis, H);
    for (let rep = 0; rep < repeats; rep++) {
      const t0 = performance.now();
      cpu = Math.min(
        cpu,
        cpuMs(() => tOperator(cloud, basis, H)),
      );
      wall1 = Math.min(wall1, performance.now() - t0);
      const t1 = performance.now();
      await pool.tOperator(cloud, basis, H);
      wall2 = Math.min(wall2, performance.now() - t1);
      const t2 = performance.now();
      await pool1.tOperator(cloud, basis, H);
      wallW1 = Math.min(wallW1, performance.now() - t2);
    }
    const py = numpySeconds(n, basis.size);
    rows.push([
      String(k),
      String(basis.size),
      (flops / cpu / 1e6).toFixed(2),
      (cpu / 1000).toFixed(2),
      (wall1 / wall2).toFixed(2),
      (wallW1 / wall2).toFixed(2),
      (tabulate / 1000).toFixed(2),
      typeof py === "string"
        ? py
        : `${(py.seconds / (cpu / 1000)).toFixed(2)} (numpy ${py.numpy}, ${py.seconds.toFixed(2)} s)`,
    ]);
  }
} finally {
  await pool.close();
  await pool1.close();
}
console.log(`T-operator iteration on ${n} points (flops = 12·n·N²)`);
console.log(
  "| k | N | GFLOP/s (1 thread, CPU time) | CPU s | speed-up, 2 workers vs main thread (wall) | 2 workers vs 1 worker (wall) | one-time tabulation s | numpy time / ours |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
