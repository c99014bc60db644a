/** The page's Vega-Lite specs; data sets are named and filled while the run progresses. */
import type { VisualizationSpec } from "vega-embed";

// methods share one stroke scale across the layers; the landscape uses the fill channel
const methodStroke = {
  field: "method",
  type: "nominal",
  title: "method",
  scale: { range: ["#d62828", "#1d3557", "#2a9d8f"] },
} as const;

export function contourSpec(limit: number): VisualizationSpec {
  const x = { type: "quantitative" as const, scale: { domain: [-limit, limit] }, title: "x₁" };
  const y = { type: "quantitative" as const, scale: { domain: [-limit, limit] }, title: "x₂" };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 420,
    height: 420,
    title: "Search distributions on F_train",
    layer: [
      {
        data: { name: "landscape" },
        mark: { type: "rect" },
        encoding: {
          x: { field: "x", ...x },
          x2: { field: "x2" },
          y: { field: "y", ...y },
          y2: { field: "y2" },
          color: {
            field: "f",
            type: "quantitative",
            title: "F_train",
            scale: { scheme: "greys", reverse: true },
          },
        },
      },
      {
        data: { name: "paths" },
        mark: { type: "line", strokeWidth: 1.5, opacity: 0.8 },
        encoding: {
          x: { field: "x", ...x },
          y: { field: "y", ...y },
          stroke: methodStroke,
          order: { field: "iteration" },
        },
      },
      {
        data: { name: "ellipses" },
        mark: { type: "line", strokeWidth: 2, clip: true },
        encoding: {
          x: { field: "x", ...x },
          y: { field: "y", ...y },
          stroke: methodStroke,
          detail: { field: "ring" },
          order: { field: "order" },
        },
      },
      {
        data: { name: "samples" },
        mark: { type: "point", filled: false, size: 16, opacity: 0.8, clip: true },
        encoding: { x: { field: "x", ...x }, y: { field: "y", ...y }, stroke: methodStroke },
      },
    ],
  };
}

export function curvesSpec(): VisualizationSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 420,
    height: 300,
    title: "Value at the mean: train (solid) and shifted test (dashed)",
    data: { name: "values" },
    mark: { type: "line" },
    encoding: {
      x: { field: "iteration", type: "quantitative" },
      y: { field: "value", type: "quantitative", title: "F(μ)" },
      stroke: methodStroke,
      strokeDash: { field: "objective", type: "nominal", title: "objective" },
    },
  };
}
