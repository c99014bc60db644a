/**
 * R2 (method §e, paper Fig. 4 bottom): CPU time of 100 IRR iterations (tol 0) on `gaussian(n, 0.1n)`,
 * Cholesky against one-step CG.
 */
import { fitAdversarialRegression, gaussian } from "@descent/adversarial-linear";
import type { DemoContext } from "../../demo.js";
import { cpuSeconds } from "./convergence-trace.js";
import type { Criterion } from "./regression-convergence.js";

export async function irrScaling(ctx: DemoContext): Promise<Criterion[]> {
  const sizes = ctx.quick ? [250, 500, 1000] : [500, 1000, 2000, 3000];
  const iters = 100;
  const rows: (string | number)[][] = [];
  const chol: number[] = [];
  const cg: number[] = [];
  ctx.progress.start("R2 scaling", sizes.length * 2);
  for (const n of sizes) {
    const p = Math.round(0.1 * n);
    const { X, y } = gaussian(n, p, { seed: ctx.seed });
    // the same δ for both solvers, computed once outside the timing
    const delta = 0.1;
    const times: number[] = [];
    for (const solver of ["irr-cholesky", "irr-cg"] as const) {
      const t0 = cpuSeconds();
      fitAdversarialRegression(X, y, {
        attack: "linf",
        delta,
        solver,
        maxIter: iters,
        tol: 0,
        gapTol: 0,
        signal: ctx.signal,
      });
      times.push(cpuSeconds() - t0);
      ctx.progress.tick();
    }
    const [tc, tg] = times as [number, number];
    chol.push(tc);
    cg.push(tg);
    rows.push([n, p, tc, tg, tc / tg]);
  }
  ctx.progress.stop();
  ctx.report.section("R2: cost of 100 IRR iterations, Cholesky vs CG (gaussian(n, 0.1n), ℓ∞, δ = 0.1)");
  ctx.report.table(["n", "p", "Cholesky (CPU s)", "CG (CPU s)", "Cholesky / CG"], rows, undefined, 3);
  await ctx.report.linePlot("r2-scaling", {
    title: "R2: time of 100 IRR iterations",
    xLabel: "n (p = 0.1 n)",
    yLabel: "CPU seconds",
    xScale: "log",
    yScale: "log",
    series: [
      { name: "Cholesky", x: sizes, y: chol },
      { name: "CG (1 step)", x: sizes, y: cg },
    ],
  });
  const k = sizes.length - 1;
  const logSlope = (t: number[], a: number, b: number) =>
    Math.log((t[b] as number) / (t[a] as number)) / Math.log((sizes[b] as number) / (sizes[a] as number));
  // whole range, and the upper half of the sizes where the O(np² + p³) work dominates fixed per-call costs
  const slope = logSlope(chol, 0, k);
  const mid = Math.floor(k / 2);
  const upperSlope = logSlope(chol, mid, k);
  const cgSlope = logSlope(cg, 0, k);
  ctx.report.text(
    `Log-log slope of the Cholesky time along n: ${slope.toFixed(2)} over n = ${sizes[0]}…${sizes[k]}, ` +
      `${upperSlope.toFixed(2)} over n = ${sizes[mid]}…${sizes[k]} (n·p² + p³ ∝ n³ expected); CG: ${cgSlope.toFixed(2)} ` +
      "(n·p ∝ n² expected). Process CPU time on a shared 2-core machine.",
  );
  ctx.report.data("r2", {
    sizes,
    iterations: iters,
    choleskySeconds: chol,
    cgSeconds: cg,
    choleskySlope: slope,
    choleskyUpperSlope: upperSlope,
    cgSlope,
  });
  const ratio = (chol[k] as number) / (cg[k] as number);
  return [
    {
      claim: `R2: CG ≥ 10× faster than Cholesky per 100 iterations at n = 3000 (measured at n = ${sizes[k]})`,
      measured: `${ratio.toFixed(1)}×`,
      pass: ctx.quick ? null : ratio >= 10,
    },
    {
      claim:
        "R2: Cholesky time grows ~n³ along p = 0.1n (log-log slope ≥ 2.5 over the upper half of the sizes)",
      measured: `slope ${upperSlope.toFixed(2)} (whole range ${slope.toFixed(2)})`,
      pass: ctx.quick ? null : upperSlope >= 2.5,
    },
  ];
}
