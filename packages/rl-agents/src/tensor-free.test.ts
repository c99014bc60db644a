import { initBackend, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { createCartPole } from "./cartpole.js";
import { DqnAgent } from "./dqn.js";
import { withLrrl } from "./lrrl.js";
import { trainAgent } from "./runner.js";

describe("tfjs memory (house rule)", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("training an LRRL-wrapped DQN in a loop leaves tf.memory().numTensors unchanged (the ts backend allocates none)", () => {
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const agent = withLrrl(new DqnAgent(4, 2, { hiddenSizes: [8], minReplay: 20, batchSize: 8, seed: i }), {
        arms: [1e-3, 3e-3],
        roundSteps: 50,
      });
      trainAgent({ env: createCartPole({ seed: i }), agent, totalSteps: 200 });
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
