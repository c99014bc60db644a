/**
 * Synchronous vectorised environments (docs/method.md §A.1, Gymnasium's `SyncVectorEnv` semantics): `n` copies
 * stepped together, each auto-reset when its episode ends, observations packed row-major into one
 * Float64Array. The final observation of an ended episode is reported in `finalObs`.
 */
import { assertInteger, DescentError } from "@descent/core-tensor";
import type { Env } from "./env.js";

/** The result of one {@link VectorEnv.step}. Arrays are owned by the caller. */
export interface VectorStepResult {
  /** `n × obsDim` observations (after auto-reset for ended copies). */
  readonly obs: Float64Array;
  readonly rewards: Float64Array;
  readonly terminated: Uint8Array;
  readonly truncated: Uint8Array;
  /** The last observation of each copy whose episode ended on this step (`null` otherwise). */
  readonly finalObs: (Float64Array | null)[];
}

/** `n` environments stepped in lock-step, with auto-reset (docs/method.md §A.1). */
export class VectorEnv<A = number | Float64Array> {
  readonly envs: readonly Env<Float64Array, A>[];
  readonly obsDim: number;

  /**
   * @param factory builds copy `i`; copies are reset with seeds `seed + i` on {@link reset}.
   * @param n number of copies (≥ 1).
   */
  constructor(factory: (index: number) => Env<Float64Array, A>, n: number) {
    assertInteger(n, "n", { min: 1 });
    this.envs = Array.from({ length: n }, (_, i) => factory(i));
    const space = this.envs[0]?.observationSpace;
    if (space === undefined || space.kind !== "box") {
      throw new DescentError("factory must build environments with a box observation space", {
        parameter: "factory",
        code: "invalid-argument",
      });
    }
    this.obsDim = space.low.length;
  }

  get size(): number {
    return this.envs.length;
  }

  /** Resets every copy; copy `i` gets seed `seed + i` when a seed is given. */
  reset(opts: { seed?: number } = {}): Float64Array {
    const out = new Float64Array(this.size * this.obsDim);
    this.envs.forEach((env, i) => {
      const { obs } = env.reset(opts.seed === undefined ? {} : { seed: opts.seed + i });
      out.set(obs, i * this.obsDim);
    });
    return out;
  }

  /** Steps every copy with its action; ended copies are reset and their final observation kept. */
  step(actions: readonly A[]): VectorStepResult {
    if (actions.length !== this.size) {
      throw new DescentError(
        `actions must have one entry per environment (${this.size}), received ${actions.length}`,
        {
          parameter: "actions",
          code: "shape",
        },
      );
    }
    const n = this.size;
    const obs = new Float64Array(n * this.obsDim);
    const rewards = new Float64Array(n);
    const terminated = new Uint8Array(n);
    const truncated = new Uint8Array(n);
    const finalObs: (Float64Array | null)[] = new Array(n).fill(null);
    for (let i = 0; i < n; i++) {
      const env = this.envs[i] as Env<Float64Array, A>;
      const r = env.step(actions[i] as A);
      rewards[i] = r.reward;
      terminated[i] = r.terminated ? 1 : 0;
      truncated[i] = r.truncated ? 1 : 0;
      if (r.terminated || r.truncated) {
        finalObs[i] = r.obs;
        obs.set(env.reset().obs, i * this.obsDim);
      } else {
        obs.set(r.obs, i * this.obsDim);
      }
    }
    return { obs, rewards, terminated, truncated, finalObs };
  }
}
