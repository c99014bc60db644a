/** Compiles a Vega-Lite spec and renders it headless to SVG (`renderer: "none"`, no DOM, no canvas). */

/** A Vega-Lite specification (JSON). */
export type VegaLiteSpec = Record<string, unknown>;

/** Renders a Vega-Lite spec to SVG. `vega` and `vega-lite` are optional peer dependencies, loaded lazily. */
export async function renderVegaLiteSvg(spec: VegaLiteSpec): Promise<string> {
  const [vega, vl] = await Promise.all([import("vega"), import("vega-lite")]);
  // biome-ignore lint/suspicious/noExplicitAny: vega-lite's TopLevelSpec type is too deep to build by hand
  const compiled = vl.compile(spec as any).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The parts a layered chart of this module varies: everything else of the Vega-Lite spec is shared. */
export interface LayeredChart {
  title: string;
  width: number;
  height: number;
  /** The inline data rows every layer reads. */
  values: readonly unknown[];
  layers: readonly VegaLiteSpec[];
}

/** Renders a layered Vega-Lite chart over one inline data set (the common shape of line, scatter, bar, heatmap). @internal */
export function renderLayeredChartSvg(chart: LayeredChart): Promise<string> {
  return renderVegaLiteSvg({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: chart.title,
    width: chart.width,
    height: chart.height,
    data: { values: chart.values },
    layer: chart.layers,
  });
}
