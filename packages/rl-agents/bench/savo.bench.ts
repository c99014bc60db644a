/**
 * SAVO's hot path (docs/savo.md): update steps per second of SAVO-3 and its baselines against TD3 on the
 * same networks (64-64 actors and critics, batch 128, a 2-D state and action, learned critic), so the
 * ratio shows what k actors, the conditioning and the surrogates cost; and environment steps per second
 * of the environments SAVO's reproduction adds. Times are process CPU time (the machine may be shared).
 */
import { Rng } from "@descent/core-tensor";
import {
  createContinuousCartPole,
  createEnsembleTd3,
  createWolpertinger,
  type Env,
  multimodalBandit,
  recsimLite,
  restrictActions,
  SavoAgent,
  Td3Agent,
} from "../src/index.js";

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

interface Updatable {
  update(): unknown;
  replay: {
    add(o: ArrayLike<number>, a: ArrayLike<number>, r: number, n: ArrayLike<number>, t: boolean): void;
  };
}

function fill(agent: Updatable, rng: Rng, n: number): void {
  for (let t = 0; t < n; t++) {
    agent.replay.add(
      rng.uniformArray(2, -1, 1),
      rng.uniformArray(2, -1, 1),
      rng.normal(),
      rng.uniformArray(2, -1, 1),
      true,
    );
  }
}

/** Rows [agent, updates/s, TD3 / agent time ratio]. */
export function benchSavoUpdates(updates = 200): (string | number)[][] {
  const base = { hiddenSizes: [64, 64], batchSize: 128, startSteps: 0, seed: 1 };
  const agents: [string, () => Updatable][] = [
    ["TD3 (Td3Agent)", () => new Td3Agent(2, [1, 1], base)],
    [
      "SAVO k = 1, no surrogates (≡ TD3)",
      () => new SavoAgent(2, [1, 1], { ...base, numActors: 1, surrogates: false }),
    ],
    ["Ensemble-3", () => createEnsembleTd3(2, [1, 1], { ...base, numActors: 3 })],
    ["SAVO-3 − surrogates", () => new SavoAgent(2, [1, 1], { ...base, numActors: 3, surrogates: false })],
    ["SAVO-3 (deep set)", () => new SavoAgent(2, [1, 1], { ...base, numActors: 3 })],
    ["SAVO-3 (lstm)", () => new SavoAgent(2, [1, 1], { ...base, numActors: 3, conditioning: "lstm" })],
  ];
  const rows: (string | number)[][] = [];
  let td3PerSecond = 0;
  for (const [name, make] of agents) {
    const agent = make();
    fill(agent, new Rng(2), 2000);
    for (let t = 0; t < 20; t++) agent.update(); // warm-up (JIT, buffers)
    const t0 = cpuSeconds();
    for (let t = 0; t < updates; t++) agent.update();
    const perSecond = updates / (cpuSeconds() - t0);
    if (rows.length === 0) td3PerSecond = perSecond;
    rows.push([name, perSecond, td3PerSecond / perSecond]);
  }
  return rows;
}

/** Rows [environment, steps/s] with uniformly random actions and auto-reset. */
export function benchSavoEnvSteps(steps = 20_000): (string | number)[][] {
  const rng = new Rng(3);
  const rows: (string | number)[][] = [];
  const run = (
    name: string,
    env: Env<Float64Array, number | Float64Array>,
    action: () => number | Float64Array,
    n: number,
  ) => {
    env.reset({ seed: 1 });
    const t0 = cpuSeconds();
    for (let t = 0; t < n; t++) {
      const r = env.step(action());
      if (r.terminated || r.truncated) env.reset();
    }
    rows.push([name, n / (cpuSeconds() - t0)]);
  };
  run(
    "multimodal bandit (d = 2, 6 bumps)",
    multimodalBandit({ seed: 1 }) as never,
    () => rng.uniformArray(2, -1, 1),
    steps,
  );
  run("RecSim-lite (2 000 items)", recsimLite({ seed: 1 }) as never, () => rng.int(0, 2000), steps);
  run(
    "restricted continuous cart-pole (3 intervals)",
    restrictActions(createContinuousCartPole({ seed: 1 }), { balls: 3, radius: 0.15, seed: 1 }) as never,
    () => rng.uniformArray(1, -1, 1),
    steps,
  );
  // the executed-action cost of the discrete variants: 1-NN (SAVO) vs 5 % k-NN + Q-argmax (Wolpertinger)
  const env = recsimLite({ seed: 1 });
  const obs = env.reset().obs;
  const savo = new SavoAgent<number>(16, env.action, {
    hiddenSizes: [64, 64],
    numActors: 3,
    startSteps: 0,
    seed: 1,
  });
  const wolp = createWolpertinger(16, env.action, { hiddenSizes: [64, 64], startSteps: 0, seed: 1 });
  for (const [name, agent] of [
    ["SAVO-3 act on RecSim-lite (3 × 1-NN)", savo],
    ["Wolpertinger-5 % act on RecSim-lite (100-NN)", wolp],
  ] as const) {
    const t0 = cpuSeconds();
    for (let t = 0; t < 500; t++) agent.act(obs, { explore: false });
    rows.push([name, 500 / (cpuSeconds() - t0)]);
  }
  return rows;
}
