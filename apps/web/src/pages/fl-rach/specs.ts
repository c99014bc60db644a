/** The page's Vega-Lite specs (named data sets, filled while the run progresses). */
import type { VisualizationSpec } from "vega-embed";

export function framesSpec(slots: number): VisualizationSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: Math.max(220, 70 * slots),
    height: 380,
    title: "Random-access frames (rows) slot by slot",
    data: { name: "slots" },
    encoding: {
      x: { field: "slot", type: "ordinal", title: "slot" },
      y: { field: "frame", type: "ordinal", title: "frame", sort: "descending" },
    },
    layer: [
      {
        mark: { type: "rect", stroke: "#fff" },
        encoding: {
          color: {
            field: "outcome",
            type: "nominal",
            scale: {
              domain: ["idle", "success", "collision", "erasure", "orthogonal"],
              range: ["#e9ecef", "#2a9d8f", "#e63946", "#f4a261", "#8ecae6"],
            },
          },
        },
      },
      { mark: { type: "text", fontSize: 9 }, encoding: { text: { field: "label", type: "nominal" } } },
    ],
  };
}

export function aogSpec(): VisualizationSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 300,
    height: 200,
    title: "AoG score per user in the latest frame",
    data: { name: "scores" },
    mark: { type: "bar" },
    encoding: {
      x: { field: "user", type: "ordinal" },
      y: { field: "aog", type: "quantitative", title: "‖m‖ − ‖Δ‖" },
      color: {
        field: "contends",
        type: "nominal",
        title: "contends",
        scale: { domain: ["yes", "no"], range: ["#1d3557", "#adb5bd"] },
      },
    },
  };
}

export function accuracySpec(): VisualizationSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 360,
    height: 260,
    title: "Test accuracy of the global model",
    data: { name: "accuracy" },
    mark: { type: "line", point: { size: 12 } },
    encoding: {
      x: { field: "frame", type: "quantitative", title: "frame" },
      y: { field: "accuracy", type: "quantitative", scale: { domain: [0, 1] } },
      color: { field: "policy", type: "nominal" },
    },
  };
}
