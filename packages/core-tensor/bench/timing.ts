/**
 * Timing helpers shared by the benchmarks: CPU time (user + system of this process) per call, the
 * best of several repetitions, because the project's machines are shared and wall-clock time is
 * noisy there (platform notes §3 measured the same way).
 */

/**
 * Best CPU milliseconds per call of `fn` over repetitions lasting at least `minTotalMs` (≥ `minReps`),
 * after `warmup` untimed calls (default 1, for the JIT).
 */
export function bestCpuMs(
  fn: () => unknown,
  options: { minReps?: number; minTotalMs?: number; maxReps?: number; warmup?: number } = {},
): number {
  const minReps = options.minReps ?? 3;
  const maxReps = options.maxReps ?? 50;
  const minTotal = options.minTotalMs ?? 300;
  const warmup = options.warmup ?? 1;
  for (let i = 0; i < warmup; i++) fn();
  let best = Number.POSITIVE_INFINITY;
  let total = 0;
  for (let rep = 0; rep < maxReps && (rep < minReps || total < minTotal); rep++) {
    const t0 = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t0);
    const ms = (d.user + d.system) / 1000;
    best = Math.min(best, ms);
    total += ms;
  }
  return best;
}

/** Formats milliseconds with three significant digits. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3);
}

/** Formats a ratio like `3.1×`. */
export function fmtRatio(r: number): string {
  return Number.isFinite(r) ? `${r.toFixed(r >= 10 ? 0 : 1)}×` : "—";
}

/** Prints a Markdown table. */
export function printTable(headers: string[], rows: (string | number)[][]): void {
  console.log(`| ${headers.join(" | ")} |`);
  console.log(`| ${headers.map(() => "---").join(" | ")} |`);
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
}
