/**
 * core-tensor's demo: tfjs matmul throughput on wasm against the pure-JS cpu backend, in one run.
 */
import { initBackend, tf } from "@descent/core-tensor";
import type { Demo } from "../../demo.js";

function timeMatMul(n: number, reps: number): number {
  const a = tf.randomNormal([n, n], 0, 1, "float32", 1);
  const b = tf.randomNormal([n, n], 0, 1, "float32", 2);
  tf.matMul(a, b).dataSync(); // warm-up
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) {
    const c = tf.matMul(a, b);
    c.dataSync();
    c.dispose();
  }
  const ms = (performance.now() - t0) / reps;
  a.dispose();
  b.dispose();
  return ms;
}

export const coreTensorDemo: Demo = {
  name: "core-tensor",
  packageName: "@descent/core-tensor",
  title: "core-tensor: backend speed",
  description: "Matrix-multiply throughput of tfjs on the wasm backend against the pure-JS cpu backend.",
  async run(ctx) {
    const sizes = ctx.quick ? [64, 128, 256] : [64, 128, 256, 512];
    const rows: (string | number)[][] = [];
    const gflops: Record<string, number[]> = { wasm: [], cpu: [] };
    ctx.progress.start("matmul", sizes.length * 2);
    for (const backend of ["wasm", "cpu"] as const) {
      await initBackend({ backend });
      for (const n of sizes) {
        const reps =
          backend === "cpu" ? Math.max(1, Math.round(2e7 / n ** 3)) : Math.max(3, Math.round(2e9 / n ** 3));
        const ms = timeMatMul(n, reps);
        gflops[backend]?.push((2 * n ** 3) / (ms * 1e6));
        ctx.progress.tick();
      }
    }
    ctx.progress.stop();
    await initBackend();
    sizes.forEach((n, i) => {
      const w = gflops["wasm"]?.[i] ?? Number.NaN;
      const c = gflops["cpu"]?.[i] ?? Number.NaN;
      rows.push([n, w, c, w / c]);
    });
    ctx.report
      .section("tfjs matMul throughput (float32, one thread)")
      .table(["n", "wasm GFLOP/s", "cpu GFLOP/s", "wasm / cpu"], rows);
    await ctx.report.linePlot("matmul-gflops", {
      title: "tfjs matMul throughput",
      xLabel: "n",
      yLabel: "GFLOP/s",
      xScale: "log",
      yScale: "log",
      series: [
        { name: "wasm", x: sizes, y: gflops["wasm"] ?? [] },
        { name: "cpu", x: sizes, y: gflops["cpu"] ?? [] },
      ],
    });
    ctx.report.data("matmul", { sizes, gflops });
    const ratio = rows.at(-1)?.[3] as number;
    return {
      status: ratio > 3 ? "reproduced" : "not reproduced",
      headline: `wasm matMul is ${ratio.toFixed(1)}x the cpu backend at n = ${sizes.at(-1)}.`,
    };
  },
};
