/**
 * Reads back what a rendered Vega SVG contains, for the report module's tests: the number of marks
 * drawn by a layer and the visible text. Not exported from the entry point.
 */

/** The `<path>` (or `<line>`) elements inside the first `<g>` whose class contains `className`. */
export function countPathsInGroup(svg: string, className: string, element: "path" | "line" = "path"): number {
  const start = svg.indexOf(className);
  if (start < 0) return 0;
  const open = svg.lastIndexOf("<g", start);
  let depth = 0;
  let count = 0;
  const tag = new RegExp(`<(\\/?)(g|${element})\\b[^>]*?(\\/?)>`, "g");
  tag.lastIndex = open;
  for (let m = tag.exec(svg); m !== null; m = tag.exec(svg)) {
    if (m[2] === "g") {
      if (m[1] === "/") depth--;
      else if (m[3] !== "/") depth++;
      if (depth === 0) break;
    } else if (m[1] !== "/") count++;
  }
  return count;
}

/** All text content of `<text>` elements, in document order. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? "");
}
