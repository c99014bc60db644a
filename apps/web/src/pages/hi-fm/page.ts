/**
 * HI-FM page: samples of the standard normal carried to the four anisotropic wells by the flow of the
 * Hessian-informed path and by isotropic conditional flow matching, drawn along their paths as t goes 0 → 1.
 */
import { pageFrame, plotBox, runButton, seedField, select, slider } from "../../controls.js";
import { LivePlot } from "../../live-plot.js";
import type { PageModule } from "../../page-module.js";
import { RunClient } from "../../run-client.js";
import { defaultHiFmConfig, type HiFmConfig, type HiFmProgress, type Method } from "./config.js";
import { flowSpec, nllSpec } from "./specs.js";

const SIGMAS = ["0.1", "0.2", "0.3"] as const;
const COLORS: Record<Method, string> = { "HI-FM": "#d62728", "isotropic CFM": "#1f77b4" };

export const mount: PageModule["mount"] = (root, { seed }) => {
  const { controls, plots, status } = pageFrame(
    root,
    "Hessian-informed flow matching on anisotropic wells",
    "Flow matching learns a velocity field whose flow carries Gaussian noise (t = 0) to the data (t = 1), by " +
      "regressing on simple conditional paths that end at each training point. Isotropic CFM ends every path in " +
      "a round Gaussian N(x₁, σ²I); HI-FM follows the linearised Langevin dynamics around x₁ and ends in " +
      "N(x₁, D H⁻¹), shaped by the energy's Hessian H, with the same volume. The target is four Gaussian wells, " +
      "each a hundred times narrower across than along. No network is trained on this page: each flow is the " +
      "exact marginal field of its paths, the field a perfectly trained network would learn (the endpoint " +
      "mixture), so what you see is the paths' own effect. The same prior samples move along each flow; the bars " +
      "give the test negative log-likelihood of each flow's t = 1 density next to the true density's.",
  );
  const getSigma = select(controls, "endpoint scale σ", { choices: SIGMAS, value: "0.2", name: "sigma" });
  const getN = slider(controls, "training points N", {
    min: 16,
    max: 256,
    step: 16,
    value: 64,
    name: "points",
  });
  const getParticles = slider(controls, "particles", {
    min: 20,
    max: 400,
    step: 20,
    value: 120,
    name: "particles",
  });
  const getSeed = seedField(controls, seed);
  const client = new RunClient<HiFmConfig, HiFmProgress>(
    () => new Worker(new URL("./worker.ts", import.meta.url), { type: "module" }),
  );
  const ready = Promise.all([
    LivePlot.create(
      plotBox(plots),
      "hi-fm-flow-hifm",
      flowSpec("HI-FM (Hessian-informed paths)", COLORS["HI-FM"]),
    ),
    LivePlot.create(
      plotBox(plots),
      "hi-fm-flow-cfm",
      flowSpec("isotropic CFM (Lipman)", COLORS["isotropic CFM"]),
    ),
    LivePlot.create(plotBox(plots), "hi-fm-nll", nllSpec()),
  ]);
  let disposed = false;
  const run = async () => {
    const config: HiFmConfig = {
      ...defaultHiFmConfig,
      seed: getSeed(),
      sigma: Number(getSigma()),
      trainPoints: getN(),
      particles: getParticles(),
    };
    const [hifm, cfm, nll] = await ready;
    if (disposed) return;
    for (const plot of [hifm, cfm]) await plot.clear(["data", "trails", "particles"]);
    await nll.clear(["nll"]);
    status.textContent = "computing the Hessians at the training points…";
    client.start(config, {
      onProgress: (p) => {
        if (p.kind === "data") {
          void hifm.replace("data", p.points);
          void cfm.replace("data", p.points);
          return;
        }
        if (p.kind === "frame") {
          const plot = p.method === "HI-FM" ? hifm : cfm;
          const rows = p.xs.map((x, id) => ({ id, step: p.step, x, y: p.ys[id] }));
          void plot.append("trails", rows);
          void plot.replace("particles", rows);
          status.textContent = `${p.method}: t = ${p.t.toFixed(2)}`;
          return;
        }
        void nll.append("nll", [
          { ...p, low: p.nll - 2 * p.standardError, high: p.nll + 2 * p.standardError },
        ]);
        status.textContent = "done: bars are mean test NLL ± 2 standard errors";
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
