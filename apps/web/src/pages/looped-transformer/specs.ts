/** The page's Vega-Lite specs (named data sets, filled while the run progresses). */
import type { VisualizationSpec } from "vega-embed";

export function errorSpec(): VisualizationSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 380,
    height: 300,
    title: "Test prediction MSE against loops T",
    data: { name: "errors" },
    mark: { type: "line", point: { size: 60 } },
    encoding: {
      x: {
        field: "loops",
        type: "quantitative",
        scale: { type: "log", base: 2 },
        title: "loops T (GD: steps)",
      },
      y: { field: "mse", type: "quantitative", scale: { type: "log" }, title: "test MSE" },
      color: { field: "model", type: "nominal", title: "model" },
      strokeDash: { field: "model", type: "nominal" },
    },
  };
}

export function lossSpec(): VisualizationSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 380,
    height: 300,
    title: "Training loss of each looped transformer",
    data: { name: "loss" },
    mark: { type: "line" },
    encoding: {
      x: { field: "step", type: "quantitative", title: "Adam step" },
      y: { field: "loss", type: "quantitative", scale: { type: "log" }, title: "loss" },
      color: { field: "model", type: "nominal", title: "model" },
    },
  };
}
