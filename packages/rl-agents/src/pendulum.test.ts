import { describe, expect, it } from "vitest";
import { angleNormalize, createPendulum, PendulumEnv } from "./pendulum.js";

describe("Pendulum-v1 (docs/method.md §A.2, oracle B.f-7)", () => {
  it("matches an independent float64 implementation over 30 steps to 1e-9 (state and reward)", () => {
    const env = new PendulumEnv();
    let th = 2.5;
    let w = -0.7;
    env.reset({ state: Float64Array.of(th, w) });
    for (let t = 0; t < 30; t++) {
      const u = 3 * Math.sin(t); // exceeds the ±2 clip on some steps
      const uc = Math.max(-2, Math.min(2, u));
      let n = (th + Math.PI) % (2 * Math.PI);
      if (n < 0) n += 2 * Math.PI;
      n -= Math.PI;
      const cost = n * n + 0.1 * w * w + 0.001 * uc * uc;
      w = Math.max(-8, Math.min(8, w + (15 * Math.sin(th) + 3 * uc) * 0.05));
      th = th + w * 0.05;
      const r = env.step(Float64Array.of(u));
      const s = env.getState();
      expect(Math.abs((s[0] as number) - th)).toBeLessThan(1e-9);
      expect(Math.abs((s[1] as number) - w)).toBeLessThan(1e-9);
      expect(Math.abs(r.reward + cost)).toBeLessThan(1e-9);
      expect(r.terminated).toBe(false);
    }
  });

  it("angleNormalize maps into [−π, π) like Python's floored modulo", () => {
    expect(angleNormalize(0)).toBe(0);
    expect(angleNormalize(3 * Math.PI)).toBeCloseTo(-Math.PI, 12);
    expect(angleNormalize(-0.5)).toBeCloseTo(-0.5, 15);
    expect(angleNormalize(7)).toBeCloseTo(7 - 2 * Math.PI, 12);
  });

  it("truncates at 200 steps and never terminates", () => {
    const env = createPendulum({ seed: 1 });
    env.reset({ seed: 1 });
    let r = env.step(0);
    let t = 1;
    while (!r.truncated) {
      expect(r.terminated).toBe(false);
      r = env.step(0);
      t += 1;
    }
    expect(t).toBe(200);
  });

  it("rejects a non-finite torque", () => {
    const env = new PendulumEnv();
    env.reset();
    expect(() => env.step(Float64Array.of(Number.NaN))).toThrow(/action/);
  });
});
