import { eigh, Rng, randomSymmetric } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { type Clock, hessianInformedPath, volumeMatchedEndTemperature } from "./hessian-informed-path.js";
import { hessianSpectrum, isotropicSpectra } from "./hessian-spectra.js";

/** Mean ψ_t(0) and covariance M Mᵀ of the affine flow map x0 ↦ ψ_t(x0) = m + M x0. */
function affineMoments(path: ReturnType<typeof hessianInformedPath>, t: number) {
  const d = path.dim;
  const xt = new Float64Array(d);
  const tg = new Float64Array(d);
  path.flowInto(0, new Float64Array(d), t, xt, tg);
  const mean = Float64Array.from(xt);
  const M = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    const e = new Float64Array(d);
    e[k] = 1;
    path.flowInto(0, e, t, xt, tg);
    for (let r = 0; r < d; r++) M[r * d + k] = (xt[r] as number) - (mean[r] as number);
  }
  const cov = new Float64Array(d * d);
  for (let a = 0; a < d; a++)
    for (let b = 0; b < d; b++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (M[a * d + k] as number) * (M[b * d + k] as number);
      cov[a * d + b] = s;
    }
  return { mean, cov };
}

describe("hessianInformedPath", () => {
  it("shared clock: mean and covariance equal the OU solution of the Lyapunov ODE at s = −ln(1−t)/κ (1e-8)", () => {
    const d = 4;
    const { A } = randomSymmetric(new Rng(3), [0.7, 1.3, 2.1, 4.0]);
    const c = Float64Array.from([0.5, -1, 2, 0.3]);
    const D = 0.2;
    const kappa = 0.7;
    const sp = hessianSpectrum(A.data, d, { floor: 1e-3 });
    const path = hessianInformedPath([c], [sp], { endTemperature: D, clock: { kind: "shared", kappa } });
    for (const t of [0.2, 0.6]) {
      const sEnd = -Math.log(1 - t) / kappa;
      // independent RK4 of dS/ds = −AS − SA + 2D I, dm/ds = −A(m − c)
      const steps = 4000;
      const h = sEnd / steps;
      let S = new Float64Array(d * d);
      for (let i = 0; i < d; i++) S[i * d + i] = 1;
      let m = new Float64Array(d);
      const a = A.data;
      const rhsS = (X: Float64Array) => {
        const out = new Float64Array(d * d);
        for (let i = 0; i < d; i++)
          for (let j = 0; j < d; j++) {
            let v = i === j ? 2 * D : 0;
            for (let k = 0; k < d; k++)
              v -=
                (a[i * d + k] as number) * (X[k * d + j] as number) +
                (X[i * d + k] as number) * (a[k * d + j] as number);
            out[i * d + j] = v;
          }
        return out;
      };
      const rhsM = (y: Float64Array) => {
        const out = new Float64Array(d);
        for (let i = 0; i < d; i++) {
          let v = 0;
          for (let k = 0; k < d; k++) v -= (a[i * d + k] as number) * ((y[k] as number) - (c[k] as number));
          out[i] = v;
        }
        return out;
      };
      const rk4 = (y: Float64Array, f: (z: Float64Array) => Float64Array) => {
        const k1 = f(y);
        const k2 = f(y.map((v, i) => v + 0.5 * h * (k1[i] as number)));
        const k3 = f(y.map((v, i) => v + 0.5 * h * (k2[i] as number)));
        const k4 = f(y.map((v, i) => v + h * (k3[i] as number)));
        return y.map(
          (v, i) =>
            v +
            (h / 6) * ((k1[i] as number) + 2 * (k2[i] as number) + 2 * (k3[i] as number) + (k4[i] as number)),
        );
      };
      for (let s = 0; s < steps; s++) {
        S = rk4(S, rhsS);
        m = rk4(m, rhsM);
      }
      const got = affineMoments(path, t);
      for (let k = 0; k < d * d; k++)
        expect(Math.abs((got.cov[k] as number) - (S[k] as number))).toBeLessThan(1e-8);
      for (let k = 0; k < d; k++)
        expect(Math.abs((got.mean[k] as number) - (m[k] as number))).toBeLessThan(1e-8);
    }
  });

  it("reproduces the path table: λ = (1, 25), D = 0.01, κ = 1", () => {
    const sp = { dim: 2, values: Float64Array.from([1, 25]), vectors: Float64Array.from([1, 0, 0, 1]) };
    const x1 = Float64Array.from([0, 0]);
    const shared = hessianInformedPath([x1], [sp], {
      endTemperature: 0.01,
      clock: { kind: "shared", kappa: 1 },
    });
    const perMode = hessianInformedPath([x1], [sp], { endTemperature: 0.01 });
    const c5 = affineMoments(shared, 0.5).cov;
    expect(c5[0]).toBeCloseTo(0.2575, 10);
    expect(c5[3]).toBeCloseTo(0.0004 + (0.5 ** 25) ** 2 * (1 - 0.0004), 12);
    expect(affineMoments(shared, 0.9).cov[0]).toBeCloseTo(0.0199, 10);
    const p5 = affineMoments(perMode, 0.5).cov;
    expect(p5[0]).toBeCloseTo(0.2575, 10);
    expect(p5[3]).toBeCloseTo(0.2503, 10);
  });

  for (const clock of [{ kind: "per-mode" }, { kind: "shared", kappa: 1.5 }] as Clock[]) {
    it(`${clock.kind} clock: central differences of ψ_t equal the target and the x-form field (1e-7)`, () => {
      const rng = new Rng(11);
      const d = 3;
      const { A } = randomSymmetric(rng, [1.5, 4, 9]);
      const sp = hessianSpectrum(A.data, d, { floor: 1, cap: 50 });
      const x1 = Float64Array.from([1, -2, 0.5]);
      const path = hessianInformedPath([x1], [sp], { endTemperature: 0.05, clock });
      const x0 = rng.fillNormal(new Float64Array(d));
      const hstep = 1e-6;
      for (const t of [0.1, 0.5, 0.9]) {
        const xp = new Float64Array(d);
        const xm = new Float64Array(d);
        const xt = new Float64Array(d);
        const tg = new Float64Array(d);
        const junk = new Float64Array(d);
        path.flowInto(0, x0, t + hstep, xp, junk);
        path.flowInto(0, x0, t - hstep, xm, junk);
        path.flowInto(0, x0, t, xt, tg);
        const u = path.field(0, xt, t);
        for (let k = 0; k < d; k++) {
          const fd = ((xp[k] as number) - (xm[k] as number)) / (2 * hstep);
          expect(Math.abs(fd - (tg[k] as number))).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd)));
          expect(Math.abs((u[k] as number) - (tg[k] as number))).toBeLessThan(
            1e-9 * Math.max(1, Math.abs(fd)),
          );
        }
      }
    });
  }

  it("continuity equation ∂_t p + ∇·(p u) = 0 holds on the path by central differences", () => {
    const rng = new Rng(5);
    const { A } = randomSymmetric(rng, [2, 7]);
    const sp = hessianSpectrum(A.data, 2, { floor: 1 });
    const path = hessianInformedPath([Float64Array.from([0.4, 1])], [sp], { endTemperature: 0.1 });
    const x = Float64Array.from([0.3, 0.5]);
    const t = 0.4;
    const h = 1e-5;
    const p = (y: ArrayLike<number>, s: number) => Math.exp(path.logDensity(0, y, s));
    const dpdt = (p(x, t + h) - p(x, t - h)) / (2 * h);
    let div = 0;
    for (let k = 0; k < 2; k++) {
      const xp = Float64Array.from(x);
      const xm = Float64Array.from(x);
      xp[k] = (xp[k] as number) + h;
      xm[k] = (xm[k] as number) - h;
      div +=
        (p(xp, t) * (path.field(0, xp, t)[k] as number) - p(xm, t) * (path.field(0, xm, t)[k] as number)) /
        (2 * h);
    }
    expect(Math.abs(dpdt + div)).toBeLessThan(1e-6 * Math.abs(dpdt));
    // and the analytic divergence agrees with differences of the field
    let fdDiv = 0;
    for (let k = 0; k < 2; k++) {
      const xp = Float64Array.from(x);
      const xm = Float64Array.from(x);
      xp[k] = (xp[k] as number) + h;
      xm[k] = (xm[k] as number) - h;
      fdDiv += ((path.field(0, xp, t)[k] as number) - (path.field(0, xm, t)[k] as number)) / (2 * h);
    }
    expect(path.divergence(0, t)).toBeCloseTo(fdDiv, 6);
  });

  it("H̃ = I, κ = 1, D = 0 reduces to the straight line t x_1 + (1−t) x_0 with target x_1 − x_0 (both clocks)", () => {
    const x1 = Float64Array.from([2, -1]);
    const x0 = Float64Array.from([0.3, 0.7]);
    const sp = isotropicSpectra(2, 1, 1);
    for (const clock of [{ kind: "per-mode" }, { kind: "shared", kappa: 1 }] as Clock[]) {
      const path = hessianInformedPath([x1], sp, { endTemperature: 0, clock });
      const xt = new Float64Array(2);
      const tg = new Float64Array(2);
      path.flowInto(0, x0, 0.3, xt, tg);
      for (let k = 0; k < 2; k++) {
        expect(xt[k]).toBeCloseTo(0.3 * (x1[k] as number) + 0.7 * (x0[k] as number), 14);
        expect(tg[k]).toBeCloseTo((x1[k] as number) - (x0[k] as number), 14);
      }
    }
  });

  it("Monte-Carlo moments of ψ_t(x_0 | x_1) match the analytic mean within 4 standard errors", () => {
    const rng = new Rng(9);
    const { A } = randomSymmetric(rng, [1, 16]);
    const sp = hessianSpectrum(A.data, 2, { floor: 1 });
    const path = hessianInformedPath([Float64Array.from([1, 1])], [sp], { endTemperature: 0.04 });
    const t = 0.7;
    const { mean, cov } = affineMoments(path, t);
    const n = 20000;
    const sum = new Float64Array(2);
    const xt = new Float64Array(2);
    const tg = new Float64Array(2);
    const x0 = new Float64Array(2);
    for (let i = 0; i < n; i++) {
      rng.fillNormal(x0);
      path.flowInto(0, x0, t, xt, tg);
      sum[0] = (sum[0] as number) + (xt[0] as number);
      sum[1] = (sum[1] as number) + (xt[1] as number);
    }
    for (let k = 0; k < 2; k++) {
      const se = Math.sqrt((cov[k * 3] as number) / n);
      expect(Math.abs((sum[k] as number) / n - (mean[k] as number))).toBeLessThan(4 * se);
    }
    // the endpoint covariance is D H̃⁻¹
    const end = affineMoments(path, 1).cov;
    const { values } = eigh({ rows: 2, cols: 2, data: end });
    expect(values[0]).toBeCloseTo(0.04 / 16, 12);
    expect(values[1]).toBeCloseTo(0.04, 12);
  });

  it("rejects spectra that do not match the data and a negative end temperature", () => {
    const sp = isotropicSpectra(2, 1, 1);
    expect(() =>
      hessianInformedPath([new Float64Array(2), new Float64Array(2)], sp, { endTemperature: 0.1 }),
    ).toThrow(/spectra/);
    expect(() => hessianInformedPath([new Float64Array(2)], sp, { endTemperature: -1 })).toThrow(
      /endTemperature/,
    );
    expect(() =>
      hessianInformedPath([new Float64Array(2)], sp, {
        endTemperature: 1,
        clock: { kind: "shared", kappa: 0 },
      }),
    ).toThrow(/kappa/);
    expect(() => volumeMatchedEndTemperature(0, sp)).toThrow(/sigma/);
    expect(() => volumeMatchedEndTemperature(-0.1, sp)).toThrow(/sigma/);
  });
});
