import { initBackend, Rng, tf } from "@descent/core-tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCartPole } from "./cartpole.js";
import { DqnAgent } from "./dqn.js";
import { Mlp } from "./mlp.js";
import { createPendulum } from "./pendulum.js";
import { trainAgent } from "./runner.js";
import { Td3Agent } from "./td3.js";
import {
  createNetwork,
  networkMacsPerUpdate,
  resolveNetworkBackend,
  TFJS_CROSSOVER_MACS,
  TfjsMlp,
} from "./tfjs-mlp.js";

describe.each(["wasm", "cpu"] as const)(
  "TfjsMlp, the tfjs backend (docs/method.md §A.5) on %s",
  (backend) => {
    beforeAll(async () => {
      await initBackend({ backend });
    });
    afterAll(async () => {
      await initBackend();
    });

    for (const output of ["linear", "tanh"] as const) {
      it(`forward, parameter gradients and input gradients equal the ts backend's (${output} output)`, () => {
        const ts = new Mlp({ sizes: [5, 16, 8, 3], output, rng: new Rng(4) });
        const tj = new TfjsMlp(ts.clone() as Mlp);
        const rng = new Rng(5);
        const x = Float32Array.from(rng.normalArray(7 * 5));
        const dy = Float32Array.from(rng.normalArray(7 * 3));
        const yTs = Float32Array.from(ts.forward(x, 7));
        const yTj = tj.forward(x, 7);
        for (let i = 0; i < yTs.length; i++) expect(yTj[i]).toBeCloseTo(yTs[i] as number, 5);
        ts.zeroGrad();
        tj.zeroGrad();
        const dxTs = Float32Array.from(ts.backward(dy));
        const dxTj = tj.backward(dy);
        for (let i = 0; i < ts.grads.length; i++) expect(tj.grads[i]).toBeCloseTo(ts.grads[i] as number, 4);
        for (let i = 0; i < dxTs.length; i++) expect(dxTj[i]).toBeCloseTo(dxTs[i] as number, 4);
      });
    }

    it("forward/backward in a loop does not grow tf.memory().numTensors", () => {
      const net = new TfjsMlp({ sizes: [4, 8, 2], rng: new Rng(1) });
      const x = new Float32Array(8).fill(0.5);
      net.forward(x, 2);
      net.backward(new Float32Array(4).fill(1));
      const before = tf.memory().numTensors;
      for (let i = 0; i < 10; i++) {
        net.forward(x, 2);
        net.backward(new Float32Array(4).fill(1));
      }
      expect(tf.memory().numTensors).toBe(before);
    });

    it("rejects a short input, a non-positive batch, a short dOut and backward before forward", () => {
      for (const net of [
        new TfjsMlp({ sizes: [3, 4, 2], rng: new Rng(2) }),
        new Mlp({ sizes: [3, 4, 2], rng: new Rng(2) }),
      ]) {
        expect(() => net.backward(new Float32Array(2))).toThrow(/before forward/);
        expect(() => net.forward(new Float32Array(5), 2)).toThrow(/x must hold/);
        expect(() => net.forward(new Float32Array(6), 0)).toThrow(/batch/);
        expect(() => net.forward(new Float32Array(6), -1)).toThrow(/batch/);
        net.forward(new Float32Array(6), 2);
        expect(() => net.backward(new Float32Array(3))).toThrow(/dOut must hold/);
      }
    });

    // each agent that accepts backend: 'tfjs' trains a few hundred steps without growing tf.memory()
    const agents = {
      DQN: () => ({
        env: createCartPole({ seed: 1 }),
        agent: new DqnAgent(4, 2, {
          backend: "tfjs",
          hiddenSizes: [8],
          minReplay: 20,
          batchSize: 8,
          updatePeriod: 4,
        }),
        totalSteps: 100,
      }),
      TD3: () => ({
        env: createPendulum({ seed: 3 }),
        agent: new Td3Agent(3, [2], {
          backend: "tfjs",
          hiddenSizes: [8],
          startSteps: 20,
          batchSize: 8,
          seed: 3,
        }),
        totalSteps: 60,
      }),
    };
    for (const [name, make] of Object.entries(agents)) {
      it(`a ${name} agent on the tfjs backend trains without leaking tensors`, () => {
        const before = tf.memory().numTensors;
        const run = make();
        trainAgent(run as Parameters<typeof trainAgent>[0]);
        expect(run.agent.gradientSteps).toBeGreaterThan(0);
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  },
);

describe("createNetwork", () => {
  it("rejects an unknown backend", () => {
    expect(() => createNetwork("webgpu" as "ts", { sizes: [2, 2], rng: new Rng(0) })).toThrow(/backend/);
  });
});

describe("resolveNetworkBackend ('auto', the agents' default)", () => {
  afterAll(async () => {
    await initBackend();
  });

  it("counts batch · Σ nIn·nOut multiply-adds", () => {
    expect(networkMacsPerUpdate([4, 64, 64, 2], 32)).toBe(32 * (4 * 64 + 64 * 64 + 64 * 2));
  });

  it("picks ts below the measured crossover and tfjs from it up, on wasm; explicit choices pass through", async () => {
    await initBackend();
    expect(networkMacsPerUpdate([4, 64, 64, 2], 32)).toBeLessThan(TFJS_CROSSOVER_MACS);
    expect(resolveNetworkBackend("auto", [4, 64, 64, 2], 32)).toBe("ts");
    expect(resolveNetworkBackend("auto", [4, 256, 256, 2], 32)).toBe("tfjs");
    expect(resolveNetworkBackend("ts", [4, 256, 256, 2], 32)).toBe("ts");
    expect(resolveNetworkBackend("tfjs", [4, 8, 2], 1)).toBe("tfjs");
    expect(new DqnAgent(4, 2, { hiddenSizes: [256, 256], batchSize: 32 }).online).toBeInstanceOf(TfjsMlp);
    expect(new DqnAgent(4, 2, { hiddenSizes: [32, 32], batchSize: 32 }).online).toBeInstanceOf(Mlp);
  });

  it("keeps the ts path on tfjs's pure-JS cpu backend, where it is faster at every size", async () => {
    await initBackend({ backend: "cpu" });
    expect(resolveNetworkBackend("auto", [4, 512, 512, 2], 128)).toBe("ts");
  });
});
