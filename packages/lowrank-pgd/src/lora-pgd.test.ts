import { initBackend, normalTensor, Rng, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { singularValues } from "./channel-svd.js";
import { attackObjective } from "./classifier.js";
import { createLinearProblem, spectralMatrix } from "./linear-problem.js";
import { loraPerturbation, loraPgd } from "./lora-pgd.js";
import { createMlp } from "./mlp.js";
import { useMlpFixture } from "./testing/mlp-fixture.js";
import { thrownParameter } from "./testing/thrown-parameter.js";

const relErr = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += ((a[i] as number) - (b[i] as number)) ** 2;
    den += (b[i] as number) ** 2;
  }
  return Math.sqrt(num / den);
};

describe("loraPgd", () => {
  const fx = useMlpFixture({ netSeed: 3, hiddenUnits: [32], batch: 6, imageSeed: 1 });

  it("without clipping every channel has rank ≤ r, ‖δ_b‖ = eps and U, V have shapes [.., H, r], [.., r, W] (docs/method.md §f.1)", () => {
    const x0 = tf.fill([2, 28, 28, 3], 0.5) as tf.Tensor4D; // |δ_ij| ≤ eps ≤ 0.5: nothing clips
    const labels = tf.tensor1d([1, 7], "int32");
    const colour = createMlp({ seed: 5, hiddenUnits: [16], inputShape: [28, 28, 3] });
    for (const rank of [1, 2, 5, 28]) {
      const r = loraPgd(colour.logits, x0, labels, { rank, eps: 0.5, init: { kind: "random", seed: rank } });
      expect(r.u.shape).toEqual([6, 28, rank]);
      expect(r.v.shape).toEqual([6, rank, 28]);
      const d = tf.sub(r.adv, x0);
      const norms = tf.sqrt(tf.sum(tf.square(tf.reshape(d, [2, -1])), 1)).dataSync();
      for (const n of norms) expect(Math.abs(n / 0.5 - 1)).toBeLessThan(1e-4);
      const data = d.dataSync();
      for (let b = 0; b < 2; b++) {
        for (let c = 0; c < 3; c++) {
          const m = new Float64Array(784);
          for (let p = 0; p < 784; p++) m[p] = data[b * 784 * 3 + p * 3 + c] as number;
          const s = singularValues(m, 28, 28);
          if (rank < 28) expect(s[rank] as number).toBeLessThanOrEqual(1e-4 * (s[0] as number));
        }
      }
      tf.dispose([r.adv, r.u, r.v, d]);
    }
    colour.dispose();
    tf.dispose([x0, labels]);
  });

  it("keeps ‖δ_b‖₂ ≤ eps(1+1e-5) and the box on sparse digits (docs/method.md §f.2)", () => {
    const r = loraPgd(fx.net.logits, fx.x, fx.y, { rank: 3, eps: 1.5 });
    const d = tf.sub(r.adv, fx.x);
    for (const n of tf.sqrt(tf.sum(tf.square(tf.reshape(d, [6, -1])), 1)).dataSync())
      expect(n).toBeLessThanOrEqual(1.5 * (1 + 1e-5));
    expect(tf.min(r.adv).dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(tf.max(r.adv).dataSync()[0]).toBeLessThanOrEqual(1);
    tf.dispose([r.adv, r.u, r.v, d]);
  });

  it("never beats and approaches the rank-r optimum eps·sqrt(σ₁²+…+σ_r²) on the linear model (docs/method.md §f.3)", () => {
    const sigma = Array.from({ length: 28 }, (_, i) => 5 * 0.7 ** i);
    const p = createLinearProblem({ weights: spectralMatrix(sigma, 28, 28, 17), height: 28, width: 28 });
    const x0 = p.images(2);
    const labels = tf.tensor1d([0, 0], "int32");
    for (const rank of [1, 2, 3, 5, 10, 28]) {
      for (const [steps, threshold] of [
        [10, 0.7],
        [50, 0.95],
      ] as const) {
        const r = loraPgd(p.logits, x0, labels, {
          rank,
          eps: 0.5,
          steps,
          init: { kind: "random", seed: rank },
        });
        const best = p.optimalGainRank(0.5, rank);
        for (const gain of p.gain(x0, r.adv)) {
          expect(gain / best).toBeLessThanOrEqual(1 + 1e-4);
          expect(gain / best).toBeGreaterThanOrEqual(threshold);
        }
        tf.dispose([r.adv, r.u, r.v]);
      }
    }
    // at full rank the rank-r optimum is the ℓ2 one (docs/method.md §f.3)
    expect(p.optimalGainRank(0.5, 28) / p.optimalGainL2(0.5)).toBeCloseTo(1, 10);
    tf.dispose([x0, labels]);
    p.dispose();
  });

  it("first step: U does not move and V₁ = UᵀGx/‖UᵀGx‖ per sample (docs/method.md §f.4)", () => {
    const init = { kind: "random" as const, seed: 21 };
    const r0 = loraPgd(fx.net.logits, fx.x, fx.y, { rank: 4, eps: 1, steps: 0, init });
    const r1 = loraPgd(fx.net.logits, fx.x, fx.y, { rank: 4, eps: 1, steps: 1, init });
    expect(tf.max(tf.abs(tf.sub(r1.u, r0.u))).dataSync()[0]).toBeLessThanOrEqual(1e-7);
    expect(tf.max(tf.abs(r0.v)).dataSync()[0]).toBe(0);
    const expected = tf.tidy(() => {
      // all pixels of x lie in [0, 1], so the clip mask at δ = 0 is all ones
      const gx = tf.grad((xx: tf.Tensor) => attackObjective(fx.net.logits(xx as tf.Tensor4D), fx.y, false))(
        fx.x,
      );
      const g3 = tf.reshape(gx, [6, 28, 28]);
      const ug = tf.matMul(r0.u, g3, true, false); // [B, r, W]
      const n = tf.sqrt(tf.sum(tf.square(tf.reshape(ug, [6, -1])), 1));
      return tf.div(ug, tf.reshape(n, [6, 1, 1]));
    });
    expect(relErr(r1.v.dataSync(), expected.dataSync())).toBeLessThan(1e-4);
    tf.dispose([r0.adv, r0.u, r0.v, r1.adv, r1.u, r1.v, expected]);
  });

  it("factor gradients equal ((∂L/∂P)·Vᵀ, Uᵀ·(∂L/∂P)) for V ≠ 0 (docs/method.md §f.5)", () => {
    const rng = new Rng(8);
    const u = normalTensor(rng, [6, 28, 3]) as tf.Tensor3D;
    const v = normalTensor(rng, [6, 3, 28]) as tf.Tensor3D;
    const lossOfP = (p: tf.Tensor) =>
      tf.tidy(() => {
        const flat = tf.reshape(p, [6, -1]);
        const n = tf.sqrt(tf.sum(tf.square(flat), 1, true));
        const delta = tf.reshape(tf.div(tf.mul(flat, 1.5), tf.add(n, 1e-10)), [6, 28, 28, 1]);
        return attackObjective(
          fx.net.logits(tf.clipByValue(tf.add(fx.x, delta), 0, 1) as tf.Tensor4D),
          fx.y,
          false,
        );
      });
    const lossOfUV = (uu: tf.Tensor, vv: tf.Tensor) =>
      attackObjective(
        fx.net.logits(
          tf.clipByValue(
            tf.add(fx.x, loraPerturbation(uu as tf.Tensor3D, vv as tf.Tensor3D, 6, 1, 1.5)),
            0,
            1,
          ) as tf.Tensor4D,
        ),
        fx.y,
        false,
      );
    const [gu, gv] = tf.grads(lossOfUV)([u, v]);
    const gp = tf.grad(lossOfP)(tf.matMul(u, v));
    const eu = tf.matMul(gp, v, false, true);
    const ev = tf.matMul(u, gp, true, false);
    expect(relErr((gu as tf.Tensor).dataSync(), eu.dataSync())).toBeLessThan(1e-4);
    expect(relErr((gv as tf.Tensor).dataSync(), ev.dataSync())).toBeLessThan(1e-4);
    tf.dispose([u, v, gu as tf.Tensor, gv as tf.Tensor, gp, eu, ev]);
  });

  it("factor gradients agree with float64 central differences on a pure-JS linear model (docs/method.md §f.5)", () => {
    const [h, w, r, eps, bias] = [5, 6, 2, 0.3, 1.7];
    const rng = new Rng(9);
    const g = rng.normalArray(h * w);
    const u0 = rng.normalArray(h * r);
    const v0 = rng.normalArray(r * w);
    // L(U, V) = softplus(⟨G, x + Δ(UV)⟩ + b) with x ≡ 0.5 (no clipping since |Δ| ≤ eps < 0.5)
    const loss64 = (u: Float64Array, v: Float64Array) => {
      const p = new Float64Array(h * w);
      for (let i = 0; i < h; i++)
        for (let j = 0; j < w; j++)
          for (let t = 0; t < r; t++) p[i * w + j]! += u[i * r + t]! * v[t * w + j]!;
      const n = Math.hypot(...p);
      let z = bias;
      for (let k = 0; k < h * w; k++) z += g[k]! * (0.5 + (eps * p[k]!) / (n + 1e-10));
      return Math.log1p(Math.exp(z));
    };
    const gT = tf.tensor2d(Float32Array.from(g), [h * w, 1]);
    const model = (xx: tf.Tensor4D) =>
      tf.tidy(() => {
        const z = tf.add(tf.matMul(tf.reshape(xx, [1, -1]), gT), bias);
        return tf.concat([tf.zerosLike(z), z], 1) as tf.Tensor2D;
      });
    const x0 = tf.fill([1, h, w, 1], 0.5) as tf.Tensor4D;
    const label = tf.tensor1d([0], "int32");
    const [gu, gv] = tf.grads((uu: tf.Tensor, vv: tf.Tensor) =>
      attackObjective(
        model(tf.add(x0, loraPerturbation(uu as tf.Tensor3D, vv as tf.Tensor3D, 1, 1, eps)) as tf.Tensor4D),
        label,
        false,
      ),
    )([tf.tensor3d(Float32Array.from(u0), [1, h, r]), tf.tensor3d(Float32Array.from(v0), [1, r, w])]);
    const fd = (which: "u" | "v") => {
      const base = which === "u" ? u0 : v0;
      const out = new Float64Array(base.length);
      for (let k = 0; k < base.length; k++) {
        const plus = base.slice();
        const minus = base.slice();
        plus[k]! += 1e-6;
        minus[k]! -= 1e-6;
        out[k] =
          which === "u"
            ? (loss64(plus, v0) - loss64(minus, v0)) / 2e-6
            : (loss64(u0, plus) - loss64(u0, minus)) / 2e-6;
      }
      return out;
    };
    expect(relErr((gu as tf.Tensor).dataSync(), fd("u"))).toBeLessThan(1e-3);
    expect(relErr((gv as tf.Tensor).dataSync(), fd("v"))).toBeLessThan(1e-3);
    tf.dispose([gu as tf.Tensor, gv as tf.Tensor, gT, x0, label]);
  });

  it("the gradient through eps·P/(‖P‖+ε_div) at P = 0 is finite and non-zero in V (docs/method.md §f.6)", () => {
    const u = normalTensor(new Rng(2), [6, 28, 2]) as tf.Tensor3D;
    const v = tf.zeros([6, 2, 28]) as tf.Tensor3D;
    const [gu, gv] = tf.grads((uu: tf.Tensor, vv: tf.Tensor) =>
      attackObjective(
        fx.net.logits(
          tf.clipByValue(
            tf.add(fx.x, loraPerturbation(uu as tf.Tensor3D, vv as tf.Tensor3D, 6, 1, 1)),
            0,
            1,
          ) as tf.Tensor4D,
        ),
        fx.y,
        false,
      ),
    )([u, v]);
    for (const value of (gu as tf.Tensor).dataSync()) expect(Number.isFinite(value)).toBe(true);
    for (const value of (gv as tf.Tensor).dataSync()) expect(Number.isFinite(value)).toBe(true);
    expect(tf.max(tf.abs(gv as tf.Tensor)).dataSync()[0]).toBeGreaterThan(0);
    // and the whole attack stays finite
    const r = loraPgd(fx.net.logits, fx.x, fx.y, { rank: 2, eps: 1 });
    for (const value of r.adv.dataSync()) expect(Number.isFinite(value)).toBe(true);
    tf.dispose([u, v, gu as tf.Tensor, gv as tf.Tensor, r.adv, r.u, r.v]);
  });

  it("eps = 0 returns x unchanged; rank ≥ min(H, W) is accepted (docs/method.md §f.7)", () => {
    const r = loraPgd(fx.net.logits, fx.x, fx.y, { rank: 2, eps: 0 });
    expect(tf.max(tf.abs(tf.sub(r.adv, fx.x))).dataSync()[0]).toBe(0);
    const full = loraPgd(fx.net.logits, fx.x, fx.y, { rank: 28, eps: 1, steps: 2 });
    expect(full.stateFloatsPerImage).toBe(28 * 56);
    tf.dispose([r.adv, r.u, r.v, full.adv, full.u, full.v]);
  });

  it("the gain ⟨G, δ⟩ is strictly increasing in eps at fixed rank and seed (docs/method.md §f.8)", () => {
    const p = createLinearProblem({ weights: new Rng(4).normalArray(784), height: 28, width: 28 });
    const x0 = p.images(1);
    const labels = tf.tensor1d([0], "int32");
    let last = -Infinity;
    for (const eps of [0.1, 0.2, 0.3, 0.4, 0.5]) {
      const r = loraPgd(p.logits, x0, labels, { rank: 3, eps, init: { kind: "random", seed: 1 } });
      const gain = p.gain(x0, r.adv)[0] as number;
      expect(gain).toBeGreaterThan(last);
      last = gain;
      tf.dispose([r.adv, r.u, r.v]);
    }
    tf.dispose([x0, labels]);
    p.dispose();
  });

  it("is reproducible: the same seed gives the same factors, another seed others", () => {
    const run = (seed: number) => {
      const r = loraPgd(fx.net.logits, fx.x, fx.y, {
        rank: 2,
        eps: 1,
        steps: 3,
        init: { kind: "random", seed },
      });
      const out = r.adv.dataSync().slice();
      tf.dispose([r.adv, r.u, r.v]);
      return out;
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it("explicit factors are copied, not consumed, and a targeted run descends the target's loss", () => {
    const u = normalTensor(new Rng(3), [6, 28, 2]) as tf.Tensor3D;
    const v = normalTensor(new Rng(4), [6, 2, 28]) as tf.Tensor3D;
    const targets = tf.tensor1d([9, 9, 9, 9, 9, 9], "int32");
    const before = tf.tidy(
      () => attackObjective(fx.net.logits(fx.x), targets, false).dataSync()[0] as number,
    );
    const r = loraPgd(fx.net.logits, fx.x, targets, {
      rank: 2,
      eps: 2,
      targeted: true,
      init: { kind: "factors", u, v },
    });
    expect(u.isDisposed).toBe(false);
    const after = tf.tidy(
      () => attackObjective(fx.net.logits(r.adv), targets, false).dataSync()[0] as number,
    );
    expect(after).toBeLessThan(before);
    tf.dispose([u, v, targets, r.adv, r.u, r.v]);
  });

  it("does not leak tensors (docs/method.md §f.13)", () => {
    const once = () => {
      const r = loraPgd(fx.net.logits, fx.x, fx.y, { rank: 3, eps: 1, steps: 3 });
      tf.dispose([r.adv, r.u, r.v]);
    };
    once();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) once();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("aborts with code 'aborted' and frees its state", () => {
    const controller = new AbortController();
    controller.abort();
    const before = tf.memory().numTensors;
    expect(() => loraPgd(fx.net.logits, fx.x, fx.y, { rank: 2, eps: 1, signal: controller.signal })).toThrow(
      expect.objectContaining({ code: "aborted" }),
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  describe("input validation names the parameter", () => {
    const cases: [string, () => unknown, string][] = [
      ["rank 0", () => loraPgd(fx.net.logits, fx.x, fx.y, { rank: 0, eps: 1 }), "rank"],
      ["rank larger than the matrix", () => loraPgd(fx.net.logits, fx.x, fx.y, { rank: 29, eps: 1 }), "rank"],
      ["rank fractional", () => loraPgd(fx.net.logits, fx.x, fx.y, { rank: 1.5, eps: 1 }), "rank"],
      ["eps negative", () => loraPgd(fx.net.logits, fx.x, fx.y, { rank: 1, eps: -0.1 }), "eps"],
      ["steps negative", () => loraPgd(fx.net.logits, fx.x, fx.y, { rank: 1, eps: 1, steps: -1 }), "steps"],
      [
        "init kind",
        () => loraPgd(fx.net.logits, fx.x, fx.y, { rank: 1, eps: 1, init: { kind: "svd" } as never }),
        "init.kind",
      ],
      [
        "init seed",
        () => loraPgd(fx.net.logits, fx.x, fx.y, { rank: 1, eps: 1, init: { kind: "random", seed: 0.5 } }),
        "init.seed",
      ],
      [
        "factor shape",
        () =>
          loraPgd(fx.net.logits, fx.x, fx.y, {
            rank: 2,
            eps: 1,
            init: {
              kind: "factors",
              u: tf.zeros([6, 28, 3]) as tf.Tensor3D,
              v: tf.zeros([6, 2, 28]) as tf.Tensor3D,
            },
          }),
        "init.u",
      ],
      [
        "x shape",
        () => loraPgd(fx.net.logits, tf.zeros([0, 28, 28, 1]) as tf.Tensor4D, fx.y, { rank: 1, eps: 1 }),
        "x",
      ],
      ["y shape", () => loraPgd(fx.net.logits, fx.x, tf.tensor1d([1], "int32"), { rank: 1, eps: 1 }), "y"],
      [
        "epsForDivision",
        () => loraPgd(fx.net.logits, fx.x, fx.y, { rank: 1, eps: 1, epsForDivision: -1 }),
        "epsForDivision",
      ],
    ];
    it.each(cases)("%s", (_name, call, parameter) => {
      expect(thrownParameter(call)).toBe(parameter);
    });
  });
});

describe("loraPerturbation", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("has per-sample ℓ2 norm eps over all channels (docs/method.md §c.3) and leaks nothing (docs/method.md §f.13)", () => {
    const rng = new Rng(5);
    const u = normalTensor(rng, [6, 8, 2]) as tf.Tensor3D; // 2 samples × 3 channels
    const v = normalTensor(rng, [6, 2, 7]) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const d = loraPerturbation(u, v, 2, 3, 0.75);
      expect(d.shape).toEqual([2, 8, 7, 3]);
      const norms = tf.tidy(() => tf.sqrt(tf.sum(tf.square(tf.reshape(d, [2, -1])), 1)).dataSync());
      for (const n of norms) expect(Math.abs(n - 0.75)).toBeLessThan(1e-5);
      d.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([u, v]);
  });

  it("rejects mismatched factors, sizes and budgets by name", () => {
    const u = tf.zeros([6, 8, 2]) as tf.Tensor3D;
    const v = tf.zeros([6, 2, 7]) as tf.Tensor3D;
    const vBad = tf.zeros([6, 3, 7]) as tf.Tensor3D;
    expect(thrownParameter(() => loraPerturbation(u, v, 4, 3, 1))).toBe("u");
    expect(thrownParameter(() => loraPerturbation(u, vBad, 2, 3, 1))).toBe("v");
    expect(thrownParameter(() => loraPerturbation(u, v, 0, 3, 1))).toBe("batch");
    expect(thrownParameter(() => loraPerturbation(u, v, 2, 1.5, 1))).toBe("channels");
    expect(thrownParameter(() => loraPerturbation(u, v, 2, 3, -1))).toBe("eps");
    expect(thrownParameter(() => loraPerturbation(u, v, 2, 3, Number.NaN))).toBe("eps");
    expect(thrownParameter(() => loraPerturbation(u, v, 2, 3, 1, 0))).toBe("epsForDivision");
    tf.dispose([u, v, vBad]);
  });
});
