/** Column alignment of a Markdown table. */
import { DescentError } from "../errors.js";

export type ColumnAlign = "left" | "right" | "center";

/** Options of {@link markdownTable}. */
export interface MarkdownTableOptions {
  /** Significant digits of non-integer numbers. Default 4. */
  digits?: number;
  /** Alignment per column. Default: left for every column. */
  align?: readonly ColumnAlign[];
}

/**
 * A GitHub-flavoured Markdown table. Numbers are formatted with {@link formatNumber}, `null` shows as
 * `—`; `|` in text is escaped and line breaks become spaces, so a cell can never break the table.
 *
 * @example
 * ```ts
 * markdownTable(["n", "error"], [[64, 1.234e-13]], { align: ["right", "right"] });
 * ```
 */
export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
  options: MarkdownTableOptions = {},
): string {
  const { digits = 4, align } = options;
  if (headers.length === 0) {
    throw new DescentError("headers must not be empty", { parameter: "headers", code: "empty" });
  }
  rows.forEach((r, i) => {
    // a longer row would add columns that the header row does not have: a broken table
    if (r.length > headers.length) {
      throw new DescentError(`rows[${i}] has ${r.length} cells, headers has ${headers.length}`, {
        parameter: "rows",
        code: "shape",
      });
    }
  });
  const cell = (v: string | number | null): string =>
    v === null
      ? "—"
      : typeof v === "number"
        ? formatNumber(v, digits)
        : v.replace(/\r?\n/g, " ").replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
  const rule = headers.map((_, i) => {
    const a = align?.[i] ?? "left";
    return a === "right" ? "---:" : a === "center" ? ":---:" : "---";
  });
  const width = headers.length;
  const pad = (r: readonly (string | number | null)[]): (string | number | null)[] =>
    r.length >= width ? [...r] : [...r, ...new Array<null>(width - r.length).fill(null)];
  const lines = [headers.map(cell), rule, ...rows.map((r) => pad(r).map(cell))].map(
    (r) => `| ${r.join(" | ")} |`,
  );
  return `${lines.join("\n")}\n`;
}

/** Formats a number compactly: integers as is, others with `digits` significant digits. */
export function formatNumber(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(Math.max(0, digits - 1));
  return String(Number(v.toPrecision(digits)));
}
