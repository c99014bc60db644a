/** The page's Vega-Lite specs (named data sets, filled while the run progresses). */
import type { VisualizationSpec } from "vega-embed";

export function donaldsonSpec(): VisualizationSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 380,
    height: 300,
    title: "Donaldson's balanced metric: validation σ against k",
    data: { name: "donaldson" },
    mark: { type: "line", point: { size: 60 } },
    encoding: {
      x: { field: "k", type: "quantitative", axis: { tickMinStep: 1 }, title: "degree k" },
      y: { field: "sigma", type: "quantitative", scale: { zero: false }, title: "σ (validation)" },
      tooltip: [
        { field: "k", type: "quantitative" },
        { field: "sections", type: "quantitative", title: "N_k" },
        { field: "sigma", type: "quantitative", format: ".4f" },
      ],
    },
  };
}

export function learnSpec(): VisualizationSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 380,
    height: 300,
    title: "Grassmannian learning (Method A): validation σ against step",
    layer: [
      {
        data: { name: "learn" },
        mark: { type: "line", point: { size: 50 } },
        encoding: {
          x: { field: "step", type: "quantitative", axis: { tickMinStep: 1 }, title: "Armijo step" },
          y: { field: "sigma", type: "quantitative", scale: { zero: false }, title: "σ (validation)" },
          color: { field: "series", type: "nominal", title: null },
        },
      },
      {
        data: { name: "reference" },
        mark: { type: "rule", strokeDash: [4, 4] },
        encoding: {
          y: { field: "sigma", type: "quantitative" },
          color: { field: "series", type: "nominal", title: null },
        },
      },
    ],
  };
}
