/**
 * The attacks of @descent/lowrank-pgd against the same attacks written in PyTorch CPU
 * (`peers/attacks.py`, `pnpm bench:peers lowrank-pgd`): PGD-ℓ2 (ε 1.5, 10 steps, the package's default
 * step 1.8ε/10), PGD-ℓ∞ (ε 0.1, 10 steps of 2/255) and LoRa-PGD at rank 3 (ε 1.5, 10 steps), each on the
 * 784-256-10 MLP of `createMlp` with a batch of 128 sparse 28×28 images; both sides get the same weights,
 * images and labels. Both start from x (PGD-ℓ∞ with `randomStart: false`) and LoRa-PGD from the same
 * factors (`init: { kind: "factors" }`), so that the first results can be compared: the check is the sum
 * of the adversarial images.
 */
import { initBackend, Rng, tf } from "@descent/core-tensor";
import { f32, i32, type PeerCase, type PeerSuite, tfjsThreads } from "../../../tooling/bench-peers/suite.js";
import { createMlp, loraPgd, pgd } from "../src/index.js";
import { sparseImages } from "../src/testing/sparse-images.js";

const BATCH = 128;
const RANK = 3;

interface Inputs {
  net: ReturnType<typeof createMlp>;
  x: tf.Tensor4D;
  y: tf.Tensor1D;
  u0: tf.Tensor3D;
  v0: tf.Tensor3D;
  params: Record<string, unknown>;
}

function inputs(): Inputs {
  const net = createMlp({ seed: 1 });
  const x = sparseImages(BATCH, 2);
  const labels = Int32Array.from({ length: BATCH }, (_, i) => i % 10);
  const y = tf.tensor1d(labels, "int32");
  // LoRa start: u with unit Frobenius norm per image, v = 0 (the package's random start, made explicit)
  const rng = new Rng(5);
  const u = rng.fillNormal(new Float32Array(BATCH * 28 * RANK));
  for (let b = 0; b < BATCH; b++) {
    const row = u.subarray(b * 28 * RANK, (b + 1) * 28 * RANK);
    const n = Math.hypot(...row);
    for (let i = 0; i < row.length; i++) row[i] = (row[i] as number) / n;
  }
  const u0 = tf.tensor3d(u, [BATCH, 28, RANK]);
  const v0 = tf.zeros([BATCH, RANK, 28]) as tf.Tensor3D;
  const [w0, w1, b0, b1] = net.variables as tf.Variable[];
  const params = {
    w0: f32(w0?.dataSync() as Float32Array),
    b0: f32(b0?.dataSync() as Float32Array),
    w1: f32(w1?.dataSync() as Float32Array),
    b1: f32(b1?.dataSync() as Float32Array),
    x: f32(x.dataSync() as Float32Array),
    y: i32(labels),
    u0: f32(u),
    batch: BATCH,
    rank: RANK,
  };
  return { net, x, y, u0, v0, params };
}

let shared: Inputs | null = null;

function attackCase(name: string, pyCase: string, run: (s: Inputs) => tf.Tensor): PeerCase {
  return {
    name,
    peer: "torch",
    pyCase,
    params: () => (shared as Inputs).params,
    rtol: 1e-3,
    prepare: () => {
      shared ??= inputs();
      const s = shared;
      return () => {
        const adv = run(s);
        const sum = (adv.sum().dataSync() as Float32Array)[0] as number;
        adv.dispose();
        return sum;
      };
    },
  };
}

export const suite: PeerSuite = {
  script: "peers/attacks.py",
  init: async () => {
    await initBackend();
    return tfjsThreads(tf);
  },
  cases: () => [
    attackCase(
      "PGD-ℓ2, 10 steps, batch 128",
      "pgd_l2",
      (s) => pgd(s.net.logits, s.x, s.y, { norm: "l2", eps: 1.5 }).adv,
    ),
    attackCase(
      "PGD-ℓ∞, 10 steps, batch 128",
      "pgd_linf",
      (s) => pgd(s.net.logits, s.x, s.y, { norm: "linf", eps: 0.1, randomStart: false }).adv,
    ),
    attackCase("LoRa-PGD r=3, 10 steps, batch 128", "lora_pgd", (s) => {
      const r = loraPgd(s.net.logits, s.x, s.y, {
        rank: RANK,
        eps: 1.5,
        init: { kind: "factors", u: s.u0, v: s.v0 },
      });
      tf.dispose([r.u, r.v]);
      return r.adv;
    }),
  ],
};
