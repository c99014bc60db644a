import { describe, expect, it } from "vitest";
import { AcrobotEnv, createAcrobot } from "./acrobot.js";

/**
 * An independent float64 implementation of docs/method.md §A.2's Acrobot (written separately, with the state as a
 * plain array and a generic RK4), used as the oracle of B.f-7.
 */
function referenceAcrobot(s0: number[], actions: number[]): number[][] {
  const f = (y: number[], a: number): number[] => {
    const [t1, t2, w1, w2] = y as [number, number, number, number];
    const d1 = 0.25 + (1 + 0.25 + Math.cos(t2)) + 2;
    const d2 = 0.25 + 0.5 * Math.cos(t2) + 1;
    const phi2 = 0.5 * 9.8 * Math.cos(t1 + t2 - Math.PI / 2);
    const phi1 =
      -0.5 * w2 * w2 * Math.sin(t2) - w2 * w1 * Math.sin(t2) + 1.5 * 9.8 * Math.cos(t1 - Math.PI / 2) + phi2;
    const a2 = (a + (d2 / d1) * phi1 - 0.5 * w1 * w1 * Math.sin(t2) - phi2) / (0.25 + 1 - (d2 * d2) / d1);
    const a1 = -(d2 * a2 + phi1) / d1;
    return [w1, w2, a1, a2];
  };
  const add = (y: number[], k: number[], h: number) => y.map((v, i) => v + h * (k[i] as number));
  const wrap = (x: number) => {
    let v = x;
    while (v > Math.PI) v -= 2 * Math.PI;
    while (v < -Math.PI) v += 2 * Math.PI;
    return v;
  };
  let y = [...s0];
  const out: number[][] = [];
  for (const act of actions) {
    const tau = act - 1;
    const k1 = f(y, tau);
    const k2 = f(add(y, k1, 0.1), tau);
    const k3 = f(add(y, k2, 0.1), tau);
    const k4 = f(add(y, k3, 0.2), tau);
    y = y.map(
      (v, i) =>
        v +
        (0.2 / 6) * ((k1[i] as number) + 2 * (k2[i] as number) + 2 * (k3[i] as number) + (k4[i] as number)),
    );
    y = [
      wrap(y[0] as number),
      wrap(y[1] as number),
      Math.min(Math.max(y[2] as number, -4 * Math.PI), 4 * Math.PI),
      Math.min(Math.max(y[3] as number, -9 * Math.PI), 9 * Math.PI),
    ];
    out.push(y);
  }
  return out;
}

describe("Acrobot-v1 (docs/method.md §A.2, oracle B.f-7)", () => {
  it("matches an independent float64 implementation over 30 steps to 1e-9", () => {
    const s0 = [0.05, -0.08, 0.02, 0.1];
    const actions = Array.from({ length: 30 }, (_, t) => [2, 2, 0, 1, 2, 0][t % 6] as number);
    const ref = referenceAcrobot(s0, actions);
    const env = new AcrobotEnv();
    env.reset({ state: Float64Array.from(s0) });
    actions.forEach((a, t) => {
      env.step(a);
      const s = env.getState();
      for (let i = 0; i < 4; i++)
        expect(Math.abs((s[i] as number) - ((ref[t] as number[])[i] as number))).toBeLessThan(1e-9);
    });
  });

  it("observation is (cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2), reward −1 until terminal", () => {
    const env = new AcrobotEnv();
    env.reset({ state: Float64Array.of(0.3, -0.2, 0, 0) });
    const r = env.step(1);
    const s = env.getState();
    expect(Array.from(r.obs)).toEqual([
      Math.cos(s[0] as number),
      Math.sin(s[0] as number),
      Math.cos(s[1] as number),
      Math.sin(s[1] as number),
      s[2],
      s[3],
    ]);
    expect(r.reward).toBe(-1);
  });

  it("terminates with reward 0 when the tip is above the bar (−cos θ1 − cos(θ1+θ2) > 1)", () => {
    const env = new AcrobotEnv();
    env.reset({ state: Float64Array.of(Math.PI, 0, 0, 0) });
    const r = env.step(1);
    expect(r.terminated).toBe(true);
    expect(r.reward).toBe(0);
  });

  it("random starts lie in [−0.1, 0.1]⁴ and the time limit is 500", () => {
    const env = createAcrobot({ seed: 3 });
    env.reset({ seed: 3 });
    for (const v of env.getState()) expect(Math.abs(v)).toBeLessThanOrEqual(0.1);
    let r = env.step(1);
    let t = 1;
    while (!r.terminated && !r.truncated) {
      r = env.step(1);
      t += 1;
    }
    expect(r.truncated).toBe(true);
    expect(t).toBe(500);
  });

  it("rejects actions outside {0, 1, 2}", () => {
    const env = new AcrobotEnv();
    env.reset();
    expect(() => env.step(3)).toThrow(/action/);
  });
});
