/**
 * Grouped bar charts (categories along x, one bar per series in each group) with optional symmetric
 * error bars, rendered to SVG through Vega-Lite; e.g. final accuracy per method and data set ± one std.
 */

import { DescentError } from "../errors.js";
import { type AxisScale, fitsScale } from "./axis-scale.js";
import { renderLayeredChartSvg } from "./render-svg.js";

/** One series of a {@link BarChartSpec}: a value per category, optionally ± an error. */
export interface BarSeries {
  name: string;
  /** One value per category, in the order of `categories`. */
  values: ArrayLike<number>;
  /** Half-width of the error bar per category (e.g. one standard deviation over seeds). */
  errors?: ArrayLike<number>;
}

/** What {@link barChartSvg} draws. */
export interface BarChartSpec {
  title: string;
  /** Axis title under the categories. Default: none. */
  xLabel?: string;
  yLabel: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  /** Default `"linear"` (bars start at 0). A log axis drops non-positive bars. */
  yScale?: AxisScale;
  width?: number;
  height?: number;
}

/**
 * Renders a {@link BarChartSpec} to an SVG string.
 *
 * @example
 * ```ts
 * const svg = await barChartSvg({ title: "accuracy", yLabel: "accuracy", categories: ["iid", "non-iid"],
 *   series: [{ name: "ideal", values: [0.9, 0.84], errors: [0.01, 0.02] }, { name: "aog", values: [0.8, 0.6] }] });
 * ```
 */
export async function barChartSvg(spec: BarChartSpec): Promise<string> {
  const {
    yScale = "linear",
    width = Math.max(240, 28 * spec.categories.length * spec.series.length),
    height = 300,
  } = spec;
  const rows: { category: string; series: string; value: number; lo?: number; hi?: number }[] = [];
  for (const s of spec.series) {
    if (s.values.length !== spec.categories.length) {
      throw new DescentError(
        `series "${s.name}" has ${s.values.length} values for ${spec.categories.length} categories`,
        { parameter: "series", code: "shape" },
      );
    }
    spec.categories.forEach((category, i) => {
      const value = s.values[i] as number;
      if (!fitsScale(value, yScale)) return;
      const row: (typeof rows)[number] = { category, series: s.name, value };
      const e = s.errors?.[i];
      if (e !== undefined && Number.isFinite(e) && fitsScale(value - Math.abs(e), yScale)) {
        row.lo = value - Math.abs(e);
        row.hi = value + Math.abs(e);
      }
      rows.push(row);
    });
  }
  const seriesNames = spec.series.map((s) => s.name);
  const x = {
    field: "category",
    type: "nominal",
    title: spec.xLabel ?? null,
    sort: [...spec.categories],
    axis: { labelAngle: 0 },
  };
  const xOffset = { field: "series", type: "nominal", sort: seriesNames };
  const y = {
    field: "value",
    type: "quantitative",
    title: spec.yLabel,
    scale: yScale === "log" ? { type: "log" } : { zero: true },
  };
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: "bar" },
      encoding: {
        x,
        xOffset,
        y,
        color: { field: "series", type: "nominal", title: null, sort: seriesNames },
      },
    },
  ];
  if (rows.some((r) => r.lo !== undefined)) {
    layers.push({
      transform: [{ filter: "isValid(datum.lo)" }],
      mark: { type: "rule", color: "black" },
      encoding: { x, xOffset, y: { ...y, field: "lo" }, y2: { field: "hi" } },
    });
  }
  return renderLayeredChartSvg({ title: spec.title, width, height, values: rows, layers });
}
