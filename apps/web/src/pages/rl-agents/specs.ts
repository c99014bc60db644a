/** The page's Vega-Lite specs (named data sets, filled while the run progresses). */
import type { VisualizationSpec } from "vega-embed";

export function probabilitiesSpec(): VisualizationSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 380,
    height: 260,
    title: "LRRL arm probabilities (learning rates)",
    data: { name: "probs" },
    mark: { type: "line", point: { size: 20 }, interpolate: "step-after" },
    encoding: {
      x: { field: "step", type: "quantitative", title: "environment step" },
      y: { field: "p", type: "quantitative", scale: { domain: [0, 1] }, title: "probability" },
      color: { field: "arm", type: "nominal", title: "learning rate", sort: { field: "lr" } },
    },
  };
}

export function returnsSpec(): VisualizationSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 380,
    height: 260,
    title: "Episode returns while DQN learns",
    data: { name: "episodes" },
    mark: { type: "point", filled: true, size: 18 },
    encoding: {
      x: { field: "step", type: "quantitative", title: "environment step" },
      y: { field: "return", type: "quantitative", title: "return", scale: { domain: [0, 500] } },
    },
  };
}
