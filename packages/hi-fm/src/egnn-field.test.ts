import { initBackend, Rng, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { egnnField } from "./egnn-field.js";
import { hessianInformedPath, volumeMatchedEndTemperature } from "./hessian-informed-path.js";
import { hessianSpectra } from "./hessian-spectra.js";
import { lennardJones, tetrahedron } from "./lennard-jones.js";
import { logProb } from "./likelihood.js";
import { mala } from "./mala.js";
import { actOnParticles, randomOrthogonalMatrix } from "./particles.js";
import { trainFlowMatching } from "./train.js";

describe("egnnField", () => {
  beforeAll(async () => {
    await initBackend();
  });
  const layout = { nParticles: 5, spaceDim: 3 } as const;

  it("is equivariant: v(Gx + τ) = G v(x) under random rotations/reflections, permutations and translations (1e-4), with CoM-free output", async () => {
    const field = egnnField({ layout, width: 16, layers: 2, coordInitStd: 0.5, seed: 2 });
    const rng = new Rng(3);
    for (let trial = 0; trial < 3; trial++) {
      const x = rng.fillNormal(new Float64Array(15));
      const R = randomOrthogonalMatrix(3, rng);
      const perm = rng.permutation(5);
      const tau = [rng.normal(), rng.normal(), rng.normal()];
      const gx = actOnParticles(x, layout, R, perm, tau);
      const t = tf.tensor1d([0.37, 0.37]);
      const v = field.apply(tf.tensor2d([Array.from(x), Array.from(gx)]), t);
      const data = await v.data();
      tf.dispose([t, v]);
      const vx = Float64Array.from(data.subarray(0, 15));
      const vgx = Float64Array.from(data.subarray(15, 30));
      const gvx = actOnParticles(vx, layout, R, perm);
      const scale = Math.max(...Array.from(vx, Math.abs));
      expect(scale).toBeGreaterThan(1e-3);
      for (let k = 0; k < 15; k++)
        expect(Math.abs((vgx[k] as number) - (gvx[k] as number))).toBeLessThan(1e-4 * Math.max(1, scale));
      for (let a = 0; a < 3; a++) {
        let c = 0;
        for (let i = 0; i < 5; i++) c += vx[i * 3 + a] as number;
        expect(Math.abs(c)).toBeLessThan(1e-5);
      }
    }
    field.dispose();
  });

  it("LJ4 smoke test: HI-FM trains an EGNN without leaks; the Hutchinson NLL is finite and invariant under G (≤ 0.05 nats)", async () => {
    const lj = { nParticles: 4, spaceDim: 3 } as const;
    const e = lennardJones({ layout: lj });
    const data = mala(e, {
      beta: 4,
      stepSize: 1e-3,
      chains: 4,
      burnIn: 200,
      thin: 20,
      samples: 32,
      init: () => tetrahedron(),
      layout: lj,
      seed: 1,
    }).samples;
    const spectra = hessianSpectra(e, data, { floor: 1, cap: 100, layout: lj });
    const path = hessianInformedPath(data, spectra, {
      endTemperature: volumeMatchedEndTemperature(0.2, spectra),
      layout: lj,
    });
    const field = egnnField({ layout: lj, width: 8, layers: 2, seed: 1 });
    const before = tf.memory().numTensors;
    const r = await trainFlowMatching(field, path, { steps: 10, batchSize: 8, learningRate: 5e-4, seed: 2 });
    expect(r.losses.every(Number.isFinite)).toBe(true);
    const rng = new Rng(4);
    const x = data.slice(0, 4);
    const R = randomOrthogonalMatrix(3, rng);
    const gx = x.map((xi) => actOnParticles(xi, lj, R, Int32Array.from([3, 1, 0, 2])));
    const opts = {
      prior: { kind: "com-free", layout: lj } as const,
      ode: { steps: 10 },
      divergence: { kind: "exact" } as const,
    };
    const a = await logProb(field, x, opts);
    const b = await logProb(field, gx, opts);
    const h = await logProb(field, x, { ...opts, divergence: { kind: "hutchinson", seed: 1 } });
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < 4; i++) {
      expect(Number.isFinite(h[i])).toBe(true);
      expect(Math.abs((a[i] as number) - (b[i] as number))).toBeLessThan(0.01);
    }
    field.dispose();
  });

  it("rejects an invalid layout", () => {
    expect(() => egnnField({ layout: { nParticles: 1, spaceDim: 3 }, seed: 1 })).toThrow(/nParticles/);
  });
});
