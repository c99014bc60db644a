import { expm, initBackend, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { logProb, sample } from "./likelihood.js";
import type { VectorField } from "./vector-field.js";

/** v(x, t) = x Aᵀ (time independent): the flow map from 0 to 1 is expm(A). */
function linearField(a: number[][]): VectorField {
  const d = a.length;
  const at = tf.tensor2d(a.flat(), [d, d]).transpose();
  const kept = tf.keep(at) as tf.Tensor2D;
  return { dim: d, variables: [], apply: (x) => tf.matMul(x, kept), dispose: () => kept.dispose() };
}

/** log N(x; 0, M Mᵀ) for M = expm(A). */
function closedForm(a: number[][], x: Float64Array): number {
  const d = a.length;
  const M = expm({ rows: d, cols: d, data: Float64Array.from(a.flat()) }).data;
  // x = M z  ⇒  log p = log N(z; 0, I) − log|det M|, det expm(A) = e^{tr A}
  const minv = expm({ rows: d, cols: d, data: Float64Array.from(a.flat().map((v) => -v)) }).data;
  let q = 0;
  let tr = 0;
  for (let i = 0; i < d; i++) {
    let zi = 0;
    for (let k = 0; k < d; k++) zi += (minv[i * d + k] as number) * (x[k] as number);
    q += zi * zi;
    tr += (a[i] as number[])[i] as number;
  }
  void M;
  return -0.5 * q - 0.5 * d * Math.log(2 * Math.PI) - tr;
}

describe("logProb and sample", () => {
  beforeAll(async () => {
    await initBackend();
  });
  const A = [
    [-0.5, 0.8],
    [-0.3, 0.4],
  ];
  const xs = [Float64Array.from([0.3, -0.2]), Float64Array.from([1.2, 0.7]), Float64Array.from([-2, 0.1])];

  it("the NLL of the Gaussian pushed by an exact linear flow equals the closed form (RK4 cosine K = 200 and dopri5, 1e-3)", async () => {
    const field = linearField(A);
    const prior = { kind: "standard", dim: 2 } as const;
    const rk = await logProb(field, xs, { prior, ode: { steps: 200 } });
    const dp = await logProb(field, xs, { prior, ode: { method: "dopri5", rtol: 1e-6, atol: 1e-6 } });
    xs.forEach((x, i) => {
      expect(Math.abs((rk[i] as number) - closedForm(A, x))).toBeLessThan(1e-3);
      expect(Math.abs((dp[i] as number) - closedForm(A, x))).toBeLessThan(1e-3);
    });
    field.dispose();
  });

  it("Hutchinson's estimate is exact for a diagonal Jacobian (Rademacher probes: εᵀDε = tr D)", async () => {
    const D = [
      [-0.4, 0],
      [0, 0.7],
    ];
    const field = linearField(D);
    const lp = await logProb(field, xs, {
      prior: { kind: "standard", dim: 2 },
      divergence: { kind: "hutchinson", seed: 1 },
      ode: { steps: 100 },
    });
    xs.forEach((x, i) => {
      expect(Math.abs((lp[i] as number) - closedForm(D, x))).toBeLessThan(1e-3);
    });
    field.dispose();
  });

  it("leaves no tensors behind and sampling is seeded", async () => {
    const field = linearField(A);
    const before = tf.memory().numTensors;
    for (let r = 0; r < 2; r++) {
      await logProb(field, xs, { prior: { kind: "standard", dim: 2 }, ode: { steps: 5 } });
      await logProb(field, xs, { prior: { kind: "standard", dim: 2 }, ode: { method: "dopri5" } });
      await sample(field, 4, { prior: { kind: "standard", dim: 2 }, seed: 3, ode: { steps: 5 } });
    }
    expect(tf.memory().numTensors).toBe(before);
    const a = await sample(field, 4, { prior: { kind: "standard", dim: 2 }, seed: 3 });
    const b = await sample(field, 4, { prior: { kind: "standard", dim: 2 }, seed: 3 });
    expect(a).toEqual(b);
    field.dispose();
  });

  it("rejects a field of the wrong dimension", async () => {
    const field = linearField(A);
    await expect(logProb(field, xs, { prior: { kind: "standard", dim: 3 } })).rejects.toThrow(/field/);
    field.dispose();
  });
});
