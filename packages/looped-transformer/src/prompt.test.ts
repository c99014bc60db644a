import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { conditionNumber } from "./condition-number.js";
import { assertPrompt, samplePrompt, samplePrompts } from "./prompt.js";

describe("samplePrompt", () => {
  it("same seed → identical prompt, different seed → different prompt", () => {
    const a = samplePrompt({ d: 4, n: 9, seed: 5, noise: 0.1 });
    const b = samplePrompt({ d: 4, n: 9, seed: 5, noise: 0.1 });
    const c = samplePrompt({ d: 4, n: 9, seed: 6, noise: 0.1 });
    expect(Array.from(a.X.data)).toEqual(Array.from(b.X.data));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(a.yq).toBe(b.yq);
    expect(Array.from(a.X.data)).not.toEqual(Array.from(c.X.data));
  });
  it("noiseless labels satisfy y = X w* and y_q = x_qᵀ w* exactly", () => {
    const p = samplePrompt({ d: 3, n: 7, seed: 1 });
    for (let i = 0; i < 7; i++) {
      let s = 0;
      for (let j = 0; j < 3; j++) s += (p.X.data[i * 3 + j] as number) * (p.wStar[j] as number);
      expect(p.y[i]).toBeCloseTo(s, 14);
    }
    let q = 0;
    for (let j = 0; j < 3; j++) q += (p.xq[j] as number) * (p.wStar[j] as number);
    expect(p.yq).toBeCloseTo(q, 14);
  });
  it("noise σ: the residuals y − X w* have standard deviation ≈ σ", () => {
    const ps = samplePrompts({ d: 2, n: 50, count: 200, noise: 0.5, seed: 3 });
    let s2 = 0;
    let m = 0;
    for (const p of ps) {
      for (let i = 0; i < 50; i++) {
        const r =
          (p.y[i] as number) -
          (p.X.data[2 * i] as number) * (p.wStar[0] as number) -
          (p.X.data[2 * i + 1] as number) * (p.wStar[1] as number);
        s2 += r * r;
        m++;
      }
    }
    expect(Math.sqrt(s2 / m)).toBeGreaterThan(0.47);
    expect(Math.sqrt(s2 / m)).toBeLessThan(0.53);
  });
  it("Gaussian prompts at n/d = 4, d = 5 have median κ near the protocol's Monte-Carlo value 4.6 (e.3)", () => {
    const ks = samplePrompts({ d: 5, n: 20, count: 400, seed: 9 })
      .map((p) => conditionNumber(p.X).kappa)
      .sort((a, b) => a - b);
    const med = ks[200] as number;
    expect(med).toBeGreaterThan(4.1);
    expect(med).toBeLessThan(5.2);
  });
  it.each([
    [{ d: 0, n: 5 }, "d"],
    [{ d: 2.5, n: 5 }, "d"],
    [{ d: 2, n: 0 }, "n"],
    [{ d: 2, n: 5, noise: -1 }, "noise"],
    [{ d: 2, n: 5, noise: Number.NaN }, "noise"],
    [{ d: 2, n: 5, kappa: 0.5 }, "kappa"],
    [{ d: 4, n: 2, kappa: 10 }, "n"],
    [{ d: 2, n: 5, lambdaMax: 0 }, "lambdaMax"],
    [{ d: 2, n: 5, seed: -1 }, "seed"],
  ])("rejects %o naming %s", (opts, parameter) => {
    try {
      samplePrompt(opts);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DescentError);
      expect((e as DescentError).parameter).toBe(parameter);
    }
  });
  it("samplePrompts rejects count = 0", () => {
    expect(() => samplePrompts({ d: 2, n: 3, count: 0 })).toThrow(/count/);
  });
  it("assertPrompt rejects mismatched lengths and non-finite entries", () => {
    const p = samplePrompt({ d: 2, n: 3, seed: 1 });
    expect(() => assertPrompt({ ...p, y: new Float64Array(2) })).toThrow(/prompt.y must have length 3/);
    expect(() => assertPrompt({ ...p, xq: Float64Array.from([1, Number.NaN]) })).toThrow(
      /prompt.xq must contain only finite/,
    );
    expect(() => assertPrompt({ ...p, yq: Number.POSITIVE_INFINITY })).toThrow(/prompt.yq/);
  });
});
