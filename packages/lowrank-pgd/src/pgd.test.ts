import { Rng, tf } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { createLinearProblem } from "./linear-problem.js";
import { fgsm, pgd } from "./pgd.js";
import { useMlpFixture } from "./testing/mlp-fixture.js";
import { thrownParameter } from "./testing/thrown-parameter.js";

function perSampleL2(t: tf.Tensor): number[] {
  return tf.tidy(() =>
    Array.from(tf.sqrt(tf.sum(tf.square(tf.reshape(t, [t.shape[0] as number, -1])), 1)).dataSync()),
  );
}

// A fixed G with both signs, for the linear closed forms (docs/method.md §f.3).
function weightsG(seed: number): Float64Array {
  return new Rng(seed).normalArray(784);
}

describe("pgd", () => {
  const fx = useMlpFixture({ netSeed: 3, hiddenUnits: [32], batch: 8, imageSeed: 1 });

  it("PGD-ℓ2 keeps ‖δ_b‖₂ ≤ eps(1+1e-5) and the box on sparse digits (docs/method.md §f.2)", () => {
    for (const randomStart of [false, "radial", "ball"] as const) {
      const { adv } = pgd(fx.net.logits, fx.x, fx.y, { norm: "l2", eps: 1.5, randomStart, seed: 4 });
      const d = tf.sub(adv, fx.x);
      for (const n of perSampleL2(d)) expect(n).toBeLessThanOrEqual(1.5 * (1 + 1e-5));
      expect(tf.min(adv).dataSync()[0]).toBeGreaterThanOrEqual(0);
      expect(tf.max(adv).dataSync()[0]).toBeLessThanOrEqual(1);
      tf.dispose([adv, d]);
    }
  });

  it("PGD-ℓ∞ keeps max|δ| ≤ eps + 1e-6 and the box (docs/method.md §f.2)", () => {
    const { adv } = pgd(fx.net.logits, fx.x, fx.y, { norm: "linf", eps: 0.1, alpha: 0.025 });
    const d = tf.sub(adv, fx.x);
    expect(tf.max(tf.abs(d)).dataSync()[0]).toBeLessThanOrEqual(0.1 + 1e-6);
    expect(tf.min(adv).dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(tf.max(adv).dataSync()[0]).toBeLessThanOrEqual(1);
    tf.dispose([adv, d]);
  });

  it("PGD-ℓ2 reaches the closed-form optimum eps·‖G‖_F on the linear model (docs/method.md §f.3)", () => {
    const g = weightsG(5);
    const p = createLinearProblem({ weights: g, height: 28, width: 28 });
    const x0 = p.images(2);
    const labels = tf.tensor1d([0, 0], "int32");
    const eps = 0.5; // ≤ 0.5 with x ≡ 0.5: nothing clips (docs/method.md §f.1)
    const { adv } = pgd(p.logits, x0, labels, { norm: "l2", eps, steps: 10 }); // steps·alpha = 1.8·eps ≥ eps
    for (const gain of p.gain(x0, adv)) expect(Math.abs(gain / p.optimalGainL2(eps) - 1)).toBeLessThan(1e-4);
    tf.dispose([adv, x0, labels]);
    p.dispose();
  });

  it("PGD-ℓ∞ reaches eps·‖G‖₁ exactly on the linear model, also from a random start with steps·alpha ≥ 2·eps (docs/method.md §f.3)", () => {
    const p = createLinearProblem({ weights: weightsG(6), height: 28, width: 28 });
    const x0 = p.images(2);
    const labels = tf.tensor1d([0, 0], "int32");
    const eps = 0.1;
    const a = pgd(p.logits, x0, labels, { norm: "linf", eps, alpha: 0.025, steps: 4, randomStart: false });
    const b = pgd(p.logits, x0, labels, {
      norm: "linf",
      eps,
      alpha: 0.025,
      steps: 8,
      randomStart: "uniform",
      seed: 2,
    });
    for (const r of [a, b]) {
      for (const gain of p.gain(x0, r.adv))
        expect(Math.abs(gain / p.optimalGainLinf(eps) - 1)).toBeLessThan(1e-5);
      r.adv.dispose();
    }
    tf.dispose([x0, labels]);
    p.dispose();
  });

  it("a targeted attack moves towards the target class on the linear model", () => {
    const p = createLinearProblem({ weights: weightsG(7), height: 28, width: 28, margin: -10 });
    const x0 = p.images(1);
    const target = tf.tensor1d([1], "int32");
    const { adv } = pgd(p.logits, x0, target, { norm: "l2", eps: 0.5, targeted: true });
    // descending the target-1 loss increases logit 1 - logit 0 = ⟨G, x⟩ + b, the optimal gain again
    expect(p.gain(x0, adv)[0]! / p.optimalGainL2(0.5)).toBeGreaterThan(0.9999);
    tf.dispose([adv, x0, target]);
    p.dispose();
  });

  it("FGSM is one sign step of length eps", () => {
    const p = createLinearProblem({ weights: weightsG(8), height: 28, width: 28 });
    const x0 = p.images(1);
    const labels = tf.tensor1d([0], "int32");
    const { adv } = fgsm(p.logits, x0, labels, { eps: 0.05 });
    expect(p.gain(x0, adv)[0]! / p.optimalGainLinf(0.05)).toBeCloseTo(1, 5);
    tf.dispose([adv, x0, labels]);
    p.dispose();
  });

  it("eps = 0 returns x unchanged (docs/method.md §f.7)", () => {
    for (const norm of ["l2", "linf"] as const) {
      const { adv } = pgd(fx.net.logits, fx.x, fx.y, {
        norm,
        eps: 0,
        randomStart: norm === "linf" ? "uniform" : false,
      });
      expect(tf.max(tf.abs(tf.sub(adv, fx.x))).dataSync()[0]).toBe(0);
      adv.dispose();
    }
  });

  it("the gain ⟨G, δ⟩ of PGD-ℓ2 is strictly increasing in eps on the linear model (docs/method.md §f.8)", () => {
    const p = createLinearProblem({ weights: weightsG(9), height: 28, width: 28 });
    const x0 = p.images(1);
    const labels = tf.tensor1d([0], "int32");
    let last = -Infinity;
    for (const eps of [0.1, 0.2, 0.3, 0.4, 0.5]) {
      const { adv } = pgd(p.logits, x0, labels, { norm: "l2", eps });
      const gain = p.gain(x0, adv)[0] as number;
      expect(gain).toBeGreaterThan(last);
      last = gain;
      adv.dispose();
    }
    tf.dispose([x0, labels]);
    p.dispose();
  });

  it("the same seed gives the same random start; another seed a different one", () => {
    const run = (seed: number) => {
      const { adv } = pgd(fx.net.logits, fx.x, fx.y, {
        norm: "l2",
        eps: 1,
        randomStart: "radial",
        seed,
        steps: 2,
      });
      const out = adv.dataSync().slice();
      adv.dispose();
      return out;
    };
    expect(run(11)).toEqual(run(11));
    expect(run(11)).not.toEqual(run(12));
  });

  it("does not leak tensors (docs/method.md §f.13)", () => {
    pgd(fx.net.logits, fx.x, fx.y, { norm: "l2", eps: 1 }).adv.dispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      pgd(fx.net.logits, fx.x, fx.y, { norm: "l2", eps: 1, randomStart: "ball" }).adv.dispose();
      pgd(fx.net.logits, fx.x, fx.y, { norm: "linf", eps: 0.1 }).adv.dispose();
      fgsm(fx.net.logits, fx.x, fx.y, { eps: 0.1 }).adv.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it("reports the attack state C·H·W and a positive time", () => {
    const r = pgd(fx.net.logits, fx.x, fx.y, { norm: "l2", eps: 1, steps: 1 });
    expect(r.stateFloatsPerImage).toBe(784);
    expect(r.timeMs).toBeGreaterThan(0);
    r.adv.dispose();
  });

  it("aborts between steps with code 'aborted' and frees its state", () => {
    const controller = new AbortController();
    const before = tf.memory().numTensors;
    expect(() =>
      pgd(fx.net.logits, fx.x, fx.y, {
        norm: "l2",
        eps: 1,
        signal: controller.signal,
        onProgress: (k) => {
          if (k === 2) controller.abort();
        },
      }),
    ).toThrow(expect.objectContaining({ code: "aborted" }));
    expect(tf.memory().numTensors).toBe(before);
  });

  describe("input validation names the parameter", () => {
    const cases: [string, () => unknown, string][] = [
      ["norm", () => pgd(fx.net.logits, fx.x, fx.y, { norm: "l1" as never, eps: 1 }), "norm"],
      ["negative eps", () => pgd(fx.net.logits, fx.x, fx.y, { norm: "l2", eps: -1 }), "eps"],
      ["NaN eps", () => pgd(fx.net.logits, fx.x, fx.y, { norm: "l2", eps: Number.NaN }), "eps"],
      ["fractional steps", () => pgd(fx.net.logits, fx.x, fx.y, { norm: "l2", eps: 1, steps: 2.5 }), "steps"],
      ["zero alpha", () => pgd(fx.net.logits, fx.x, fx.y, { norm: "l2", eps: 1, alpha: 0 }), "alpha"],
      [
        "cube start for l2",
        () => pgd(fx.net.logits, fx.x, fx.y, { norm: "l2", eps: 1, randomStart: "uniform" }),
        "randomStart",
      ],
      [
        "ball start for linf",
        () => pgd(fx.net.logits, fx.x, fx.y, { norm: "linf", eps: 0.1, randomStart: "ball" }),
        "randomStart",
      ],
      [
        "projectRank 0",
        () => pgd(fx.net.logits, fx.x, fx.y, { norm: "l2", eps: 1, projectRank: 0 }),
        "projectRank",
      ],
      [
        "projectRank with linf",
        () => pgd(fx.net.logits, fx.x, fx.y, { norm: "linf", eps: 0.1, projectRank: 2 }),
        "norm",
      ],
      [
        "box",
        () => pgd(fx.net.logits, fx.x, fx.y, { norm: "l2", eps: 1, clipMin: 1, clipMax: 0 }),
        "clipMax",
      ],
      [
        "x outside the box",
        () => pgd(fx.net.logits, tf.mul(fx.x, 2) as tf.Tensor4D, fx.y, { norm: "l2", eps: 1 }),
        "x",
      ],
      ["x rank 2", () => pgd(fx.net.logits, tf.zeros([2, 784]) as never, fx.y, { norm: "l2", eps: 1 }), "x"],
      [
        "x NaN",
        () =>
          pgd(fx.net.logits, tf.fill([1, 28, 28, 1], Number.NaN) as tf.Tensor4D, tf.tensor1d([0], "int32"), {
            norm: "l2",
            eps: 1,
          }),
        "x",
      ],
      ["y length", () => pgd(fx.net.logits, fx.x, tf.tensor1d([0, 1], "int32"), { norm: "l2", eps: 1 }), "y"],
      [
        "y out of classes",
        () => pgd(fx.net.logits, fx.x, tf.fill([8], 10, "int32") as tf.Tensor1D, { norm: "l2", eps: 1 }),
        "y",
      ],
      [
        "y negative",
        () => pgd(fx.net.logits, fx.x, tf.fill([8], -1, "int32") as tf.Tensor1D, { norm: "l2", eps: 1 }),
        "y",
      ],
      ["model not a function", () => pgd(42 as never, fx.x, fx.y, { norm: "l2", eps: 1 }), "model"],
      [
        "model output shape",
        () =>
          pgd((xb) => tf.reshape(xb, [xb.shape[0], -1]).sum(1) as never, fx.x, fx.y, { norm: "l2", eps: 1 }),
        "model",
      ],
      ["seed", () => pgd(fx.net.logits, fx.x, fx.y, { norm: "l2", eps: 1, seed: 0.5 }), "seed"],
      [
        "epsForDivision",
        () => pgd(fx.net.logits, fx.x, fx.y, { norm: "l2", eps: 1, epsForDivision: 0 }),
        "epsForDivision",
      ],
    ];
    it.each(cases)("%s", (_name, call, parameter) => {
      expect(thrownParameter(call)).toBe(parameter);
    });
  });
});

describe("fgsm", () => {
  const fx = useMlpFixture({ netSeed: 4, hiddenUnits: [16], batch: 4, imageSeed: 9 });

  it("does not leak tensors over repeated calls (docs/method.md §f.13)", () => {
    const before = tf.memory().numTensors;
    for (const norm of ["linf", "l2", "linf"] as const)
      fgsm(fx.net.logits, fx.x, fx.y, { eps: 0.1, norm }).adv.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("rejects a negative or NaN budget, an unknown norm and bad labels by name", () => {
    expect(thrownParameter(() => fgsm(fx.net.logits, fx.x, fx.y, { eps: -0.1 }))).toBe("eps");
    expect(thrownParameter(() => fgsm(fx.net.logits, fx.x, fx.y, { eps: Number.NaN }))).toBe("eps");
    expect(thrownParameter(() => fgsm(fx.net.logits, fx.x, fx.y, { eps: 0.1, norm: "l1" as never }))).toBe(
      "norm",
    );
    const short = tf.tensor1d([0], "int32");
    expect(thrownParameter(() => fgsm(fx.net.logits, fx.x, short, { eps: 0.1 }))).toBe("y");
    short.dispose();
  });
});
