/**
 * Looped-transformer page: a linear looped transformer trained for each loop count T against gradient
 * descent run for T steps with its best step size, on the same in-context regression prompts.
 */
import { pageFrame, plotBox, runButton, seedField, select, slider } from "../../controls.js";
import { LivePlot } from "../../live-plot.js";
import type { PageModule } from "../../page-module.js";
import { RunClient } from "../../run-client.js";
import { defaultLoopedConfig, type LoopedConfig, type LoopedProgress } from "./config.js";
import { errorSpec, lossSpec } from "./specs.js";

const LOOP_SETS = { "1, 2, 4": [1, 2, 4], "1, 2, 4, 8": [1, 2, 4, 8], "1 … 6": [1, 2, 3, 4, 5, 6] } as const;
type LoopSet = keyof typeof LOOP_SETS;

export const mount: PageModule["mount"] = (root, { seed }) => {
  const { controls, plots, status } = pageFrame(
    root,
    "Looped transformers run gradient descent in context",
    "Each prompt holds n examples (xᵢ, yᵢ) of a random linear map in d dimensions and a query x. A linear " +
      "self-attention layer applied T times with shared weights is trained (Adam, fresh prompts every step) to " +
      "predict the query's label; the paper shows such a model can implement T steps of gradient descent, with " +
      "an error that decays like (1 − 1/κ)^T. The left plot compares the trained model's test error with gradient " +
      "descent run for T steps with its best step size, on the same test prompts.",
  );
  const getLoops = select(controls, "loops T", {
    choices: Object.keys(LOOP_SETS) as LoopSet[],
    value: "1, 2, 4",
    name: "loops",
  });
  const getN = slider(controls, "examples n", { min: 10, max: 80, step: 5, value: 20, name: "examples" });
  const getSteps = slider(controls, "Adam steps", {
    min: 100,
    max: 2000,
    step: 100,
    value: 300,
    name: "steps",
  });
  const getSeed = seedField(controls, seed);
  const client = new RunClient<LoopedConfig, LoopedProgress>(
    () => new Worker(new URL("./worker.ts", import.meta.url), { type: "module" }),
  );
  const ready = Promise.all([
    LivePlot.create(plotBox(plots), "looped-error", errorSpec()),
    LivePlot.create(plotBox(plots), "looped-loss", lossSpec()),
  ]);
  let disposed = false;
  const run = async () => {
    const config: LoopedConfig = {
      ...defaultLoopedConfig,
      seed: getSeed(),
      loops: [...LOOP_SETS[getLoops()]],
      examples: getN(),
      steps: getSteps(),
    };
    const [errors, loss] = await ready;
    if (disposed) return;
    await errors.clear(["errors"]);
    await loss.clear(["loss"]);
    status.textContent = `training T = ${config.loops[0]}…`;
    client.start(config, {
      onProgress: (p) => {
        if (p.kind === "loss") {
          void loss.append("loss", [{ model: `T = ${p.loops}`, step: p.step, loss: p.loss }]);
          return;
        }
        void errors.append("errors", [
          { model: "looped transformer", loops: p.loops, mse: p.transformer },
          { model: "GD, best step", loops: p.loops, mse: p.gd },
        ]);
        const next = config.loops[config.loops.indexOf(p.loops) + 1];
        status.textContent =
          `T = ${p.loops}: transformer MSE ${p.transformer.toFixed(4)}, GD (η = ${p.gdStep.toFixed(3)}) ${p.gd.toFixed(4)}` +
          (next === undefined ? "" : ` · training T = ${next}…`);
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
