/**
 * SAVO page: the reward landscape of the multimodal one-step task at one state, with the proposals of SAVO's
 * successive actors and of TD3's single actor moving on it while they train against the oracle critic.
 */
import { pageFrame, plotBox, runButton, seedField, select, slider } from "../../controls.js";
import { LivePlot, type Row } from "../../live-plot.js";
import type { PageModule } from "../../page-module.js";
import { RunClient } from "../../run-client.js";
import { defaultSavoConfig, type SavoConfig, type SavoProgress } from "./config.js";
import { historySpec, landscapeSpec, valueSpec } from "./specs.js";

export const mount: PageModule["mount"] = (root, { seed }) => {
  const { controls, plots, status } = pageFrame(
    root,
    "SAVO: successive actors on a multimodal Q landscape",
    "With continuous actions an actor network is trained by gradient ascent on Q, so it climbs the nearest " +
      "bump and stays there. SAVO trains k actors one after the other: actor i proposes an action knowing the " +
      "earlier proposals and climbs a surrogate of Q truncated below the best value found so far, so its " +
      "gradient points only to actions better than those; the agent executes the proposal with the largest Q. " +
      "The task here is the one-step multimodal task: broad low trap bumps and one narrow bump of height 1, " +
      "moving with the state. Both agents train against the true reward (the oracle critic), so only the " +
      "actors' search differs; TD3 is SAVO's code with a single actor. The bars give each greedy policy's " +
      "value V on fixed test states after the short training (1 = always on the global bump; one seed decides nothing).",
  );
  const getDim = select(controls, "action dimension", {
    choices: ["1", "2"] as const,
    value: "1",
    name: "actionDim",
  });
  const getActors = slider(controls, "SAVO actors k", { min: 2, max: 5, step: 1, value: 3, name: "actors" });
  const getSteps = slider(controls, "actor updates", {
    min: 50,
    max: 1000,
    step: 50,
    value: 150,
    name: "steps",
  });
  const getSeed = seedField(controls, seed);
  const client = new RunClient<SavoConfig, SavoProgress>(
    () => new Worker(new URL("./worker.ts", import.meta.url), { type: "module" }),
  );
  const landscapeBox = plotBox(plots);
  const rest = Promise.all([
    LivePlot.create(plotBox(plots), "savo-history", historySpec()),
    LivePlot.create(plotBox(plots), "savo-values", valueSpec()),
  ]);
  let landscapePlot: { dim: 1 | 2; plot: Promise<LivePlot> } | null = null;
  let disposed = false;
  const run = async () => {
    const actionDim = getDim() === "2" ? 2 : 1;
    const config: SavoConfig = {
      ...defaultSavoConfig,
      seed: getSeed(),
      actionDim,
      numActors: getActors(),
      steps: getSteps(),
      grid: actionDim === 1 ? 121 : 41,
    };
    if (landscapePlot?.dim !== actionDim) {
      landscapeBox.replaceChildren();
      landscapePlot = {
        dim: actionDim,
        plot: LivePlot.create(landscapeBox, "savo-landscape", landscapeSpec(actionDim)),
      };
    }
    const [landscape, [history, values]] = await Promise.all([landscapePlot.plot, rest]);
    if (disposed) return;
    await landscape.clear(["landscape", "proposals"]);
    await history.clear(["history"]);
    await values.clear(["values"]);
    const current = new Map<string, Row[]>();
    status.textContent = "training…";
    client.start(config, {
      onProgress: (p) => {
        if (p.kind === "landscape") {
          void landscape.replace("landscape", p.cells);
          return;
        }
        if (p.kind === "proposals") {
          const rows = p.proposals.map((a) => ({
            ...a,
            agent: p.agent,
            step: p.step,
            series: `${p.agent} ${a.actor}`,
          }));
          current.set(p.agent, rows);
          void landscape.replace("proposals", [...current.values()].flat());
          void history.append("history", rows);
          const best = p.proposals.find((a) => a.chosen);
          status.textContent = `${p.agent}, update ${p.step}: executed Q = ${best?.q.toFixed(3)}`;
          return;
        }
        void values.append("values", [{ ...p }]);
        status.textContent = `${p.agent}: V = ${p.value.toFixed(3)}, ${(100 * p.globalFraction).toFixed(0)} % of test states on the global bump`;
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
