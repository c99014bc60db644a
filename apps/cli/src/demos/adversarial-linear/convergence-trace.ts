/**
 * A solver's convergence trace (risk and CPU time after every iteration) and the helpers that turn
 * traces into the protocol's tables (relative sub-optimality at fixed budgets) and log-scale plots.
 */
import type { LineSeries } from "@descent/core-tensor/report";

/**
 * CPU seconds of this process (user + system). The demo measures CPU time, not wall time: the machine is
 * shared, and for single-threaded code CPU time equals wall time on an idle machine (core-tensor platform notes §1).
 */
export function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Risk and cumulative CPU time (seconds) after iterations 1, 2, … */
export interface Trace {
  name: string;
  risk: number[];
  seconds: number[];
}

/** Records a trace through an `onIteration` hook. */
export function traceRecorder(name: string): { trace: Trace; hook: (info: { risk: number }) => undefined } {
  const trace: Trace = { name, risk: [], seconds: [] };
  const t0 = cpuSeconds();
  return {
    trace,
    hook: (info) => {
      trace.risk.push(info.risk);
      trace.seconds.push(cpuSeconds() - t0);
      return undefined;
    },
  };
}

/** Floor of a plotted sub-optimality (log axes cannot show 0). */
export const PLOT_FLOOR = 1e-16;

/** `(R_k − R*)/R*` after `k` iterations (1-based); NaN when the trace is shorter. */
export function relSubopt(trace: Trace, k: number, rStar: number): number {
  const r = trace.risk[k - 1];
  return r === undefined ? Number.NaN : (r - rStar) / rStar;
}

/** The smallest risk any trace reached: the reference optimum must not be above it. */
export function bestRisk(traces: readonly Trace[], reference: number): number {
  let m = reference;
  for (const t of traces) for (const r of t.risk) if (r < m) m = r;
  return m;
}

/** ~`points` log-spaced iteration indices in [1, length]. */
function logIndices(length: number, points = 150): number[] {
  const out = new Set<number>();
  for (let i = 0; i < points; i++) {
    const k = Math.round(Math.exp((Math.log(length) * i) / (points - 1)));
    out.add(Math.min(length, Math.max(1, k)));
  }
  return [...out].sort((a, b) => a - b);
}

/** Series of sub-optimality vs iteration (or vs seconds), thinned to log-spaced points, floored at 1e-16. */
export function suboptSeries(
  traces: readonly Trace[],
  rStar: number,
  axis: "iteration" | "seconds",
): LineSeries[] {
  return traces.map((t) => {
    const ks = logIndices(t.risk.length);
    return {
      name: t.name,
      x: ks.map((k) => (axis === "iteration" ? k : (t.seconds[k - 1] as number))),
      y: ks.map((k) => Math.max(PLOT_FLOOR, relSubopt(t, k, rStar))),
    };
  });
}

/** Formats a sub-optimality cell: values at the float64 floor are shown as "≤ 1e-15". */
export function cell(v: number): string {
  if (Number.isNaN(v)) return "–";
  if (v <= 1e-15) return "≤ 1e-15";
  return v.toExponential(1);
}

/** Seconds at iteration k, formatted. */
export function secondsCell(trace: Trace, k: number): string {
  const s = trace.seconds[k - 1];
  return s === undefined ? "–" : s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`;
}
