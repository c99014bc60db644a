/**
 * Axis scales shared by the plots: a log axis silently blanks a Vega-Lite chart when one value is
 * not positive (platform notes §6), so points that a scale cannot show are dropped before rendering.
 */

/** Linear or logarithmic axis. */
export type AxisScale = "linear" | "log";

/** Whether `v` can be drawn on an axis of scale `scale` (finite, and > 0 on a log axis). */
export function fitsScale(v: number, scale: AxisScale): boolean {
  return Number.isFinite(v) && (scale !== "log" || v > 0);
}

/** The Vega-Lite `scale` property of an axis: log, or linear without forcing zero into view. */
export function vegaScale(scale: AxisScale): Record<string, unknown> {
  return scale === "log" ? { type: "log" } : { zero: false };
}
