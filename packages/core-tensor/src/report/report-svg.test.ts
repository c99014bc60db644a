import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { barChartSvg } from "./bar-chart.js";
import { heatmapSvg } from "./heatmap.js";
import { linePlotSvg } from "./line-plot.js";
import { svgToPng } from "./png.js";
import { scatterPlotSvg } from "./scatter-plot.js";
import { countPathsInGroup, svgTexts } from "./svg-inspection.js";

/** Parses the SVG with a real renderer (resvg throws on malformed XML) and returns its size. */
function parseSvg(svg: string): { width: number; height: number } {
  const r = new Resvg(svg);
  return { width: r.width, height: r.height };
}

describe("SVG plots", () => {
  it("linePlotSvg: parses, names every series, and a log axis drops non-positive values instead of blanking", async () => {
    const svg = await linePlotSvg({
      title: "suboptimality",
      xLabel: "iteration",
      yLabel: "gap",
      yScale: "log",
      series: [
        { name: "Cholesky", x: [1, 2, 3, 4], y: [1, 1e-3, 0, 1e-6] },
        { name: "subgradient", x: [1, 2, 3, 4], y: [1, 0.5, -1, 0.25] },
      ],
    });
    expect(parseSvg(svg).width).toBeGreaterThan(100);
    expect(svgTexts(svg)).toEqual(
      expect.arrayContaining(["Cholesky", "subgradient", "suboptimality", "gap"]),
    );
    expect(svg).not.toMatch(/NaN/);
    // 3 points of each series survive: 6 symbols drawn (points are on for ≤ 30 samples)
    expect(countPathsInGroup(svg, "mark-symbol role-mark")).toBe(6);
    expect(countPathsInGroup(svg, "mark-line role-mark")).toBe(1);
  });

  it("scatterPlotSvg: one symbol per kept point; non-positive values leave a log axis", async () => {
    const svg = await scatterPlotSvg({
      title: "predicted vs measured",
      xLabel: "measured",
      yLabel: "predicted",
      yScale: "log",
      diagonal: true,
      groups: [
        { name: "alpha", x: [1, 2, 3, 4, 5], y: [1, 0, -1, 4, 5] },
        { name: "beta", x: [1, Number.NaN], y: [2, 3] },
      ],
    });
    parseSvg(svg);
    expect(countPathsInGroup(svg, "layer_0_marks")).toBe(4); // 3 of alpha + 1 of beta
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(["alpha", "beta", "measured", "predicted"]));
    const linear = await scatterPlotSvg({
      title: "t",
      xLabel: "x",
      yLabel: "y",
      groups: [{ name: "alpha", x: [1, 2, 3, 4, 5], y: [1, 0, -1, 4, 5] }],
    });
    expect(countPathsInGroup(linear, "layer_0_marks")).toBe(5);
  });

  it("heatmapSvg: one rect per finite cell, labelled axes, a colour legend titled valueLabel", async () => {
    const svg = await heatmapSvg({
      title: "accuracy",
      xLabel: "step size",
      yLabel: "rank",
      values: [
        [0.1, 0.2, 0.3],
        [0.4, Number.NaN, 0.6],
      ],
      xTicks: ["0.01", "0.1", "1"],
      yTicks: [4, 8],
      valueLabel: "test accuracy",
    });
    parseSvg(svg);
    expect(countPathsInGroup(svg, "mark-rect role-mark")).toBe(5);
    expect(svgTexts(svg)).toEqual(
      expect.arrayContaining(["0.01", "0.1", "1", "4", "8", "step size", "rank", "test accuracy"]),
    );
    expect(svg).toMatch(/role-legend/);
  });

  it("heatmapSvg rejects ragged rows and tick lists of the wrong length", async () => {
    await expect(heatmapSvg({ title: "t", xLabel: "x", yLabel: "y", values: [[1, 2], [3]] })).rejects.toThrow(
      /values\[1\] has 1 columns/,
    );
    await expect(
      heatmapSvg({ title: "t", xLabel: "x", yLabel: "y", values: [[1, 2]], xTicks: ["a"] }),
    ).rejects.toThrow(/xTicks\/yTicks/);
  });

  it("barChartSvg: one bar per (category, series), error bars where errors are given", async () => {
    const svg = await barChartSvg({
      title: "final accuracy",
      yLabel: "accuracy",
      categories: ["iid", "non-iid"],
      series: [
        { name: "ideal", values: [0.9, 0.84], errors: [0.01, 0.02] },
        { name: "aog", values: [0.8, 0.6] },
      ],
    });
    parseSvg(svg);
    expect(countPathsInGroup(svg, "mark-rect role-mark")).toBe(4);
    expect(countPathsInGroup(svg, "mark-rule role-mark", "line")).toBe(2); // the two bars of "ideal"
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(["ideal", "aog", "iid", "non-iid", "accuracy"]));
    await expect(
      barChartSvg({ title: "t", yLabel: "y", categories: ["a"], series: [{ name: "s", values: [1, 2] }] }),
    ).rejects.toThrow(/series "s" has 2 values for 1 categories/);
  });

  it("linePlotSvg and scatterPlotSvg reject a series whose y or band length differs from x", async () => {
    const base = { title: "t", xLabel: "x", yLabel: "y" };
    await expect(linePlotSvg({ ...base, series: [{ name: "s", x: [1, 2], y: [1] }] })).rejects.toThrow(
      /series "s": y has 1 values, x has 2/,
    );
    await expect(
      linePlotSvg({ ...base, series: [{ name: "s", x: [1, 2], y: [1, 2], lower: [0], upper: [2, 3] }] }),
    ).rejects.toThrow(/lower has 1 values/);
    await expect(scatterPlotSvg({ ...base, groups: [{ name: "g", x: [1], y: [1, 2] }] })).rejects.toThrow(
      /series "g": y has 2 values, x has 1/,
    );
  });

  it("barChartSvg on a log axis drops non-positive bars", async () => {
    const svg = await barChartSvg({
      title: "time",
      yLabel: "seconds",
      yScale: "log",
      categories: ["a", "b", "c"],
      series: [{ name: "s", values: [1, 0, 10] }],
    });
    expect(countPathsInGroup(svg, "mark-rect role-mark")).toBe(2);
  });

  it("svgToPng renders a PNG (signature bytes) at the requested zoom", async () => {
    const svg = await scatterPlotSvg({
      title: "t",
      xLabel: "x",
      yLabel: "y",
      groups: [{ name: "g", x: [1], y: [1] }],
    });
    const png = await svgToPng(svg, { scale: 1 });
    expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const width = new DataView(png.buffer, png.byteOffset).getUint32(16);
    const png2 = await svgToPng(svg, { scale: 2 });
    expect(new DataView(png2.buffer, png2.byteOffset).getUint32(16)).toBe(2 * width);
    await expect(svgToPng(svg, { scale: 0 })).rejects.toThrow(/scale must be > 0/);
  });
});
