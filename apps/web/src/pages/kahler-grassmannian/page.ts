/**
 * Kähler–Grassmannian page: σ of Donaldson's balanced metric on the Dwork quintic against the degree k, then
 * the paper's Method A learning an m-dimensional subspace of the degree-k sections, σ against step.
 */
import { pageFrame, plotBox, runButton, seedField, select, slider } from "../../controls.js";
import { LivePlot } from "../../live-plot.js";
import type { PageModule } from "../../page-module.js";
import { RunClient } from "../../run-client.js";
import { defaultKahlerConfig, type KahlerConfig, type KahlerProgress } from "./config.js";
import { donaldsonSpec, learnSpec } from "./specs.js";

const PSI_CHOICES = ["0", "0.5", "1.5", "3"] as const;

export const mount: PageModule["mount"] = (root, { seed }) => {
  const { controls, plots, status } = pageFrame(
    root,
    "Calabi–Yau metrics: Donaldson's balanced metrics and Grassmannian learning",
    "Points are sampled on the quintic threefold Σ zᵢ⁵ − 5ψ Π zᵢ = 0 by intersecting it with random lines, " +
      "with weights that turn the sample into the Calabi–Yau volume. A metric comes from a Hermitian matrix H on " +
      "the N_k degree-k sections, and σ measures how far its volume form is from the Calabi–Yau one (0 is Ricci-" +
      "flat). The left plot runs Donaldson's T-iteration to its balanced H at each k: σ falls as k, and the " +
      "number of sections, grows. The right plot runs the paper's Method A: Donaldson restricted to an " +
      "m-dimensional subspace of the degree-k sections, the subspace moved along the Grassmannian (Armijo steps " +
      "on σ̂, differentiated through unrolled T-steps) from a random start; the dashed line is full Donaldson " +
      "at the same k. Everything is float64 JavaScript in a worker; the sizes here are far below the paper's.",
  );
  // the paper's moduli; ψ = 1 is the conifold point (ψ⁵ = 1), where the quintic is singular
  const getPsi = select(controls, "ψ", { choices: PSI_CHOICES, value: "0", name: "psi" });
  const getPoints = slider(controls, "points (train = validation)", {
    min: 400,
    max: 5000,
    step: 200,
    value: defaultKahlerConfig.trainPoints,
    name: "points",
  });
  const getM = slider(controls, "subspace m (of N₂ = 15)", { min: 7, max: 14, step: 1, value: 8, name: "m" });
  const getSteps = slider(controls, "Method A steps", { min: 1, max: 30, step: 1, value: 5, name: "steps" });
  const getSeed = seedField(controls, seed);
  const client = new RunClient<KahlerConfig, KahlerProgress>(
    () => new Worker(new URL("./worker.ts", import.meta.url), { type: "module" }),
  );
  const ready = Promise.all([
    LivePlot.create(plotBox(plots), "kahler-donaldson", donaldsonSpec()),
    LivePlot.create(plotBox(plots), "kahler-learn", learnSpec()),
  ]);
  let disposed = false;
  const run = async () => {
    const points = getPoints();
    const config: KahlerConfig = {
      ...defaultKahlerConfig,
      seed: getSeed(),
      psi: Number(getPsi()),
      trainPoints: points,
      validationPoints: points,
      m: getM(),
      learnSteps: getSteps(),
    };
    const [donaldson, learn] = await ready;
    if (disposed) return;
    await donaldson.clear(["donaldson"]);
    await learn.clear(["learn", "reference"]);
    status.textContent = `sampling ${2 * points} points at ψ = ${config.psi}…`;
    client.start(config, {
      onProgress: (p) => {
        if (p.kind === "donaldson") {
          void donaldson.append("donaldson", [{ ...p }]);
          if (p.k === config.learnK)
            void learn.append("reference", [
              { series: `full Donaldson, k = ${p.k} (N = ${p.sections})`, sigma: p.sigma },
            ]);
          status.textContent = `balanced metric k = ${p.k} (N_k = ${p.sections}): σ = ${p.sigma.toFixed(4)}`;
          return;
        }
        void learn.append("learn", [
          { series: `Method A, k = ${config.learnK}, m = ${config.m}`, step: p.step, sigma: p.sigma },
        ]);
        status.textContent = `Method A step ${p.step}: σ = ${p.sigma.toFixed(4)} (training σ̂ ${p.trainLoss.toFixed(4)})`;
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
