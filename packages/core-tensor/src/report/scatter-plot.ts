/**
 * Scatter plots of several groups (one colour and shape each), optional log axes and an optional
 * `y = x` reference line, rendered to SVG through Vega-Lite.
 */
import { type AxisScale, fitsScale, vegaScale } from "./axis-scale.js";
import { renderLayeredChartSvg } from "./render-svg.js";
import { assertSeriesLengths } from "./series-lengths.js";

/** One group of points of a {@link ScatterPlotSpec}. */
export interface ScatterGroup {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** What {@link scatterPlotSvg} draws. */
export interface ScatterPlotSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  groups: readonly ScatterGroup[];
  /** Default `"linear"`. A log axis drops non-positive values (they would blank the plot). */
  xScale?: AxisScale;
  yScale?: AxisScale;
  /** Draw the line `y = x` over the data range (e.g. predicted against measured). Default false. */
  diagonal?: boolean;
  /** Point area in px². Default 40. */
  pointSize?: number;
  width?: number;
  height?: number;
}

/**
 * Renders a {@link ScatterPlotSpec} to an SVG string. Non-finite points, and non-positive ones on a
 * log axis, are left out.
 *
 * @example
 * ```ts
 * const svg = await scatterPlotSvg({ title: "R²", xLabel: "Lasso-CV", yLabel: "ours",
 *   groups: [{ name: "datasets", x: [0.38, 0.25], y: [0.34, 0.27] }], diagonal: true });
 * ```
 */
export async function scatterPlotSvg(spec: ScatterPlotSpec): Promise<string> {
  const { xScale = "linear", yScale = "linear", width = 480, height = 360, pointSize = 40 } = spec;
  const rows: { group: string; x: number; y: number }[] = [];
  for (const g of spec.groups) {
    assertSeriesLengths(g.name, { x: g.x, y: g.y });
    for (let i = 0; i < g.x.length; i++) {
      const x = g.x[i] as number;
      const y = g.y[i] as number;
      if (fitsScale(x, xScale) && fitsScale(y, yScale)) rows.push({ group: g.name, x, y });
    }
  }
  const x = { field: "x", type: "quantitative", title: spec.xLabel, scale: vegaScale(xScale) };
  const y = { field: "y", type: "quantitative", title: spec.yLabel, scale: vegaScale(yScale) };
  const groupNames = spec.groups.map((g) => g.name);
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: "point", filled: true, size: pointSize, opacity: 0.75 },
      encoding: {
        x,
        y,
        color: { field: "group", type: "nominal", title: null, scale: { domain: groupNames } },
        shape: { field: "group", type: "nominal", title: null, scale: { domain: groupNames } },
      },
    },
  ];
  if (spec.diagonal && rows.length > 0) {
    const values = rows.flatMap((r) => [r.x, r.y]);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    layers.push({
      data: {
        values: [
          { x: lo, y: lo },
          { x: hi, y: hi },
        ],
      },
      mark: { type: "line", color: "#888", strokeDash: [4, 4] },
      encoding: { x, y },
    });
  }
  return renderLayeredChartSvg({ title: spec.title, width, height, values: rows, layers });
}
