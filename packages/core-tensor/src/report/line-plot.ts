/**
 * Line plots (several series, optional error bands, log axes) rendered to SVG through Vega-Lite,
 * with no canvas and no native module (platform notes §6).
 */
import { type AxisScale, fitsScale, vegaScale } from "./axis-scale.js";
import { renderLayeredChartSvg } from "./render-svg.js";
import { assertSeriesLengths } from "./series-lengths.js";

/** One curve of a {@link LinePlotSpec}. `lower`/`upper` draw a shaded band (e.g. ± one std over seeds). */
export interface LineSeries {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
}

/** What {@link linePlotSvg} draws. */
export interface LinePlotSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineSeries[];
  /** Default `"linear"`. A log axis drops non-positive values (they would blank the plot). */
  xScale?: AxisScale;
  yScale?: AxisScale;
  width?: number;
  height?: number;
  /** Draw a point at every sample. Default: only when a series has at most 30 points. */
  points?: boolean;
}

/** Renders a {@link LinePlotSpec} to an SVG string. */
export async function linePlotSvg(spec: LinePlotSpec): Promise<string> {
  const { xScale = "linear", yScale = "linear", width = 560, height = 320 } = spec;
  const keep = (x: number, y: number) => fitsScale(x, xScale) && fitsScale(y, yScale);
  const rows: Record<string, number | string>[] = [];
  let maxLen = 0;
  for (const s of spec.series) {
    assertSeriesLengths(s.name, { x: s.x, y: s.y, lower: s.lower, upper: s.upper });
    maxLen = Math.max(maxLen, s.x.length);
    for (let i = 0; i < s.x.length; i++) {
      const x = s.x[i] as number;
      const y = s.y[i] as number;
      if (!keep(x, y)) continue;
      const row: Record<string, number | string> = { series: s.name, x, y };
      if (s.lower && s.upper) {
        const lo = s.lower[i] as number;
        const hi = s.upper[i] as number;
        if (keep(x, lo) && keep(x, hi)) {
          row["lo"] = lo;
          row["hi"] = hi;
        }
      }
      rows.push(row);
    }
  }
  const points = spec.points ?? maxLen <= 30;
  const x = {
    field: "x",
    type: "quantitative",
    title: spec.xLabel,
    scale: vegaScale(xScale),
  };
  const y = {
    field: "y",
    type: "quantitative",
    title: spec.yLabel,
    scale: vegaScale(yScale),
  };
  const color = { field: "series", type: "nominal", title: null };
  const layers: Record<string, unknown>[] = [];
  if (spec.series.some((s) => s.lower && s.upper)) {
    layers.push({
      mark: { type: "area", opacity: 0.2 },
      transform: [{ filter: "isValid(datum.lo)" }],
      encoding: { x, y: { ...y, field: "lo" }, y2: { field: "hi" }, color },
    });
  }
  layers.push({ mark: { type: "line", point: points, strokeWidth: 2 }, encoding: { x, y, color } });
  return renderLayeredChartSvg({ title: spec.title, width, height, values: rows, layers });
}
