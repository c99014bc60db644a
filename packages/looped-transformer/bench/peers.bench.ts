/**
 * One training step's forward and backward of the looped LSA (`lsaLossAndGradient`, the general full-LSA
 * backward) at the reproduction's sizes (batch 128, d = 5, n = 20, T = 4, prediction task) against the
 * same loss differentiated by PyTorch autograd in float64 (`peers/looped_lsa.py`,
 * `pnpm bench:peers looped-transformer`), on the same prompts and weights. The check is the loss plus
 * Σ|∂P| + Σ|∂Q|. The package's default 'sparse' fast path (reduced backward) is a specialisation with no
 * PyTorch counterpart; `pnpm --filter @descent/looped-transformer bench` compares it with this path.
 */
import { float64Kernels, randomNormalMatrix } from "@descent/core-tensor";
import { f64, type PeerCase, type PeerSuite } from "../../../tooling/bench-peers/suite.js";
import { embedResidual, lsaLossAndGradient, samplePrompts } from "../src/index.js";

const B = 128;
const d = 5;
const n = 20;
const T = 4;

function stepCase(): PeerCase {
  const prompts = samplePrompts({ d, n, count: B, seed: 1 });
  const D = d + 1;
  const scale = (m: { rows: number; cols: number; data: Float64Array }) => ({
    ...m,
    data: m.data.map((v) => 0.1 * v),
  });
  const P = scale(randomNormalMatrix(2, D, D));
  const Q = scale(randomNormalMatrix(3, D, D));
  const Z = new Float64Array(B * D * (n + 1));
  prompts.forEach((p, b) => {
    Z.set(embedResidual(p).data, b * D * (n + 1));
  });
  const yq = Float64Array.from(prompts, (p) => p.yq);
  const sumAbs = (a: Float64Array) => a.reduce((s, v) => s + Math.abs(v), 0);
  return {
    name: `looped LSA loss + gradient, batch ${B}, d=${d}, n=${n}, T=${T}`,
    peer: "torch",
    pyCase: "lsa_step",
    params: { z: f64(Z), yq: f64(yq), p: f64(P.data), q: f64(Q.data), batch: B, D, N: n + 1, loops: T },
    rtol: 1e-9,
    prepare: () => () => {
      const r = lsaLossAndGradient([{ P, Q }], prompts, T, "prediction");
      return (
        r.loss +
        sumAbs((r.gradP[0] as { data: Float64Array }).data) +
        sumAbs((r.gradQ[0] as { data: Float64Array }).data)
      );
    },
  };
}

export const suite: PeerSuite = {
  script: "peers/looped_lsa.py",
  init: async () =>
    `${float64Kernels() === "wasm" ? "float64 WebAssembly SIMD kernels" : "plain-TS float64 kernels"} (core-tensor), 1 thread`,
  cases: () => [stepCase()],
};
