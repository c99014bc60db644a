/**
 * One DQN update (`DqnAgent.update` with the package defaults: the 'auto' network backend, named per row, Adam lr 1e-3 ε 3.125e-4,
 * Huber δ 1, γ 0.99, target network, batch 128 drawn from the replay) on a CartPole-shaped 4-w-w-2 net
 * at widths 64/256/512, against the same update in PyTorch CPU (`peers/dqn.py`) from the same initial
 * weights and replay. The check is the first update's loss plus Σ|Δθ| of its Adam step, on the batch the
 * TS agent drew (its indices are sent to the peer).
 */
import { initBackend, tf } from "@descent/core-tensor";
import { f32, i32, type PeerCase, type PeerSuite, tfjsThreads } from "../../../tooling/bench-peers/suite.js";
import { DqnAgent, type ReplayBatch, TfjsMlp } from "../src/index.js";

const OBS = 4;
const ACTIONS = 2;
const TRANSITIONS = 1000;

function transition(i: number): { obs: Float64Array; action: number; reward: number; terminated: boolean } {
  return {
    obs: Float64Array.from({ length: OBS }, (_, k) => Math.sin(i * 0.37 + k)),
    action: i % 2,
    reward: 1,
    terminated: i % 50 === 0,
  };
}

function dqnCase(width: number): PeerCase {
  let initial: Float32Array | null = null;
  let firstIndices: Int32Array | null = null;
  let batchSize = 0;
  // the network backend 'auto' resolves to for this width at the default batch size
  const probe = new DqnAgent(OBS, ACTIONS, { hiddenSizes: [width, width], seed: 1 });
  const backend = probe.online instanceof TfjsMlp ? "tfjs" : "ts";
  return {
    name: `DQN update, 4-${width}-${width}-2 (${backend})`,
    peer: "torch",
    pyCase: "dqn_update",
    params: () => ({
      width,
      obs_dim: OBS,
      actions: ACTIONS,
      batch: batchSize,
      params: f32(initial as Float32Array),
      first_indices: i32(firstIndices as Int32Array),
      transitions: TRANSITIONS,
    }),
    rtol: 1e-4,
    prepare: () => {
      const a = new DqnAgent(OBS, ACTIONS, { hiddenSizes: [width, width], minReplay: 1e9, seed: 1 });
      for (let i = 0; i < TRANSITIONS; i++) {
        const t = transition(i);
        a.replay.add(t.obs, t.action, t.reward, t.obs, t.terminated);
      }
      initial = Float32Array.from(a.online.params);
      // record the first batch the agent draws, so the peer's first update uses the same rows
      const sample = a.replay.sample.bind(a.replay);
      a.replay.sample = (size, rng): ReplayBatch => {
        const b = sample(size, rng);
        if (firstIndices === null) {
          firstIndices = Int32Array.from(b.indices);
          batchSize = size;
        }
        return b;
      };
      let first = true;
      return () => {
        const before = first ? Float32Array.from(a.online.params) : null;
        const stats = a.update();
        if (before === null) return Number.NaN;
        first = false;
        let moved = 0;
        const p = a.online.params;
        for (let i = 0; i < p.length; i++) moved += Math.abs((p[i] as number) - (before[i] as number));
        return stats.loss + moved;
      };
    },
  };
}

export const suite: PeerSuite = {
  script: "peers/dqn.py",
  init: async () => {
    await initBackend();
    return `DqnAgent backend 'auto' (per row), ${tfjsThreads(tf)}`;
  },
  cases: () => [64, 256, 512].map(dqnCase),
};
