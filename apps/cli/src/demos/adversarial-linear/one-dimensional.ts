/**
 * The paper's one-dimensional illustration (code `examples/one_dimensional.py`): nine points on y = x + noise,
 * each with its adversarial region x ± δ, and the adversarially trained slope for a few radii.
 */
import { fitAdversarialRegression, zeroRadius } from "@descent/adversarial-linear";
import { Rng } from "@descent/core-tensor";
import { renderVegaLiteSvg } from "@descent/core-tensor/report";
import type { DemoContext } from "../../demo.js";

export async function oneDimensional(ctx: DemoContext): Promise<void> {
  const x = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
  const rng = new Rng(ctx.seed);
  const y = x.map((v) => v + 0.1 * rng.normal());
  const X = x.map((v) => [v]);
  const dz = zeroRadius(X, y, "l2", "regression");
  const radii = [0.05, 0.2, 0.5 * dz, 1.01 * dz];
  const fits = radii.map((delta) => fitAdversarialRegression(X, y, { attack: "l2", delta, maxIter: 2000 }));
  ctx.report.section("One-dimensional example (code examples/one_dimensional.py)");
  ctx.report.text(
    `Nine points y = x + 0.1·N(0, 1) (seed ${ctx.seed}); δ_zero = ${dz.toFixed(3)}. The slope shrinks as δ grows and ` +
      "is exactly 0 (up to the 1e-10 smoothing) above δ_zero; because |eᵢ| is not smooth, it can stay at a kink " +
      "β = yᵢ/xᵢ (a point fitted exactly) over a range of δ. In one dimension ℓ2 and ℓ∞ attacks coincide.",
  );
  ctx.report.table(
    ["δ", "slope β̂", "adversarial risk"],
    fits.map((f) => [f.delta.toFixed(3), f.coef[0] as number, f.risk]),
  );
  const points = x.map((v, i) => ({ x: v, y: y[i] as number, lo: v - 0.05, hi: v + 0.05 }));
  const lines = fits.flatMap((f) =>
    [0, 1].map((xv) => ({ x: xv, y: xv * (f.coef[0] as number), fit: `δ = ${f.delta.toFixed(3)}` })),
  );
  const svg = await renderVegaLiteSvg({
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    width: 420,
    height: 320,
    title: "1-D adversarial regression: data ± δ = 0.05 and fitted slopes",
    layer: [
      {
        data: { values: points },
        mark: { type: "rule" },
        encoding: {
          x: { field: "lo", type: "quantitative", scale: { domain: [0, 1] }, title: "x" },
          x2: { field: "hi" },
          y: { field: "y", type: "quantitative", scale: { domain: [0, 1.1] }, title: "y" },
        },
      },
      {
        data: { values: points },
        mark: { type: "point", filled: true },
        encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
      },
      {
        data: { values: lines },
        mark: { type: "line" },
        encoding: {
          x: { field: "x", type: "quantitative" },
          y: { field: "y", type: "quantitative" },
          color: { field: "fit", type: "nominal", title: "radius" },
        },
      },
    ],
  });
  ctx.report.figure(
    "one-dimensional",
    svg,
    "1-D example: points with their adversarial region (±0.05) and fits",
  );
  ctx.report.data("oneDimensional", { x, y, radii, slopes: fits.map((f) => f.coef[0]) });
}
