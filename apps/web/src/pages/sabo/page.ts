/**
 * SABO page: the three search distributions on the contours of the 2-D flat-versus-sharp landscape, and the
 * train/test value of each mean as the run goes. Controls: ρ, population, σ0, iterations, seed.
 */
import { pageFrame, plotBox, runButton, seedField, slider } from "../../controls.js";
import { LivePlot, type Row } from "../../live-plot.js";
import type { PageModule } from "../../page-module.js";
import { RunClient } from "../../run-client.js";
import {
  defaultSaboConfig,
  LANDSCAPE_LIMIT,
  type MethodState,
  type SaboConfig,
  type SaboProgress,
} from "./config.js";
import { contourSpec, curvesSpec } from "./specs.js";

/** The 1σ and 2σ ellipses of an axis-aligned Gaussian, as polylines. */
function ellipseRows(s: MethodState): Row[] {
  if (s.variance === null) return [];
  const rows: Row[] = [];
  for (const k of [1, 2])
    for (let a = 0; a <= 48; a++) {
      const t = (2 * Math.PI * a) / 48;
      rows.push({
        method: s.method,
        ring: `${s.method} ${k}σ`,
        order: a,
        x: s.mean[0] + k * Math.sqrt(s.variance[0]) * Math.cos(t),
        y: s.mean[1] + k * Math.sqrt(s.variance[1]) * Math.sin(t),
      });
    }
  return rows;
}

export const mount: PageModule["mount"] = (root, { seed }) => {
  const { controls, plots, status } = pageFrame(
    root,
    "SABO: sharpness-aware black-box optimisation",
    "Each coordinate has a deep sharp well at −1 and a shallower flat well at +1; the test landscape is the " +
      "training one shifted by a small random ξ, which ruins the sharp wells. SABO moves its Gaussian against " +
      "the worst Gaussian within KL radius ρ, so a larger ρ pushes it towards the flat well. Ellipses: 1σ and " +
      "2σ of the SABO and INGO search Gaussians (with ρ ≳ 1 in two dimensions SABO's mean can run off the " +
      "plateau, which the plot shows as a path leaving the square); dots: the last batch of queries (CMA-ES keeps its covariance " +
      "private, so only its queries are drawn).",
  );
  const getRho = slider(controls, "ρ", {
    min: 0,
    max: 3,
    step: 0.1,
    value: defaultSaboConfig.rho,
    name: "rho",
  });
  const getN = slider(controls, "population N", {
    min: 6,
    max: 40,
    step: 2,
    value: defaultSaboConfig.populationSize,
    name: "population",
  });
  const getSigma = slider(controls, "σ0", {
    min: 0.1,
    max: 1,
    step: 0.05,
    value: defaultSaboConfig.sigma0,
    name: "sigma0",
  });
  const getIterations = slider(controls, "iterations", {
    min: 20,
    max: 400,
    step: 10,
    value: defaultSaboConfig.iterations,
    name: "iterations",
  });
  const getSeed = seedField(controls, seed);
  const client = new RunClient<SaboConfig, SaboProgress>(
    () => new Worker(new URL("./worker.ts", import.meta.url), { type: "module" }),
  );
  const contourBox = plotBox(plots);
  const curvesBox = plotBox(plots);
  let disposed = false;
  const ready = Promise.all([
    LivePlot.create(contourBox, "sabo-landscape", contourSpec(LANDSCAPE_LIMIT)),
    LivePlot.create(curvesBox, "sabo-values", curvesSpec()),
  ]);

  const run = async () => {
    const config: SaboConfig = {
      ...defaultSaboConfig,
      seed: getSeed(),
      rho: getRho(),
      populationSize: getN(),
      sigma0: getSigma(),
      iterations: getIterations(),
    };
    const [contour, curves] = await ready;
    if (disposed) return;
    await contour.clear(["landscape", "paths", "ellipses", "samples"]);
    await curves.clear(["values"]);
    status.textContent = "running…";
    client.start(config, {
      onProgress: ({ landscape, states }) => {
        if (landscape) void contour.replace("landscape", landscape as unknown as Row[]);
        void contour.append(
          "paths",
          states.map((s) => ({ method: s.method, iteration: s.iteration, x: s.mean[0], y: s.mean[1] })),
        );
        void contour.replace("ellipses", states.flatMap(ellipseRows));
        void contour.replace(
          "samples",
          states.flatMap((s) => s.samples.map(([x, y]) => ({ method: s.method, x, y }))),
        );
        void curves.append(
          "values",
          states.flatMap((s) => [
            { method: s.method, iteration: s.iteration, value: s.train, objective: "F_train" },
            { method: s.method, iteration: s.iteration, value: s.test, objective: "F_test" },
          ]),
        );
        status.textContent = states
          .map(
            (s) =>
              `${s.method}: μ = (${s.mean[0].toFixed(2)}, ${s.mean[1].toFixed(2)}), F_test = ${s.test.toFixed(3)}` +
              (s.stopped === null ? "" : ` (stopped, ${s.stopped})`),
          )
          .join(" · ");
      },
    });
  };
  runButton(controls, () => void run());
  void run();
  return () => {
    disposed = true;
    client.stop();
  };
};
