/** Compiles a Vega-Lite spec and renders it headless to SVG (`renderer: "none"`, no DOM, no canvas). */
import { DescentError } from "../errors.js";

/**
 * Loads an optional peer dependency of the plots; when it is not installed, the error names the package
 * and the command that installs the plotting peers, instead of a bare module-resolution failure.
 */
async function importOptionalPeer<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    const code = (cause as { code?: unknown } | null)?.code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND")
      throw new DescentError(
        `plotting needs the optional peer dependency "${name}", which is not installed: ` +
          "add it with `pnpm add vega vega-lite` (or npm install vega vega-lite)",
        { parameter: name, code: "missing-peer-dependency", cause },
      );
    throw cause;
  }
}

/** A Vega-Lite specification (JSON). */
export type VegaLiteSpec = Record<string, unknown>;

/** Renders a Vega-Lite spec to SVG. `vega` and `vega-lite` are optional peer dependencies, loaded lazily. */
export async function renderVegaLiteSvg(spec: VegaLiteSpec): Promise<string> {
  const [vega, vl] = await Promise.all([
    importOptionalPeer("vega", () => import("vega")),
    importOptionalPeer("vega-lite", () => import("vega-lite")),
  ]);
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
