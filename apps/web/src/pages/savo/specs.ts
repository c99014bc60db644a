/** The page's Vega-Lite specs (named data sets, filled while the run progresses). */
import type { VisualizationSpec } from "vega-embed";

const axis = (field: "a1" | "a2", title: string) => ({
  field,
  type: "quantitative" as const,
  scale: { domain: [-1, 1] },
  title,
});
const A1 = axis("a1", "action a₁");
const A2 = axis("a2", "action a₂");
const PROPOSAL_ENCODING = {
  color: { field: "agent", type: "nominal" as const, title: "agent" },
  shape: { field: "actor", type: "nominal" as const, title: "actor" },
  tooltip: [
    { field: "agent", type: "nominal" as const },
    { field: "actor", type: "nominal" as const },
    { field: "q", type: "quantitative" as const, format: ".3f" },
    { field: "chosen", type: "nominal" as const },
  ],
};

/** Q(s, ·) at the shown state with every actor's proposal: a curve for one action dimension, a heat map for two. */
export function landscapeSpec(actionDim: 1 | 2): VisualizationSpec {
  const title = "Q(s, a) = r(s, a) at the shown state, with each actor's proposal (filled: executed)";
  if (actionDim === 1)
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: 460,
      height: 300,
      title,
      layer: [
        {
          data: { name: "landscape" },
          mark: { type: "line", color: "#888" },
          encoding: { x: A1, y: { field: "q", type: "quantitative", title: "Q(s, a)" } },
        },
        {
          data: { name: "proposals" },
          mark: { type: "point", size: 140, strokeWidth: 2 },
          encoding: {
            x: A1,
            y: { field: "q", type: "quantitative" },
            ...PROPOSAL_ENCODING,
            fill: { field: "agent", type: "nominal", legend: null },
            fillOpacity: { condition: { test: "datum.chosen", value: 1 }, value: 0 },
          },
        },
      ],
    };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 360,
    height: 360,
    title,
    layer: [
      {
        data: { name: "landscape" },
        mark: { type: "rect" },
        encoding: {
          x: { ...A1, bin: { maxbins: 60 } },
          y: { ...A2, bin: { maxbins: 60 } },
          color: { field: "q", type: "quantitative", scale: { scheme: "greys" }, title: "Q" },
        },
      },
      {
        data: { name: "proposals" },
        mark: { type: "point", size: 160, strokeWidth: 2.5 },
        encoding: {
          x: A1,
          y: A2,
          ...PROPOSAL_ENCODING,
          fill: { field: "agent", type: "nominal", legend: null },
          fillOpacity: { condition: { test: "datum.chosen", value: 1 }, value: 0 },
        },
      },
    ],
  };
}

export function historySpec(): VisualizationSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 360,
    height: 300,
    title: "Q of each actor's proposal at the shown state, during training",
    data: { name: "history" },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "step", type: "quantitative", title: "actor update" },
      y: { field: "q", type: "quantitative", scale: { domain: [0, 1] }, title: "Q(s, aᵢ)" },
      color: { field: "agent", type: "nominal", title: "agent" },
      strokeDash: { field: "actor", type: "nominal", title: "actor" },
      detail: { field: "series", type: "nominal" },
    },
  };
}

export function valueSpec(): VisualizationSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 240,
    height: 200,
    title: "Normalised value V on test states",
    data: { name: "values" },
    mark: { type: "bar" },
    encoding: {
      x: { field: "agent", type: "nominal", title: null, axis: { labelAngle: 0 } },
      y: {
        field: "value",
        type: "quantitative",
        scale: { domain: [0, 1] },
        title: "V = mean r(s, μ(s)) / max r",
      },
      color: { field: "agent", type: "nominal", legend: null },
      tooltip: [
        { field: "value", type: "quantitative", format: ".3f" },
        { field: "globalFraction", type: "quantitative", format: ".2f", title: "at the global bump" },
      ],
    },
  };
}
