/**
 * RecSim-lite (docs/savo.md, "C-R2"): a recommender with a large discrete item set embedded in ℝ^dim.
 * Items are drawn from a mixture of Gaussian clusters and normalised; each has a quality q_i. A user has
 * a unit interest vector u; the observation is (u, mean embedding of the last 3 recommended items).
 * Recommending item i yields a click with probability sigmoid(4⟨u, e_i⟩ + q_i − 2⟨e_i, e_last⟩₊)
 * (a repetition penalty on the previous item); reward = click; on a click the interest drifts towards
 * the item, u ← normalise(u + 0.1·(e_i − u)). Episodes are cut after `horizon` steps.
 */
import { assertInteger, assertNonNegative, DescentError, Rng } from "@descent/core-tensor";
import { type EmbeddedDiscreteActionSpec, embeddedActionSpec } from "./embedded-actions.js";
import {
  assertDiscreteAction,
  type BoxSpace,
  boxSpace,
  type DiscreteSpace,
  discreteSpace,
  type Env,
  type ResetOptions,
  type StepResult,
} from "./env.js";

/** Options of {@link recsimLite}. */
export interface RecsimLiteOptions {
  /** Number of items N = 2 000. */
  items?: number;
  /** Embedding dimension = 8. */
  dim?: number;
  /** Number of item clusters = 20. */
  clusters?: number;
  /** Spread of items around their cluster centre before normalising = 0.3 (our choice). */
  clusterSpread?: number;
  /** Standard deviation of item quality q_i = 0.5. */
  qualityStd?: number;
  /** Episode length = 20. */
  horizon?: number;
  /** Seed of the item catalogue and of the user stream. Default 0. */
  seed?: number;
}

/** The RecSim-lite environment: actions are item indices; `action` describes the embedded item set. */
export interface RecsimLiteEnv extends Env<Float64Array, number> {
  readonly observationSpace: BoxSpace;
  readonly actionSpace: DiscreteSpace;
  /** The item embeddings (what an agent maps proto-actions to items with). */
  readonly action: EmbeddedDiscreteActionSpec;
  /** Item qualities q_i. */
  readonly quality: Float64Array;
  /** The click probability of item `item` in the current state. */
  clickProbability(item: number): number;
}

const HISTORY = 3;

/** Builds RecSim-lite (seeded catalogue and users). */
export function recsimLite(opts: RecsimLiteOptions = {}): RecsimLiteEnv {
  const N = opts.items ?? 2000;
  const d = opts.dim ?? 8;
  const C = opts.clusters ?? 20;
  const spread = opts.clusterSpread ?? 0.3;
  const qStd = opts.qualityStd ?? 0.5;
  const horizon = opts.horizon ?? 20;
  const seed = opts.seed ?? 0;
  assertInteger(N, "items", { min: 1 });
  assertInteger(d, "dim", { min: 1 });
  assertInteger(C, "clusters", { min: 1 });
  assertNonNegative(spread, "clusterSpread");
  assertNonNegative(qStd, "qualityStd");
  assertInteger(horizon, "horizon", { min: 1 });
  assertInteger(seed, "seed", { min: 0 });
  const cat = new Rng(seed);
  const centres = cat.normalArray(C * d);
  const emb = new Float32Array(N * d);
  const tmp = new Float64Array(d);
  for (let i = 0; i < N; i++) {
    const c = cat.int(0, C);
    for (let j = 0; j < d; j++) tmp[j] = (centres[c * d + j] as number) + cat.normal(0, spread);
    normaliseInPlace(tmp);
    for (let j = 0; j < d; j++) emb[i * d + j] = tmp[j] as number;
  }
  const quality = cat.normalArray(N, 0, qStd);
  const spec = embeddedActionSpec(emb, d);
  let rng = new Rng(seed + 1);
  const u = new Float64Array(d);
  const history: number[] = [];
  let t = 0;

  const observation = (): Float64Array => {
    const o = new Float64Array(2 * d);
    o.set(u, 0);
    for (const i of history)
      for (let j = 0; j < d; j++)
        o[d + j] = (o[d + j] as number) + (emb[i * d + j] as number) / history.length;
    return o;
  };
  const clickProbability = (item: number): number => {
    assertDiscreteAction(item, N);
    let interest = 0;
    let repeat = 0;
    const last = history.length > 0 ? (history[history.length - 1] as number) : -1;
    for (let j = 0; j < d; j++) {
      const e = emb[item * d + j] as number;
      interest += (u[j] as number) * e;
      if (last >= 0) repeat += e * (emb[last * d + j] as number);
    }
    const z = 4 * interest + (quality[item] as number) - 2 * Math.max(0, repeat);
    return 1 / (1 + Math.exp(-z));
  };

  return {
    observationSpace: boxSpace(new Float64Array(2 * d).fill(-1), new Float64Array(2 * d).fill(1)),
    actionSpace: discreteSpace(N),
    action: spec,
    quality,
    reset(o: ResetOptions = {}) {
      if (o.seed !== undefined) rng = new Rng(o.seed);
      if (o.state !== undefined) {
        if (o.state.length !== d) {
          throw new DescentError(
            `state (the user interest) must have length dim = ${d}, received ${o.state.length}`,
            {
              parameter: "state",
              code: "shape",
            },
          );
        }
        u.set(o.state);
      } else {
        for (let j = 0; j < d; j++) u[j] = rng.normal();
      }
      normaliseInPlace(u);
      history.length = 0;
      t = 0;
      return { obs: observation() };
    },
    getState: () => Float64Array.from(u),
    clickProbability,
    step(item: number): StepResult {
      const p = clickProbability(item);
      const click = rng.float() < p;
      if (click) {
        for (let j = 0; j < d; j++)
          u[j] = (u[j] as number) + 0.1 * ((emb[item * d + j] as number) - (u[j] as number));
        normaliseInPlace(u);
      }
      history.push(item);
      if (history.length > HISTORY) history.shift();
      t += 1;
      return { obs: observation(), reward: click ? 1 : 0, terminated: false, truncated: t >= horizon };
    },
  };
}

function normaliseInPlace(v: Float64Array): void {
  let n = 0;
  for (let j = 0; j < v.length; j++) n += (v[j] as number) ** 2;
  n = Math.sqrt(n);
  if (n === 0) {
    v[0] = 1;
    return;
  }
  for (let j = 0; j < v.length; j++) v[j] = (v[j] as number) / n;
}
