import { initBackend, Rng, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { hutchinsonDivergence } from "./likelihood.js";
import { removeCenterOfMassInPlace } from "./particles.js";
import type { VectorField } from "./vector-field.js";

describe("hutchinsonDivergence", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("mean over 10⁴ Rademacher probes is within 4 SE of tr A; CoM-projected probes give the subspace trace tr(PAP)", async () => {
    const layout = { nParticles: 3, spaceDim: 2 } as const;
    const d = 6;
    const rng = new Rng(5);
    const a = rng.fillNormal(new Float64Array(d * d));
    const At = tf.tensor2d(
      Array.from({ length: d * d }, (_, k) => a[(k % d) * d + Math.floor(k / d)] as number),
      [d, d],
    );
    const field: VectorField = {
      dim: d,
      variables: [],
      apply: (x) => tf.matMul(x, At),
      dispose: () => At.dispose(),
    };
    const n = 10000;
    const x = tf.zeros([n, d]) as tf.Tensor2D;
    // P = (I − 11ᵀ/n) ⊗ I_s; tr(PAP) = tr(PA)
    let trA = 0;
    let trPA = 0;
    for (let i = 0; i < d; i++) {
      trA += a[i * d + i] as number;
      for (let k = 0; k < d; k++) {
        const p = (i % 2 === k % 2 ? 1 : 0) * ((i === k ? 1 : 0) - 1 / 3);
        trPA += p * (a[k * d + i] as number);
      }
    }
    for (const [project, expected] of [
      [false, trA],
      [true, trPA],
    ] as const) {
      const e = new Float32Array(n * d);
      for (let k = 0; k < e.length; k++) e[k] = rng.rademacher();
      if (project)
        for (let b = 0; b < n; b++) removeCenterOfMassInPlace(e.subarray(b * d, (b + 1) * d), layout);
      const eps = tf.tensor2d(e, [n, d]);
      const { v, div } = hutchinsonDivergence(field, x, 0.5, eps);
      const vals = Array.from(await div.data());
      tf.dispose([v, div, eps]);
      const m = vals.reduce((s, q) => s + q, 0) / n;
      const se = Math.sqrt(vals.reduce((s, q) => s + (q - m) ** 2, 0) / (n - 1) / n);
      expect(Math.abs(m - expected)).toBeLessThan(4 * se);
    }
    x.dispose();
    field.dispose();
  });
});
