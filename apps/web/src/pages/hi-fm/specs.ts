/** The page's Vega-Lite specs (named data sets, filled while the run progresses). */
import type { VisualizationSpec } from "vega-embed";

const DOMAIN = [-5.5, 5.5];

/** One method's particles (current positions over their trails) on top of the training points. */
export function flowSpec(title: string, color: string): VisualizationSpec {
  const x = { field: "x", type: "quantitative", scale: { domain: DOMAIN }, title: "x₁" } as const;
  const y = { field: "y", type: "quantitative", scale: { domain: DOMAIN }, title: "x₂" } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 320,
    height: 320,
    title,
    layer: [
      {
        data: { name: "data" },
        mark: { type: "point", shape: "cross", color: "#999", size: 30, opacity: 0.7 },
        encoding: { x, y },
      },
      {
        data: { name: "trails" },
        mark: { type: "line", color, strokeWidth: 0.8, opacity: 0.3, clip: true },
        encoding: {
          x,
          y,
          detail: { field: "id", type: "nominal" },
          order: { field: "step", type: "quantitative" },
        },
      },
      {
        data: { name: "particles" },
        mark: { type: "circle", color, size: 22, opacity: 0.9, clip: true },
        encoding: { x, y },
      },
    ],
  };
}

export function nllSpec(): VisualizationSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 260,
    height: 200,
    title: "Test NLL of the t = 1 density (endpoint mixture)",
    data: { name: "nll" },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          x: { field: "model", type: "nominal", sort: null, title: null, axis: { labelAngle: 0 } },
          y: { field: "nll", type: "quantitative", title: "mean −log p(x) (nats)" },
          color: { field: "model", type: "nominal", legend: null },
        },
      },
      {
        mark: { type: "errorbar", ticks: true },
        encoding: {
          x: { field: "model", type: "nominal", sort: null },
          y: { field: "low", type: "quantitative", title: "mean −log p(x) (nats)" },
          y2: { field: "high" },
        },
      },
    ],
  };
}
