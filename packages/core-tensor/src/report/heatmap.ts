/**
 * Heatmaps of a matrix (rows top to bottom, columns left to right) with labelled axes and a colour
 * legend, rendered to SVG through Vega-Lite; e.g. accuracy over a grid of two hyperparameters.
 */
import { DescentError } from "../errors.js";
import { renderLayeredChartSvg } from "./render-svg.js";

/** What {@link heatmapSvg} draws. */
export interface HeatmapSpec {
  title: string;
  /** Title of the horizontal axis (the columns). */
  xLabel: string;
  /** Title of the vertical axis (the rows). */
  yLabel: string;
  /** `values[row][col]`; all rows must have the same length. Non-finite cells are drawn empty. */
  values: readonly (readonly number[])[] | readonly Float64Array[];
  /** Column labels (default `0 … cols−1`). */
  xTicks?: readonly (string | number)[];
  /** Row labels (default `0 … rows−1`). */
  yTicks?: readonly (string | number)[];
  /** Title of the colour legend. Default `"value"`. */
  valueLabel?: string;
  /** `"log"` colours by log value and drops non-positive cells. Default `"linear"`. */
  colorScale?: "linear" | "log";
  /** A Vega colour scheme name. Default `"viridis"`. */
  colorScheme?: string;
  /** Print each cell's value (3 significant digits). Default: when the matrix has at most 100 cells. */
  showValues?: boolean;
  width?: number;
  height?: number;
}

/**
 * Renders a {@link HeatmapSpec} to an SVG string.
 *
 * @example
 * ```ts
 * const svg = await heatmapSvg({ title: "test accuracy", xLabel: "step size", yLabel: "rank",
 *   values: [[0.9, 0.8], [0.7, 0.6]], xTicks: ["0.1", "1"], yTicks: [4, 8] });
 * ```
 */
export async function heatmapSvg(spec: HeatmapSpec): Promise<string> {
  const rowsCount = spec.values.length;
  const colsCount = spec.values[0]?.length ?? 0;
  spec.values.forEach((row, i) => {
    if (row.length !== colsCount) {
      throw new DescentError(`values[${i}] has ${row.length} columns, values[0] has ${colsCount}`, {
        parameter: "values",
        code: "shape",
      });
    }
  });
  const xTicks = (spec.xTicks ?? Array.from({ length: colsCount }, (_, j) => j)).map(String);
  const yTicks = (spec.yTicks ?? Array.from({ length: rowsCount }, (_, i) => i)).map(String);
  if (xTicks.length !== colsCount || yTicks.length !== rowsCount) {
    throw new DescentError(
      `xTicks/yTicks must have ${colsCount}/${rowsCount} labels, received ${xTicks.length}/${yTicks.length}`,
      { parameter: "values", code: "shape" },
    );
  }
  const {
    colorScale = "linear",
    colorScheme = "viridis",
    width = 40 * colsCount + 40,
    height = 28 * rowsCount + 20,
  } = spec;
  const showValues = spec.showValues ?? rowsCount * colsCount <= 100;
  const cells: { col: string; row: string; value: number; text: string }[] = [];
  spec.values.forEach((row, i) => {
    for (let j = 0; j < colsCount; j++) {
      const v = row[j] as number;
      if (!Number.isFinite(v) || (colorScale === "log" && v <= 0)) continue;
      cells.push({
        col: xTicks[j] as string,
        row: yTicks[i] as string,
        value: v,
        text: String(Number(v.toPrecision(3))),
      });
    }
  });
  const x = { field: "col", type: "ordinal", title: spec.xLabel, sort: xTicks, axis: { labelAngle: 0 } };
  const y = { field: "row", type: "ordinal", title: spec.yLabel, sort: yTicks };
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: "rect" },
      encoding: {
        x,
        y,
        color: {
          field: "value",
          type: "quantitative",
          title: spec.valueLabel ?? "value",
          scale: { type: colorScale, scheme: colorScheme },
        },
      },
    },
  ];
  if (showValues) {
    layers.push({
      mark: { type: "text", fontSize: 10 },
      // dark text on the light end of the scheme, light text on the dark end
      encoding: {
        x,
        y,
        text: { field: "text" },
        color: {
          condition: { test: `datum.value > ${midpoint(cells, colorScale)}`, value: "black" },
          value: "white",
        },
      },
    });
  }
  return renderLayeredChartSvg({
    title: spec.title,
    width: Math.min(width, 900),
    height: Math.min(height, 900),
    values: cells,
    layers,
  });
}

/** The value in the middle of the colour range (geometric on a log scale). */
function midpoint(cells: readonly { value: number }[], scale: "linear" | "log"): number {
  if (cells.length === 0) return 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const c of cells) {
    lo = Math.min(lo, c.value);
    hi = Math.max(hi, c.value);
  }
  return scale === "log" ? Math.sqrt(lo * hi) : (lo + hi) / 2;
}
