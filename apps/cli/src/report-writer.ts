/**
 * Collects a demo's report (Markdown sections, tables, SVG figures, raw numbers) and writes
 * `report.md`, the figures and `results.json` into the demo's folder.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type BarChartSpec,
  barChartSvg,
  type HeatmapSpec,
  heatmapSvg,
  type LinePlotSpec,
  linePlotSvg,
  markdownTable,
  type ScatterPlotSpec,
  scatterPlotSvg,
} from "@descent/core-tensor/report";

type Cell = string | number | null;

/** A report under construction; demos call these in reading order. */
export class Report {
  private readonly parts: string[] = [];
  private readonly figures = new Map<string, string>();
  private readonly raw: Record<string, unknown> = {};

  /** A `##` section heading. */
  section(title: string): this {
    this.parts.push(`## ${title}\n`);
    return this;
  }

  /** A paragraph of Markdown. */
  text(markdown: string): this {
    this.parts.push(`${markdown.trim()}\n`);
    return this;
  }

  /** A Markdown table, optionally with a caption line above it. */
  table(headers: readonly string[], rows: readonly (readonly Cell[])[], caption?: string, digits = 4): this {
    if (caption) this.parts.push(`**${caption}**\n`);
    this.parts.push(markdownTable(headers, rows, { digits }));
    return this;
  }

  /** An SVG figure saved as `<name>.svg` beside the report and embedded in it. */
  figure(name: string, svg: string, caption: string): this {
    if (!/^[A-Za-z0-9_-]+$/.test(name))
      throw new Error(`figure name must be [A-Za-z0-9_-]+, received "${name}"`);
    this.figures.set(`${name}.svg`, svg);
    this.parts.push(`![${caption}](${name}.svg)\n\n*${caption}*\n`);
    return this;
  }

  /** Renders a line plot and adds it as a figure. */
  async linePlot(name: string, spec: LinePlotSpec, caption: string = spec.title): Promise<this> {
    return this.figure(name, await linePlotSvg(spec), caption);
  }

  /** Renders a scatter plot and adds it as a figure. */
  async scatterPlot(name: string, spec: ScatterPlotSpec, caption: string = spec.title): Promise<this> {
    return this.figure(name, await scatterPlotSvg(spec), caption);
  }

  /** Renders a heatmap and adds it as a figure. */
  async heatmap(name: string, spec: HeatmapSpec, caption: string = spec.title): Promise<this> {
    return this.figure(name, await heatmapSvg(spec), caption);
  }

  /** Renders a grouped bar chart and adds it as a figure. */
  async barChart(name: string, spec: BarChartSpec, caption: string = spec.title): Promise<this> {
    return this.figure(name, await barChartSvg(spec), caption);
  }

  /** Raw numbers for `results.json` (typed arrays are stored as plain arrays). */
  data(key: string, value: unknown): this {
    this.raw[key] = value;
    return this;
  }

  /** Number of figures so far. */
  get figureCount(): number {
    return this.figures.size;
  }

  /** Writes everything into `dir`; `header` is prepended (title, verdict, run metadata). */
  async write(dir: string, header: string, meta: Record<string, unknown>): Promise<string> {
    await mkdir(dir, { recursive: true });
    const md = `${[`${header.trim()}\n`, ...this.parts].join("\n")}\n`;
    const path = join(dir, "report.md");
    await writeFile(path, md);
    for (const [file, svg] of this.figures) await writeFile(join(dir, file), svg);
    const json = JSON.stringify(
      { ...meta, results: this.raw },
      (_k, v) =>
        ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v,
      2,
    );
    await writeFile(join(dir, "results.json"), `${json}\n`);
    return path;
  }
}
