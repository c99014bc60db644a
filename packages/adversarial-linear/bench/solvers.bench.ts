/**
 * Hot-path benchmark of @descent/adversarial-linear (issue 3, "Speed"), printing ratios measured in this run:
 * 1. the weighted Gram XᵀWX of every IRR-Cholesky iteration: core-tensor's blocked kernel vs a naive triple loop;
 * 2. time per IRR iteration, Cholesky vs one-step CG, on gaussian(n, 0.1n);
 * 3. time to 1e-6 relative sub-optimality of each classifier solver on gaussianClassification(n, 50), δ = 0.05;
 * 4. the fixed cost of a short AGD solve (n = 1000, p = 100, ℓ∞, 10 iterations): before, every call ran a
 *    power iteration to 1e-12 for λ_max (reconstructed here as that iteration plus a fit given `lambdaMax`);
 *    now λ_max comes from the Gram eigenvalues, and not at all when ρ is given.
 * Times are process CPU time (best of a few runs). Run: `pnpm --filter @descent/adversarial-linear bench`
 * (set BENCH_QUICK=1 for n = 1000 only).
 */
import { type Matrix64, powerIteration, weightedGram } from "@descent/core-tensor";
import {
  type ClassificationOptions,
  fitAdversarialClassifier,
  fitAdversarialRegression,
  gaussian,
  gaussianClassification,
} from "../src/index.js";

const sizes = process.env["BENCH_QUICK"] ? [1000] : [1000, 2000, 3000];

/** Process CPU milliseconds (the machine is shared: CPU time of one thread is its idle-machine wall time). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function best(reps: number, f: () => void): number {
  let b = Number.POSITIVE_INFINITY;
  for (let r = 0; r < reps; r++) {
    const t0 = cpuMs();
    f();
    b = Math.min(b, cpuMs() - t0);
  }
  return b;
}

/** The obvious implementation: G_jk = Σ_i w_i X_ij X_ik, j-k-i loop order. */
function naiveWeightedGram(X: Matrix64, w: Float64Array): Float64Array {
  const { rows: n, cols: p, data } = X;
  const G = new Float64Array(p * p);
  for (let j = 0; j < p; j++)
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let i = 0; i < n; i++)
        s += (w[i] as number) * (data[i * p + j] as number) * (data[i * p + k] as number);
      G[j * p + k] = s;
    }
  return G;
}

function table(headers: string[], rows: (string | number)[][]): void {
  const fmt = (v: string | number) =>
    typeof v === "number" ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : v;
  console.log(`| ${headers.join(" | ")} |`);
  console.log(`| ${headers.map(() => "---").join(" | ")} |`);
  for (const r of rows) console.log(`| ${r.map(fmt).join(" | ")} |`);
  console.log("");
}

// 1. weighted Gram
{
  const rows: (string | number)[][] = [];
  for (const n of sizes) {
    const p = Math.round(0.1 * n);
    const { X } = gaussian(n, p, { seed: 1 });
    const w = new Float64Array(n).fill(1 / n);
    const fast = best(5, () => weightedGram(X, w));
    const naive = best(2, () => naiveWeightedGram(X, w));
    const a = weightedGram(X, w).data;
    const b = naiveWeightedGram(X, w);
    let err = 0;
    for (let i = 0; i < a.length; i++) err = Math.max(err, Math.abs((a[i] as number) - (b[i] as number)));
    rows.push([n, p, fast, naive, naive / fast, err]);
  }
  console.log("## Weighted Gram XᵀWX (one IRR-Cholesky iteration's dominant cost)\n");
  table(["n", "p", "blocked core-tensor (ms)", "naive triple loop (ms)", "speed-up", "max abs diff"], rows);
}

// 2. time per IRR iteration
{
  const rows: (string | number)[][] = [];
  for (const n of sizes) {
    const p = Math.round(0.1 * n);
    const { X, y } = gaussian(n, p, { seed: 2 });
    const iters = 10;
    const per = (solver: "irr-cholesky" | "irr-cg") =>
      best(2, () =>
        fitAdversarialRegression(X, y, {
          attack: "linf",
          delta: 0.1,
          solver,
          maxIter: iters,
          tol: 0,
          gapTol: 0,
        }),
      ) / iters;
    const chol = per("irr-cholesky");
    const cg = per("irr-cg");
    rows.push([n, p, chol, cg, chol / cg]);
  }
  console.log("## Time per IRR iteration, ℓ∞, gaussian(n, 0.1n)\n");
  table(["n", "p", "Cholesky (ms/it)", "CG 1 step (ms/it)", "Cholesky / CG"], rows);
}

// 3. time to 1e-6 relative sub-optimality for each classifier
{
  const solvers: [string, ClassificationOptions, number][] = [
    ["AGD backtracking", { solver: "agd" }, 1000],
    ["GD backtracking", { solver: "gd" }, 2000],
    ["GD 10/λmax", { solver: "gd", step: { scale: 10 } }, 2000],
    ["SAGA 1/L_max", { solver: "saga" }, 40],
    ["SGD 200/λmax", { solver: "sgd", step: { scale: 200 } }, 40],
    ["FGSM-GD 40/λmax", { solver: "fgsm-gd" }, 2000],
  ];
  const rows: (string | number)[][] = [];
  for (const n of sizes) {
    const { X, y } = gaussianClassification(n, 50, { seed: 3 });
    const base: ClassificationOptions = { attack: "linf", delta: 0.05, tol: 0 };
    const rStar = fitAdversarialClassifier(X, y, { ...base, maxIter: 3000 }).risk;
    const times: number[] = [];
    for (const [, opts, maxIter] of solvers) {
      const t0 = cpuMs();
      let hit = Number.NaN;
      fitAdversarialClassifier(X, y, {
        ...base,
        ...opts,
        maxIter,
        onIteration: (info) => {
          if ((info.risk - rStar) / rStar <= 1e-6) {
            hit = cpuMs() - t0;
            return true;
          }
          return false;
        },
      });
      times.push(hit);
    }
    const agd = times[0] as number;
    rows.push([
      n,
      ...times.map((t) => (Number.isNaN(t) ? "not reached" : `${t.toFixed(0)} (${(t / agd).toFixed(1)}×)`)),
    ]);
  }
  console.log("## Time to 1e-6 relative sub-optimality (ms; ratio to AGD), ℓ∞, δ = 0.05, p = 50\n");
  table(["n", ...solvers.map(([name, , m]) => `${name} (cap ${m})`)], rows);
}

// 4. fixed cost of a short AGD solve
{
  const { X, y } = gaussianClassification(1000, 100, { seed: 4 });
  const base: ClassificationOptions = { attack: "linf", delta: 0.05, solver: "agd", maxIter: 10, tol: 0 };
  const lambdaMax = fitAdversarialClassifier(X, y, { ...base, maxIter: 1 }).lambdaMax;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
  const cases: [string, () => void][] = [
    [
      "before: power iteration to 1e-12 + solve",
      () => {
        powerIteration(X, { target: "singular-value", seed: 0, tol: 1e-12, maxIterations: 1000 });
        fitAdversarialClassifier(X, y, { ...base, lambdaMax });
      },
    ],
    ["after, rho 'auto' (λ_max from the Gram eigenvalues)", () => fitAdversarialClassifier(X, y, base)],
    [
      "after, rho given (no λ_max)",
      () => fitAdversarialClassifier(X, y, { ...base, rho: 0.5 * Math.sqrt(lambdaMax) }),
    ],
  ];
  const samples = cases.map(() => [] as number[]);
  for (let r = 0; r < 7; r++)
    cases.forEach(([, f], i) => {
      const t0 = cpuMs();
      f();
      samples[i]?.push(cpuMs() - t0);
    });
  const before = median(samples[0] as number[]);
  console.log(
    "## Short AGD solve (n = 1000, p = 100, ℓ∞, 10 iterations): CPU ms, median of 7 interleaved runs\n",
  );
  table(
    ["call", "ms", "before / this"],
    cases.map(([label], i) => [
      label,
      median(samples[i] as number[]),
      `${(before / median(samples[i] as number[])).toFixed(1)}×`,
    ]),
  );
}
