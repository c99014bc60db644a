import { describe, expect, it } from "vitest";
import { checkEntries, type HostileInputEntry as Entry } from "../../../tooling/vitest/hostile-input.js";
import {
  createCartPole,
  createPendulum,
  DqnAgent,
  IqnAgent,
  ReplayBuffer,
  Td3Agent,
  trainAgent,
} from "./index.js";

const obs = () => Float64Array.of(0.01, 0, -0.02, 0.01);

const entries: Entry[] = [
  {
    name: "DqnAgent.act",
    valid: () => [4, 2, { hiddenSizes: [4], seed: 1 }, obs()],
    call: (a) =>
      new DqnAgent(a[0] as never, a[1] as never, a[2] as never).act(a[3] as never, { explore: false }),
  },
  {
    name: "DqnAgent.observe",
    valid: () => [{ obs: obs(), action: 1, reward: 1, nextObs: obs(), terminated: false, truncated: false }],
    call: (a) => {
      const agent = new DqnAgent(4, 2, { hiddenSizes: [4], seed: 1, minReplay: 0, batchSize: 1 });
      agent.observe(a[0] as never);
      return agent.qValues(obs());
    },
  },
  {
    name: "IqnAgent.act",
    valid: () => [4, 2, { hiddenSizes: [4], seed: 1 }, obs()],
    call: (a) =>
      new IqnAgent(a[0] as never, a[1] as never, a[2] as never).act(a[3] as never, { explore: false }),
  },
  {
    name: "Td3Agent.act",
    valid: () => [3, [2], { hiddenSizes: [4], startSteps: 0, seed: 1 }, Float64Array.of(1, 0, 0.5)],
    call: (a) =>
      new Td3Agent(a[0] as never, a[1] as never, a[2] as never).act(a[3] as never, { explore: false }),
  },
  {
    name: "ReplayBuffer.add",
    valid: () => [[0, 1], 1, 0.5, [1, 0], false],
    call: (a) => {
      const b = new ReplayBuffer({ capacity: 2, obsDim: 2 });
      b.add(a[0] as never, a[1] as never, a[2] as never, a[3] as never, a[4] as never);
      return b.size;
    },
  },
  {
    name: "CartPole.step",
    valid: () => [{ seed: 1 }, 1],
    call: (a) => {
      const env = createCartPole(a[0] as never);
      env.reset();
      return env.step(a[1] as never);
    },
  },
  {
    name: "Pendulum.step",
    valid: () => [{ seed: 1 }, Float64Array.of(0.5)],
    call: (a) => {
      const env = createPendulum(a[0] as never);
      env.reset();
      return env.step(a[1] as never);
    },
  },
  {
    name: "trainAgent",
    valid: () => [{ totalSteps: 20, seed: 1 }],
    call: (a) => {
      const options = a[0] as Record<string, unknown>;
      const env = createCartPole({ seed: 1 });
      const agent = new DqnAgent(4, 2, { hiddenSizes: [4], seed: 1, minReplay: 4, batchSize: 2 });
      return trainAgent({ env, agent, ...options } as never).episodes;
    },
    runs: 25,
  },
];

describe("rl-agents public entry points under hostile input (fast-check)", () => {
  it("throw a DescentError naming the parameter or return finite numbers", async () => {
    const { tried, problems } = await checkEntries(entries);
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(entries.length * 25);
  }, 60_000);
});
