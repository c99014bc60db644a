/**
 * rl-agents page: DQN learns CartPole while LRRL's bandit picks its learning rate; the arm probabilities,
 * the episode returns and the pole itself are drawn as training runs.
 */
import { pageFrame, plotBox, runButton, seedField, slider } from "../../controls.js";
import { LivePlot } from "../../live-plot.js";
import type { PageModule } from "../../page-module.js";
import { RunClient } from "../../run-client.js";
import { defaultLrrlConfig, type LrrlConfig, type LrrlProgress } from "./config.js";
import { drawPole } from "./pole-canvas.js";
import { probabilitiesSpec, returnsSpec } from "./specs.js";

const armLabel = (lr: number) => lr.toExponential(0);

export const mount: PageModule["mount"] = (root, { seed }) => {
  const { controls, plots, status } = pageFrame(
    root,
    "LRRL: a bandit picks DQN's learning rate",
    "DQN (a 4-64-64-2 network trained with Adam) learns to balance the pole. Every κ environment steps LRRL's " +
      "time-decayed Exp3 bandit samples one of five learning rates, DQN trains with it, and the change in the " +
      "agent's return is fed back to that arm: arms that help gain probability. At the default 4 000 steps (the " +
      "package's quick scale) DQN has only begun to learn; raise the steps for a longer run.",
  );
  const getSteps = slider(controls, "environment steps", {
    min: 2000,
    max: 30000,
    step: 1000,
    value: defaultLrrlConfig.totalSteps,
    name: "totalSteps",
  });
  const getKappa = slider(controls, "κ (steps per round)", {
    min: 100,
    max: 2000,
    step: 100,
    value: defaultLrrlConfig.roundSteps,
    name: "roundSteps",
  });
  const getSeed = seedField(controls, seed);
  const client = new RunClient<LrrlConfig, LrrlProgress>(
    () => new Worker(new URL("./worker.ts", import.meta.url), { type: "module" }),
  );
  const canvas = document.createElement("canvas");
  canvas.className = "scene";
  canvas.width = 420;
  canvas.height = 200;
  plotBox(plots).append(canvas);
  const ready = Promise.all([
    LivePlot.create(plotBox(plots), "lrrl-probabilities", probabilitiesSpec()),
    LivePlot.create(plotBox(plots), "lrrl-returns", returnsSpec()),
  ]);
  let disposed = false;
  const run = async () => {
    const config: LrrlConfig = {
      ...defaultLrrlConfig,
      seed: getSeed(),
      totalSteps: getSteps(),
      roundSteps: getKappa(),
    };
    const [probs, returns] = await ready;
    if (disposed) return;
    await probs.replace(
      "probs",
      config.arms.map((lr) => ({ step: 0, arm: armLabel(lr), lr, p: 1 / config.arms.length })),
    );
    await returns.clear(["episodes"]);
    let episodes = 0;
    let lastReturn = 0;
    status.textContent = "training…";
    client.start(config, {
      onProgress: (m) => {
        if (m.kind === "pole") {
          drawPole(canvas, m.state, `step ${m.step} · episode ${episodes + 1} · last return ${lastReturn}`);
        } else if (m.kind === "episode") {
          episodes++;
          lastReturn = m.return;
          void returns.append("episodes", [{ step: m.step, return: m.return }]);
        } else {
          void probs.append(
            "probs",
            m.probs.map((p, k) => ({
              step: m.step,
              arm: armLabel(config.arms[k] as number),
              lr: config.arms[k],
              p,
            })),
          );
          status.textContent = `round ${m.round}: learning rate ${armLabel(m.lr)}, feedback ${m.feedback.toFixed(2)}`;
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
