/**
 * @descent/core-tensor/report: Markdown tables and SVG plots for the reproductions' reports.
 * Kept apart from the main entry so that algorithm packages never load a plotting library.
 */
export { type LinePlotSpec, type LineSeries, linePlotSvg } from "./line-plot.js";
export { formatNumber, markdownTable } from "./markdown-table.js";
export { renderVegaLiteSvg, type VegaLiteSpec } from "./render-svg.js";
