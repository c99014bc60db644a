import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { CartPoleEnv, createCartPole } from "./cartpole.js";
import { DqnAgent } from "./dqn.js";
import { IqnAgent } from "./iqn.js";
import { createMountainCarContinuous } from "./mountain-car.js";
import { createPendulum } from "./pendulum.js";
import { ReplayBuffer } from "./replay-buffer.js";
import { Td3Agent } from "./td3.js";

function parameterOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof DescentError) return e.parameter;
    throw e;
  }
  return undefined;
}

const obs = Float64Array.of(0.1, 0, -0.1, 0);
const transition = (action: number, o = obs) => ({
  obs: o,
  action,
  reward: 1,
  nextObs: obs,
  terminated: false,
  truncated: false,
});

describe("agents reject actions and observations that do not fit their spaces", () => {
  it("DqnAgent.observe rejects an action ≥ numActions (it would update another row)", () => {
    const agent = new DqnAgent(4, 2, { hiddenSizes: [4], seed: 1 });
    expect(parameterOf(() => agent.observe(transition(2)))).toBe("action");
    expect(parameterOf(() => agent.observe(transition(-1)))).toBe("action");
    expect(agent.envSteps).toBe(0);
  });

  it("DqnAgent and IqnAgent reject an observation of the wrong length or with NaN", () => {
    const dqn = new DqnAgent(4, 2, { hiddenSizes: [4], seed: 1 });
    expect(parameterOf(() => dqn.act(Float64Array.of(1, 2), { explore: false }))).toBe("obs");
    expect(parameterOf(() => dqn.qValues([1, 2, 3, Number.NaN]))).toBe("obs");
    expect(parameterOf(() => dqn.observe(transition(0, Float64Array.of(0, Number.NaN, 0, 0))))).toBe("obs");
    const iqn = new IqnAgent(4, 2, { hiddenSizes: [4], seed: 1 });
    expect(parameterOf(() => iqn.act(Float64Array.of(1, 2, 3), { explore: false }))).toBe("obs");
    expect(parameterOf(() => iqn.observe(transition(3)))).toBe("action");
  });

  it("Td3Agent.act rejects a short observation instead of returning [NaN]", () => {
    const agent = new Td3Agent(3, [2], { hiddenSizes: [4], startSteps: 0, seed: 1 });
    expect(parameterOf(() => agent.act(Float64Array.of(1), { explore: false }))).toBe("obs");
    const a = agent.act(Float64Array.of(1, 0, 0.5), { explore: false });
    expect(Number.isFinite(a[0])).toBe(true);
  });

  it("ReplayBuffer.add rejects NaN observations and continuous actions, not only rewards", () => {
    const buffer = new ReplayBuffer({ capacity: 4, obsDim: 2, actionDim: 1 });
    expect(parameterOf(() => buffer.add([Number.NaN, 0], [0], 1, [0, 0], false))).toBe("obs");
    expect(parameterOf(() => buffer.add([0, 0], [0], 1, [0, Number.POSITIVE_INFINITY], false))).toBe(
      "nextObs",
    );
    expect(parameterOf(() => buffer.add([0, 0], [Number.NaN], 1, [0, 0], false))).toBe("action");
    expect(buffer.size).toBe(0);
  });
});

describe("environments enforce reset before step, as Gymnasium does", () => {
  it("step before the first reset throws", () => {
    expect(parameterOf(() => new CartPoleEnv(1).step(0))).toBe("reset");
    expect(parameterOf(() => createPendulum().step(0))).toBe("reset");
  });

  it("step after termination throws until the next reset", () => {
    const env = new CartPoleEnv(1);
    env.reset({ state: Float64Array.of(2.39, 5, 0, 0) });
    expect(env.step(1).terminated).toBe(true);
    expect(parameterOf(() => env.step(1))).toBe("reset");
    env.reset();
    expect(env.step(1).terminated).toBe(false);
  });

  it("step after a time-limit truncation throws until the next reset", () => {
    const env = createCartPole({ seed: 1, maxSteps: 2 });
    env.reset({ state: Float64Array.of(0, 0, 0, 0) });
    env.step(0);
    expect(env.step(1).truncated).toBe(true);
    expect(parameterOf(() => env.step(0))).toBe("reset");
  });

  it("continuous environments reject action vectors longer than their action space", () => {
    const pendulum = createPendulum({ seed: 1 });
    pendulum.reset();
    expect(parameterOf(() => pendulum.step(Float64Array.of(1, 5, 9)))).toBe("action");
    expect(Number.isFinite(pendulum.step(Float64Array.of(1)).reward)).toBe(true);
    const car = createMountainCarContinuous({ seed: 1 });
    car.reset();
    expect(parameterOf(() => car.step(Float64Array.of(0.5, 0.5)))).toBe("action");
  });
});
