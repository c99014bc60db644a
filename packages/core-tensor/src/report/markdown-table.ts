/** A GitHub-flavoured Markdown table; numbers are formatted with `digits` significant digits. */
export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
  options: { digits?: number; align?: readonly ("left" | "right" | "center")[] } = {},
): string {
  const { digits = 4, align } = options;
  const cell = (v: string | number | null): string =>
    v === null ? "—" : typeof v === "number" ? formatNumber(v, digits) : v.replace(/\|/g, "\\|");
  const rule = headers.map((_, i) => {
    const a = align?.[i] ?? "left";
    return a === "right" ? "---:" : a === "center" ? ":---:" : "---";
  });
  const lines = [headers.map(cell), rule, ...rows.map((r) => r.map(cell))].map((r) => `| ${r.join(" | ")} |`);
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
