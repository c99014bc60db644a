/**
 * SVG to PNG with `@resvg/resvg-js` (an optional peer dependency: a prebuilt binary per platform from
 * the registry, no native build; platform notes §6). Text uses the system fonts.
 */

import { assertPositive } from "../validate.js";

/** Options of {@link svgToPng}. */
export interface SvgToPngOptions {
  /** Zoom factor (2 gives a sharp image on high-density screens). Default 2. */
  scale?: number;
  /** Background colour. Default `"white"` (Vega's SVGs are transparent). */
  background?: string;
}

/**
 * Renders an SVG string to PNG bytes. Throws an error that says how to install `@resvg/resvg-js`
 * when it is missing.
 *
 * @example
 * ```ts
 * writeFileSync("plot.png", await svgToPng(await linePlotSvg(spec)));
 * ```
 */
export async function svgToPng(svg: string, options: SvgToPngOptions = {}): Promise<Uint8Array> {
  const { scale = 2, background = "white" } = options;
  assertPositive(scale, "scale");
  let resvg: typeof import("@resvg/resvg-js");
  try {
    resvg = await import("@resvg/resvg-js");
  } catch (cause) {
    throw new Error(
      "svgToPng needs the optional peer dependency @resvg/resvg-js (pnpm add @resvg/resvg-js)",
      {
        cause,
      },
    );
  }
  const rendered = new resvg.Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background,
    font: { loadSystemFonts: true },
  }).render();
  return new Uint8Array(rendered.asPng());
}
