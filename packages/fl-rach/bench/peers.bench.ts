/**
 * The hot path of @descent/fl-rach against numpy / PyTorch CPU (`peers/local_step.py`,
 * `pnpm bench:peers fl-rach`): top-K sparsification of a d = 25 450 update (K = 5 %) by quickselect vs
 * numpy's argpartition, and one local update of the 784-32-10 MLP (`tfjsMlpTrainer` defaults: 2 SGD
 * steps of batch 32, learning rate 0.05, mean softmax cross-entropy) vs the same two steps with PyTorch
 * autograd, on the same weights and the same minibatch rows (those the package's counter RNG picks for
 * user 0 at frame 0). Checks: the sum of the selected indices; Σ|Δw| of the local update.
 */
import { initBackend, Rng, tf } from "@descent/core-tensor";
import { f32, i32, type PeerCase, type PeerSuite, tfjsThreads } from "../../../tooling/bench-peers/suite.js";
import { counterRng, iidPartition, RngStream, selectTopK, tfjsMlpTrainer } from "../src/index.js";

const D = 25_450;
const K = Math.ceil(0.05 * D);

function topKCase(): PeerCase {
  const a = Float32Array.from(new Rng(1).normalArray(D));
  return {
    name: `top-K, d=${D}, K=${K}`,
    peer: "numpy",
    pyCase: "top_k",
    params: { a: f32(a), k: K },
    rtol: 0,
    prepare: () => () => {
      let s = 0;
      for (const i of selectTopK(a, K).indices) s += i;
      return s;
    },
  };
}

function localUpdateCase(): PeerCase {
  const rng = new Rng(1);
  const n = 2000;
  const x = Float32Array.from({ length: n * 784 }, () => rng.float());
  const y = Int32Array.from({ length: n }, () => rng.int(0, 10));
  const partition = iidPartition({ samples: n, users: 10, seed: 1 });
  const trainer = tfjsMlpTrainer({ layers: [784, 32, 10], data: { x, y, inputDim: 784 }, partition });
  const w0 = trainer.init(1);
  const crng = counterRng(1);
  const userRows = partition[0] as number[];
  // the rows the trainer draws for user 0 at frame 0 (2 steps × batch 32), sent to the peer
  const picked = Int32Array.from(
    { length: 64 },
    (_, k) => userRows[Math.floor(crng.uniform(RngStream.Sampling, 0, 0, k) * userRows.length)] as number,
  );
  return {
    name: "local update 784-32-10, 2 SGD steps of batch 32",
    peer: "torch",
    pyCase: "local_update",
    params: { x: f32(x), y: i32(y), w: f32(w0), rows: i32(picked), lr: 0.05 },
    rtol: 1e-4,
    prepare: () => () => {
      const delta = trainer.localUpdate(w0, 0, 0, crng);
      let s = 0;
      for (const v of delta) s += Math.abs(v);
      return s;
    },
  };
}

export const suite: PeerSuite = {
  script: "peers/local_step.py",
  init: async () => {
    await initBackend();
    return tfjsThreads(tf);
  },
  cases: () => [topKCase(), localUpdateCase()],
};
