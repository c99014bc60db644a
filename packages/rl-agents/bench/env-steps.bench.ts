/**
 * Environment steps per second of each classic-control environment (docs/method.md §A.2), with random actions
 * and auto-reset, single and through a 8-copy VectorEnv. Ratio: vectorised / single throughput.
 */
import { Rng } from "@descent/core-tensor";
import {
  createAcrobot,
  createCartPole,
  createMountainCar,
  createMountainCarContinuous,
  createPendulum,
  type Env,
  VectorEnv,
} from "../src/index.js";

type AnyEnv = Env<Float64Array, number | Float64Array>;

const envs: [string, () => AnyEnv][] = [
  ["CartPole-v1", () => createCartPole() as AnyEnv],
  ["MountainCar-v0", () => createMountainCar() as AnyEnv],
  ["MountainCarContinuous-v0", () => createMountainCarContinuous() as AnyEnv],
  ["Acrobot-v1", () => createAcrobot() as AnyEnv],
  ["Pendulum-v1", () => createPendulum() as AnyEnv],
];

function randomAction(env: AnyEnv, rng: Rng): number | Float64Array {
  const s = env.actionSpace;
  return s.kind === "discrete"
    ? rng.int(0, s.n)
    : Float64Array.of(rng.uniform(s.low[0] as number, s.high[0] as number));
}

/** Returns rows [env, single steps/s, vector steps/s, ratio]. */
export function benchEnvSteps(steps = 100_000): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const [name, make] of envs) {
    const rng = new Rng(1);
    const env = make();
    env.reset({ seed: 1 });
    let t0 = performance.now();
    for (let t = 0; t < steps; t++) {
      const r = env.step(randomAction(env, rng));
      if (r.terminated || r.truncated) env.reset();
    }
    const single = steps / ((performance.now() - t0) / 1000);
    const venv = new VectorEnv(make, 8);
    venv.reset({ seed: 1 });
    const proto = make();
    t0 = performance.now();
    for (let t = 0; t < steps / 8; t++) venv.step(Array.from({ length: 8 }, () => randomAction(proto, rng)));
    const vec = steps / ((performance.now() - t0) / 1000);
    rows.push([name, Math.round(single), Math.round(vec), vec / single]);
  }
  return rows;
}
