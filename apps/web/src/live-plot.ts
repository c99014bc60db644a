/**
 * A Vega-Lite chart (through vega-embed, the same specs as the packages' SVG reports) whose named data sets
 * grow while a run progresses. Every chart registers its vega View on `window.__descentPlots[name]`, so the
 * browser tests assert on the plotted data itself, not on pixels. Every update re-runs the layout (`resize`),
 * since axis labels grow with the data.
 */
import { changeset, type View } from "vega";
import embed, { type VisualizationSpec } from "vega-embed";

declare global {
  interface Window {
    __descentPlots?: Record<string, View>;
  }
}

export type Row = Record<string, unknown>;

export class LivePlot {
  private constructor(readonly view: View) {}

  /** Embeds `spec` in `container`; its data sets must be named (`data: { name: "…" }`) to be fed later. */
  static async create(container: HTMLElement, name: string, spec: VisualizationSpec): Promise<LivePlot> {
    const result = await embed(container, spec, { actions: false, renderer: "svg" });
    window.__descentPlots ??= {};
    window.__descentPlots[name] = result.view;
    return new LivePlot(result.view);
  }

  /** Appends rows to a data set and redraws. */
  async append(dataset: string, rows: readonly Row[]): Promise<void> {
    await this.view
      .change(dataset, changeset().insert(rows as Row[]))
      .resize()
      .runAsync();
  }

  /** Replaces a data set's rows and redraws. */
  async replace(dataset: string, rows: readonly Row[]): Promise<void> {
    await this.view
      .change(
        dataset,
        changeset()
          .remove(() => true)
          .insert(rows as Row[]),
      )
      .resize()
      .runAsync();
  }

  /** Empties every named data set (a new run starts). */
  async clear(datasets: readonly string[]): Promise<void> {
    for (const d of datasets)
      this.view.change(
        d,
        changeset().remove(() => true),
      );
    await this.view.resize().runAsync();
  }
}
