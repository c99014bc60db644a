/** The page's Vega-Lite specs (named data sets, filled while the run progresses). */
import type { VisualizationSpec } from "vega-embed";

export function pathSpec(): VisualizationSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Coefficient path: β̂_j against the radius",
    data: { name: "path" },
    facet: { column: { field: "attack", type: "nominal", title: "attack", sort: ["ℓ∞", "ℓ2"] } },
    spec: {
      width: 330,
      height: 280,
      mark: { type: "line", point: { size: 12 } },
      encoding: {
        x: { field: "relativeDelta", type: "quantitative", title: "δ / δ_zero" },
        y: { field: "value", type: "quantitative", title: "β̂_j" },
        color: { field: "coefficient", type: "nominal", title: "j" },
      },
    },
  };
}

export function raceSpec(): VisualizationSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 420,
    height: 280,
    title: "Solver race: relative suboptimality of the adversarial risk",
    data: { name: "race" },
    mark: { type: "line", point: { size: 10 } },
    encoding: {
      x: {
        field: "milliseconds",
        type: "quantitative",
        scale: { type: "symlog" },
        title: "time in this browser (ms)",
      },
      y: {
        field: "suboptimality",
        type: "quantitative",
        scale: { type: "log" },
        title: "(R − R*) / R*",
      },
      color: { field: "solver", type: "nominal" },
    },
  };
}
