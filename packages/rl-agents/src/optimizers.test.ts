import { describe, expect, it } from "vitest";
import { Adam, AdamRel, createOptimizer, RmsProp, Sgd } from "./optimizers.js";

describe("optimizers with a mutable learning rate (docs/method.md §A.5, oracle B.f-6)", () => {
  it("after learningRate = η, one Adam step on a quadratic equals the closed-form Adam update", () => {
    // f(θ) = ½·θ², g = θ. Two steps at η0, then switch to η1 (moments kept).
    const opt = new Adam({ learningRate: 0.1, epsilon: 1e-8 });
    const p = Float32Array.of(2);
    let m = 0;
    let v = 0;
    let theta = 2;
    const step = (eta: number, t: number) => {
      const g = theta;
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      theta -= (eta * (m / (1 - 0.9 ** t))) / (Math.sqrt(v / (1 - 0.999 ** t)) + 1e-8);
    };
    for (let t = 1; t <= 2; t++) {
      opt.step(p, Float32Array.of(p[0] as number));
      step(0.1, t);
    }
    opt.learningRate = 0.01;
    opt.step(p, Float32Array.of(p[0] as number));
    step(0.01, 3);
    expect(p[0]).toBeCloseTo(theta, 5);
    expect(opt.iterations).toBe(3);
  });

  it("SGD moves by exactly −η·g and honours gradient-norm clipping", () => {
    const sgd = new Sgd({ learningRate: 0.5 });
    const p = Float32Array.of(1, 1);
    sgd.step(p, Float32Array.of(2, -4));
    expect(Array.from(p)).toEqual([0, 3]);
    const clipped = new Sgd({ learningRate: 1, maxGradNorm: 1 });
    const q = Float32Array.of(0, 0);
    clipped.step(q, Float32Array.of(3, 4));
    expect(q[0]).toBeCloseTo(-0.6, 6);
    expect(q[1]).toBeCloseTo(-0.8, 6);
  });

  it("RMSProp (uncentred, no momentum) equals θ − η·g/√(ρv + (1−ρ)g² + ε)", () => {
    const opt = new RmsProp({ learningRate: 0.1, decay: 0.9, epsilon: 1e-6, centered: false });
    const p = Float32Array.of(1);
    opt.step(p, Float32Array.of(0.5));
    expect(p[0]).toBeCloseTo(1 - (0.1 * 0.5) / Math.sqrt(0.1 * 0.25 + 1e-6), 6);
  });

  it("RMSProp-M accumulates momentum: the second identical step is larger", () => {
    const opt = new RmsProp({ learningRate: 0.01, momentum: 0.9, centered: false });
    const p = Float32Array.of(0);
    opt.step(p, Float32Array.of(1));
    const d1 = -(p[0] as number);
    opt.step(p, Float32Array.of(1));
    const d2 = -(p[0] as number) - d1;
    expect(d2).toBeGreaterThan(d1);
  });

  it("AdamRel restarts the bias-correction timestep at a target update, keeping the moments", () => {
    const opt = new AdamRel({ learningRate: 0.1 });
    const p = Float32Array.of(0);
    for (let i = 0; i < 5; i++) opt.step(p, Float32Array.of(1));
    opt.onTargetUpdate();
    const before = p[0] as number;
    opt.step(p, Float32Array.of(1));
    // six unit gradients: m = 1 − 0.9⁶, v = 1 − 0.999⁶, corrected with t = 1 (not 6)
    const m = 1 - 0.9 ** 6;
    const v = 1 - 0.999 ** 6;
    expect(before - (p[0] as number)).toBeCloseTo((0.1 * (m / 0.1)) / (Math.sqrt(v / 0.001) + 1e-8), 5);
    // the timestep restart differs from plain Adam when the gradient changes
    const a = new Adam({ learningRate: 0.1 });
    const r = new AdamRel({ learningRate: 0.1 });
    const pa = Float32Array.of(0);
    const pr = Float32Array.of(0);
    for (let i = 0; i < 3; i++) {
      a.step(pa, Float32Array.of(1));
      r.step(pr, Float32Array.of(1));
    }
    r.onTargetUpdate();
    a.step(pa, Float32Array.of(-1));
    r.step(pr, Float32Array.of(-1));
    expect(pa[0]).not.toBeCloseTo(pr[0] as number, 4);
  });

  it("rejects non-positive rates, bad betas and mismatched lengths", () => {
    expect(() => new Adam({ learningRate: 0 })).toThrow(/learningRate/);
    expect(() => new Adam({ learningRate: 1, beta1: 1 })).toThrow(/beta1/);
    expect(() => new RmsProp({ learningRate: 1, decay: -0.1 })).toThrow(/decay/);
    expect(() => new Sgd({ learningRate: 1, maxGradNorm: -1 })).toThrow(/maxGradNorm/);
    const opt = new Sgd({ learningRate: 1 });
    expect(() => {
      opt.learningRate = Number.NaN;
    }).toThrow(/learningRate/);
    expect(() => opt.step(new Float32Array(2), new Float32Array(3))).toThrow(/grads/);
    expect(() => createOptimizer("lion" as "adam", { learningRate: 1 })).toThrow(/optimizer/);
  });
});
