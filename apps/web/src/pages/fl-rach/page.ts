/**
 * FL over random access page: the slotted-ALOHA frames of one policy slot by slot, the AoG scores that decide
 * who contends, and the test accuracy of every policy as the frames go by.
 */
import { pageFrame, plotBox, runButton, seedField, select, slider } from "../../controls.js";
import { LivePlot, type Row } from "../../live-plot.js";
import type { PageModule } from "../../page-module.js";
import { RunClient } from "../../run-client.js";
import {
  defaultFlRachConfig,
  type FlRachConfig,
  type FlRachProgress,
  type FrameMessage,
  POLICIES,
  type PolicyName,
} from "./config.js";
import { accuracySpec, aogSpec, framesSpec } from "./specs.js";

function slotRows(frames: readonly FrameMessage[]): Row[] {
  return frames.flatMap((f) =>
    f.slots.map((s) => ({
      frame: f.frame,
      slot: s.slot + 1,
      outcome: s.outcome,
      label: s.transmitters.map((u) => `u${u}`).join(" "),
    })),
  );
}

export const mount: PageModule["mount"] = (root, { seed }) => {
  const { controls, plots, status } = pageFrame(
    root,
    "Federated learning over a random access channel",
    "N users hold non-iid shards of a ten-class problem (a seeded Gaussian mixture standing in for MNIST) and " +
      "upload top-K sparsified updates over a slotted-ALOHA uplink of S slots per frame: a slot with one " +
      "transmitter delivers, two or more collide. With the Age-of-Gradient policy a user contends only when its " +
      "error-feedback memory outweighs its fresh update (‖m‖ − ‖Δ‖ above the threshold τ). Every policy runs " +
      "with the same data, partition and initial model.",
  );
  const getUsers = slider(controls, "users N", { min: 4, max: 30, step: 1, value: 10, name: "users" });
  const getSlots = slider(controls, "slots S", { min: 2, max: 10, step: 1, value: 5, name: "slots" });
  const getFrames = slider(controls, "frames T", { min: 5, max: 80, step: 5, value: 25, name: "frames" });
  const getShown = select(controls, "frames of", { choices: POLICIES, value: "AoG", name: "shownPolicy" });
  const getBackend = select(controls, "tfjs backend", {
    choices: ["wasm", "webgl", "cpu"] as const,
    value: "wasm",
    name: "backend",
  });
  const getSeed = seedField(controls, seed);
  const client = new RunClient<FlRachConfig, FlRachProgress>(
    () => new Worker(new URL("./worker.ts", import.meta.url), { type: "module" }),
  );
  const framesBox = plotBox(plots);
  const side = plotBox(plots);
  const ready = Promise.all([
    LivePlot.create(plotBox(side), "fl-rach-accuracy", accuracySpec()),
    LivePlot.create(plotBox(side), "fl-rach-aog", aogSpec()),
  ]);
  let framesPlot: Promise<LivePlot> | null = null;
  let disposed = false;
  const run = async () => {
    const config: FlRachConfig = {
      ...defaultFlRachConfig,
      seed: getSeed(),
      users: getUsers(),
      slotsPerFrame: getSlots(),
      frames: getFrames(),
      backend: getBackend(),
    };
    const shown: PolicyName = getShown();
    framesBox.replaceChildren();
    framesPlot = LivePlot.create(framesBox, "fl-rach-frames", framesSpec(config.slotsPerFrame));
    const [[accuracy, aog], frames] = await Promise.all([ready, framesPlot]);
    if (disposed) return;
    await accuracy.clear(["accuracy"]);
    await aog.clear(["scores"]);
    status.textContent = `starting the ${config.backend} backend…`;
    client.start(config, {
      onProgress: (m) => {
        if (m.kind === "accuracy") {
          void accuracy.append("accuracy", [{ policy: m.policy, frame: m.frame, accuracy: m.accuracy }]);
          status.textContent = `${m.policy}: frame ${m.frame}/${config.frames}, accuracy ${(100 * m.accuracy).toFixed(1)} %`;
          return;
        }
        if (m.policy !== shown) return;
        void frames.append("slots", slotRows([m]));
        if (m.policy === "AoG")
          void aog.replace(
            "scores",
            m.users.map((u) => ({ user: `u${u.user}`, aog: u.aog, contends: u.active ? "yes" : "no" })),
          );
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
