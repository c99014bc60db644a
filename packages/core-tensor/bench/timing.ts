/**
 * Timing helpers shared by the benchmarks: CPU time (user + system of this process) per call, the
 * best of several repetitions, because the project's machines are shared and wall-clock time is
 * noisy there.
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

/**
 * Median CPU milliseconds per call of each of `fns`, measured in interleaved rounds (one call of each
 * per round, after `warmup` untimed rounds), so that a load change on the shared machine hits all of
 * them alike. Each timed call repeats `fn` until it has run `minMs` (for sub-millisecond kernels).
 */
export function interleavedMedianCpuMs(
  fns: readonly (() => unknown)[],
  options: { rounds?: number; warmup?: number; minMs?: number } = {},
): number[] {
  const rounds = options.rounds ?? 7;
  const minMs = options.minMs ?? 20;
  for (let w = 0; w < (options.warmup ?? 1); w++) for (const f of fns) f();
  const samples = fns.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((f, i) => {
      let calls = 0;
      let ms = 0;
      const t0 = process.cpuUsage();
      do {
        f();
        calls++;
        const d = process.cpuUsage(t0);
        ms = (d.user + d.system) / 1000;
      } while (ms < minMs);
      (samples[i] as number[]).push(ms / calls);
    });
  }
  return samples.map((s) => {
    const sorted = s.sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  });
}
