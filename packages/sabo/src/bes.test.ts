import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { Bes } from "./bes.js";
import { minimize } from "./minimize.js";

describe("BES (docs/method.md §c.6)", () => {
  it("queries x and K probes x ± c per coordinate, K + 1 values per iteration", () => {
    const opt = new Bes({ dim: 4, directions: 5, smoothing: 0.1, mean0: 2 });
    const { points, phase } = opt.ask();
    expect(phase).toBe("probe");
    expect(points).toHaveLength(6);
    expect(Array.from(points[0] as Float64Array)).toEqual([2, 2, 2, 2]);
    for (const p of points.slice(1)) for (const v of p) expect([1.9, 2.1]).toContain(Math.round(v * 10) / 10);
  });
  it("on a linear function its step is the exact gradient step in expectation: x moves by −lr·a·(mean of b bᵀ)", () => {
    // F(x) = aᵀx ⇒ F(x + c b) − F(x) = c aᵀb ⇒ ĝ = (1/K) Σ b bᵀ a; with K = 1 and d = 1, b² = 1 ⇒ ĝ = a exactly
    const opt = new Bes({ dim: 1, directions: 1, learningRate: 0.5, mean0: 3 });
    const { points } = opt.ask();
    opt.tell(points.map((x) => 2 * (x[0] as number)));
    expect(opt.recommendation()[0]).toBeCloseTo(3 - 0.5 * 2, 14);
  });
  it("descends on a quadratic", async () => {
    const f = (x: Float64Array) => x.reduce((a, v) => a + v * v, 0);
    const run = await minimize(f, new Bes({ dim: 10, mean0: 1, learningRate: 0.05, seed: 1 }), {
      maxEvaluations: 5050,
    });
    expect(f(run.x)).toBeLessThan(1e-2); // from F(x0) = 10
    expect(run.evaluations).toBe(5050);
  });
  it.each([
    [{ dim: 2, directions: 0 }, /directions/],
    [{ dim: 2, learningRate: 0 }, /learningRate/],
    [{ dim: 2, smoothing: -1 }, /smoothing/],
    [{ dim: -1 }, /dim/],
  ] as const)("rejects %o", (options, pattern) => {
    expect(() => new Bes(options as never)).toThrow(DescentError);
    expect(() => new Bes(options as never)).toThrow(pattern);
  });
});
