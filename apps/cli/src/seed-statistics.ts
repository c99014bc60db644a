/**
 * Mean ± std and medians over seeds, the way the demos' tables report them.
 */
import { formatNumber } from "@descent/core-tensor/report";

/** Arithmetic mean. */
export function mean(values: readonly number[]): number {
  return values.reduce((a, v) => a + v, 0) / values.length;
}

/** Sample standard deviation (n − 1); 0 for a single value. */
export function std(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
}

/** Median. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const k = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[k] as number) : 0.5 * ((s[k - 1] as number) + (s[k] as number));
}

/** "m ± s" with `digits` decimals. */
export function meanStd(values: readonly number[], digits = 3): string {
  return `${mean(values).toFixed(digits)} ± ${std(values).toFixed(digits)}`;
}

/** A compact scientific number for the convergence table. */
export function sci(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return v === 0 ? "0" : Math.abs(v) >= 1e-2 && Math.abs(v) < 1e4 ? formatNumber(v, 3) : v.toExponential(1);
}
