/**
 * Adversarial linear regression page: the coefficient path against the radius for ℓ∞ and ℓ2 attacks, and a
 * race of the package's solvers at the default radius.
 */
import { pageFrame, plotBox, runButton, seedField, select, slider } from "../../controls.js";
import { LivePlot, type Row } from "../../live-plot.js";
import type { PageModule } from "../../page-module.js";
import { RunClient } from "../../run-client.js";
import {
  type AdversarialConfig,
  type AdversarialProgress,
  defaultAdversarialConfig,
  type Norm,
  type RaceTrace,
} from "./config.js";
import { pathSpec, raceSpec } from "./specs.js";

const NORM_LABEL: Record<Norm, string> = { linf: "ℓ∞", l2: "ℓ2" };
// R* is the best risk any solver reached; suboptimalities below this floor are drawn at the floor
const FLOOR = 1e-16;

function raceRows(traces: readonly RaceTrace[]): Row[] {
  const best = Math.min(...traces.flatMap((t) => t.risk));
  return traces.flatMap((t) =>
    t.risk.map((r, i) => ({
      solver: t.solver,
      iteration: t.iterations[i],
      milliseconds: t.milliseconds[i],
      risk: r,
      suboptimality: Math.max((r - best) / best, FLOOR),
    })),
  );
}

export const mount: PageModule["mount"] = (root, { seed }) => {
  const { controls, plots, status } = pageFrame(
    root,
    "Linear adversarial training",
    "A sparse linear model (a few non-zero true coefficients) is trained against worst-case input " +
      "perturbations of radius δ. Against ℓ∞ attacks the dual-norm penalty is ‖β‖₁ and the path looks like the " +
      "lasso's, with coefficients hitting zero one by one; against ℓ2 attacks it is ‖β‖₂ and the coefficients " +
      "shrink together. Both reach β = 0 at δ_zero. The race runs each solver on the same problem at the " +
      "package's default radius.",
  );
  const getN = slider(controls, "samples n", { min: 20, max: 400, step: 10, value: 60, name: "samples" });
  const getP = slider(controls, "features p", { min: 2, max: 20, step: 1, value: 8, name: "features" });
  const getK = slider(controls, "non-zeros", { min: 1, max: 20, step: 1, value: 3, name: "nonZeros" });
  const getAttack = select(controls, "race attack", {
    choices: ["linf", "l2"] as const,
    value: "linf",
    name: "raceAttack",
  });
  const getSeed = seedField(controls, seed);
  const client = new RunClient<AdversarialConfig, AdversarialProgress>(
    () => new Worker(new URL("./worker.ts", import.meta.url), { type: "module" }),
  );
  const ready = Promise.all([
    LivePlot.create(plotBox(plots), "adversarial-path", pathSpec()),
    LivePlot.create(plotBox(plots), "adversarial-race", raceSpec()),
  ]);
  let disposed = false;
  const run = async () => {
    const features = getP();
    const config: AdversarialConfig = {
      ...defaultAdversarialConfig,
      seed: getSeed(),
      samples: getN(),
      features,
      nonZeros: Math.min(getK(), features),
      raceAttack: getAttack(),
    };
    const [path, race] = await ready;
    if (disposed) return;
    await path.clear(["path"]);
    await race.clear(["race"]);
    const traces: RaceTrace[] = [];
    status.textContent = "tracing the paths…";
    client.start(config, {
      onProgress: (message) => {
        if (message.kind === "path") {
          void path.append(
            "path",
            message.coef.map((value, j) => ({
              attack: NORM_LABEL[message.attack],
              relativeDelta: message.relativeDelta,
              delta: message.delta,
              coefficient: `β${j + 1}`,
              value,
            })),
          );
        } else {
          traces.push(message);
          void race.replace("race", raceRows(traces));
          status.textContent = traces
            .map(
              (t) =>
                `${t.solver}: ${t.iterations.at(-1)} it. in ${(t.milliseconds.at(-1) ?? 0).toFixed(1)} ms`,
            )
            .join(" · ");
        }
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
