/**
 * @descent/core-tensor/report: Markdown tables and SVG plots (line, scatter, heatmap, bar) for the
 * reproductions' reports. Kept apart from the main entry so that algorithm packages never load a plotting
 * library. `vega` and `vega-lite` are optional peer dependencies. Loads in browsers too; PNG export
 * (`svgToPng`, a native renderer) is Node-only and lives in `@descent/core-tensor/node`.
 */
export type { AxisScale } from "./axis-scale.js";
export { type BarChartSpec, type BarSeries, barChartSvg } from "./bar-chart.js";
export { type HeatmapSpec, heatmapSvg } from "./heatmap.js";
export { type LinePlotSpec, type LineSeries, linePlotSvg } from "./line-plot.js";
export {
  type ColumnAlign,
  formatNumber,
  type MarkdownTableOptions,
  markdownTable,
} from "./markdown-table.js";
export { renderVegaLiteSvg, type VegaLiteSpec } from "./render-svg.js";
export { type ScatterGroup, type ScatterPlotSpec, scatterPlotSvg } from "./scatter-plot.js";
