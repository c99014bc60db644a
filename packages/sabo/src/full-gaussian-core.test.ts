import { eigh, inverse, matmul, matrix64, qr, Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { Ingo } from "./ingo.js";
import { minimize } from "./minimize.js";
import { Sabo } from "./sabo.js";

const d = 6;
/** A rotated ellipsoid (condition 10³): non-separable, so a diagonal Σ cannot adapt to it. */
function rotatedEllipsoid(seed: number): (x: Float64Array) => number {
  const q = qr(matrix64(d, d, new Rng(seed).normalArray(d * d))).Q.data;
  const w = Float64Array.from({ length: d }, (_, j) => 10 ** ((3 * j) / (d - 1)));
  return (x) => {
    let s = 0;
    for (let i = 0; i < d; i++) {
      let y = 0;
      for (let j = 0; j < d; j++) y += (q[i * d + j] as number) * (x[j] as number);
      s += (w[i] as number) * y * y;
    }
    return s;
  };
}

/** ½ δμᵀΣ⁻¹δμ + ¼ tr((Σ⁻¹δΣ)²), the quadratic KL (2) for full covariances (docs/method.md §c.4). */
function fullQuadraticKL(
  mean: Float64Array,
  cov: Float64Array,
  pMean: Float64Array,
  pCov: Float64Array,
): number {
  const n = mean.length;
  const inv = inverse(matrix64(n, n, cov.slice()));
  const dm = pMean.map((v, j) => v - (mean[j] as number));
  let a = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) a += (dm[i] as number) * (inv.data[i * n + j] as number) * (dm[j] as number);
  const dS = matrix64(
    n,
    n,
    pCov.map((v, k) => v - (cov[k] as number)),
  );
  const m = matmul(inv, dS);
  const m2 = matmul(m, m);
  let tr = 0;
  for (let i = 0; i < n; i++) tr += m2.data[i * n + i] as number;
  return 0.5 * a + 0.25 * tr;
}

function oneIteration(opt: Sabo, f: (x: Float64Array) => number): void {
  const it = opt.iteration;
  while (opt.iteration === it) {
    const { points } = opt.ask();
    opt.tell(points.map(f));
  }
}

describe("full-covariance SABO/INGO (docs/method.md §c.4 full variant, c.6 INGO full)", () => {
  const f = rotatedEllipsoid(3);
  it("the perturbation meets the full quadratic KL = ρ² when the eigenvalue clip is inactive", () => {
    const opt = new Sabo({ dim: d, mean0: 1, rho: 0.1, covariance: "full", seed: 4 });
    for (let t = 0; t < 5; t++) {
      const before = opt.state;
      oneIteration(opt, f);
      const p = opt.lastPerturbation!;
      const kl = fullQuadraticKL(before.mean, before.covariance!, p.mean, p.covariance!);
      expect(Math.abs(kl / 0.01 - 1)).toBeLessThan(1e-8);
    }
  });
  it("with a large ρ the clipped perturbation stays inside the ball and Σ̃, Σ stay positive definite", () => {
    const opt = new Sabo({ dim: d, mean0: 1, rho: 8, covariance: "full", seed: 5, learningRate: 0.3 });
    for (let t = 0; t < 30; t++) {
      const before = opt.state;
      oneIteration(opt, f);
      const p = opt.lastPerturbation!;
      expect(fullQuadraticKL(before.mean, before.covariance!, p.mean, p.covariance!)).toBeLessThanOrEqual(
        64 * (1 + 1e-9),
      );
      expect(eigh(matrix64(d, d, p.covariance!)).values[0]).toBeGreaterThan(0);
      expect(eigh(matrix64(d, d, opt.state.covariance!)).values[0]).toBeGreaterThan(0);
    }
  });
  it("ρ = 0 gives full INGO step for step", () => {
    const a = new Sabo({ dim: d, mean0: 1, rho: 0, covariance: "full", seed: 6 });
    const b = new Ingo({ dim: d, mean0: 1, covariance: "full", seed: 6 });
    for (let t = 0; t < 20; t++) {
      oneIteration(a, f);
      oneIteration(b as unknown as Sabo, f);
    }
    expect(Array.from(a.state.covariance!)).toEqual(Array.from(b.state.covariance!));
    expect(Array.from(a.state.mean)).toEqual(Array.from(b.state.mean));
  });
  it("adapts to a rotated ellipsoid that defeats the diagonal version", async () => {
    const common = { dim: d, mean0: 1, learningRate: 0.2, seed: 1 };
    const run = (opt: Sabo | Ingo) =>
      minimize(f, opt, { maxIterations: 300, maxEvaluations: Number.POSITIVE_INFINITY });
    const full = await run(new Ingo({ ...common, covariance: "full" }));
    const diag = await run(new Ingo(common));
    const saboFull = await run(new Sabo({ ...common, rho: 1, covariance: "full" }));
    const saboMult = await run(
      new Sabo({ ...common, rho: 1, covariance: "full", covarianceUpdate: "multiplicative" }),
    );
    expect(f(full.x)).toBeLessThan(1e-6);
    expect(f(saboFull.x)).toBeLessThan(1e-4);
    expect(f(saboMult.x)).toBeLessThan(1e-4);
    expect(f(diag.x)).toBeGreaterThan(100 * f(saboFull.x));
    expect(saboFull.evaluations).toBe(300 * 40);
  });
  it("'current' mean preconditioning also descends", async () => {
    const r = await minimize(
      f,
      new Sabo({
        dim: d,
        mean0: 1,
        rho: 1,
        covariance: "full",
        meanPreconditioner: "current",
        learningRate: 0.2,
      }),
      {
        maxIterations: 200,
        maxEvaluations: Number.POSITIVE_INFINITY,
      },
    );
    expect(f(r.x)).toBeLessThan(1e-2 * f(new Float64Array(d).fill(1)));
  });
});
